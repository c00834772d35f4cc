// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RecoveryControls } from '../../../renderer/src/features/recovery/RecoveryControls';
import { defaultAnalysisSettings, type RecoverySettings } from '../../../shared/contract/settings';

afterEach(cleanup);

describe('the list order among the recovery thresholds', () => {
  it('offers balanced, money first and surest first, says what each buys, and hands the choice on with the other thresholds kept', () => {
    const start = defaultAnalysisSettings().recovery;
    const changes: RecoverySettings[] = [];
    const { rerender } = render(<RecoveryControls value={start} onChange={(next) => changes.push(next)} />);
    const select = screen.getByLabelText('List order') as HTMLSelectElement;
    expect(Array.from(select.options, (o) => [o.value, o.textContent])).toEqual([
      ['balanced', 'Balanced'],
      ['money', 'Money first'],
      ['sure', 'Surest first'],
    ]);
    expect(select.value).toBe('balanced');
    expect(document.getElementById('list-order-hint')?.textContent).toContain('As much weight on the chance of a slide as this data asks');
    fireEvent.change(select, { target: { value: 'sure' } });
    expect(changes).toEqual([{ ...start, listOrder: 'sure' }]);
    rerender(<RecoveryControls value={changes[0]} onChange={(next) => changes.push(next)} />);
    expect(document.getElementById('list-order-hint')?.textContent).toBe('The likeliest slides first, whatever their size: surer calls, less of the money.');
  });
});

describe('the value floor typed into its field', () => {
  it('takes 250 typed into a cleared field as 250, names its unit, and refuses a negative or a word without changing the setting', () => {
    const start = { ...defaultAnalysisSettings().recovery, minRevenue: 0 };
    const changes: number[] = [];
    render(<RecoveryControls value={start} onChange={(next) => changes.push(next.minRevenue)} unit="GBP" />);
    const field = screen.getByLabelText('Ignore customers and relationships under (GBP per year)') as HTMLInputElement;
    fireEvent.change(field, { target: { value: '' } });
    expect(field.value).toBe('');
    expect(document.getElementById('min-revenue-problem')?.textContent).toBe('Type an amount (0 for none).');
    fireEvent.change(field, { target: { value: '250' } });
    expect(field.value).toBe('250');
    expect(changes).toEqual([250]);
    fireEvent.change(field, { target: { value: '-50' } });
    expect(document.getElementById('min-revenue-problem')?.textContent).toBe("'-50' is not an amount of 0 or more: the setting stays at 0.");
    fireEvent.change(field, { target: { value: 'lots' } });
    expect(changes).toEqual([250]);
    // Thousands grouped as written: 1,000 is a thousand, not 1.
    fireEvent.change(field, { target: { value: '1,000' } });
    expect(changes).toEqual([250, 1000]);
  });
});

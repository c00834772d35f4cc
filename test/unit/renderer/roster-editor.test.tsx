// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RosterEditor } from '../../../renderer/src/features/assignment/RosterEditor';
import type { RosterRep } from '../../../shared/contract/assignment';

afterEach(cleanup);

const ann: RosterRep = { name: 'Ann Lee', kind: 'outside', territory: 'United Kingdom', capacity: 20, active: true, dataAccounts: 12 };

describe('the rep roster being edited', () => {
  it("refuses a name already on it in another case, saying which row to edit, and adds nothing", () => {
    render(<RosterEditor roster={[ann]} onSaved={() => {}} />);
    fireEvent.change(screen.getByLabelText('Add a rep'), { target: { value: 'ann  lee' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByTestId('roster-add-problem').textContent).toBe('Ann Lee is already on the roster (names are matched whatever their case and spacing): edit that row instead.');
    expect(screen.queryByLabelText('Capacity of ann  lee')).toBeNull();
  });

  it('says why a capacity holds the save back, beside the table, not only in a tooltip', () => {
    render(<RosterEditor roster={[ann]} onSaved={() => {}} />);
    fireEvent.change(screen.getByLabelText('Capacity of Ann Lee'), { target: { value: '-5' } });
    expect(screen.getByTestId('roster-problems').textContent).toContain('Capacity of Ann Lee: "-5" is not a whole number of accounts of 0 or more');
    expect((screen.getByTestId('roster-save') as HTMLButtonElement).disabled).toBe(true);
  });
});

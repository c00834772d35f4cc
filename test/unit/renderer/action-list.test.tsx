// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ActionList } from '../../../renderer/src/components/ActionList';
import { makeFormatters } from '../../../renderer/src/app/format';
import type { Action } from '../../../shared/model/results';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const fmt = makeFormatters('USD', 'en-US');
const action = (kind: Action['kind'], expectedRevenue: number): Action => ({
  id: `${kind}:C1:Dairy`,
  kind,
  customerCode: 'C1',
  customerName: 'Cedar Point Eatery',
  category: 'Dairy',
  expectedRevenue,
  priority: 80,
  reason: 'A reason with its numbers.',
  facts: {},
  tier: 'long-tail',
  profile: null,
  rep: null,
  territory: null,
});
const both = [action('recovery', 2_740), { ...action('growth', 9_000), facts: { expectedLow: 6_000, expectedHigh: 12_000 } }];
const heading = (text: RegExp) => screen.getAllByRole('columnheader').find((h) => text.test(h.textContent ?? ''));

describe('the money column of an action list', () => {
  it('reads "per year" at the default horizon, where recovery money and growth money are both a year', () => {
    render(<ActionList label="Top actions" actions={both} fmt={fmt} onOpen={() => undefined} horizonDays={365} />);
    expect(heading(/^Expected/)?.textContent).toContain('Expected / yr');
  });

  it('says what each kind is over when the run states recovery money over a shorter horizon', () => {
    render(<ActionList label="Top actions" actions={both} fmt={fmt} onOpen={() => undefined} horizonDays={100} />);
    const h = heading(/^Expected/);
    expect(h?.textContent).not.toContain('/ yr');
    // The header's sort button says it on hover.
    expect(h?.querySelector('button.sort')?.getAttribute('title')).toBe("Expected: for growth a year of what peers buy, for recovery the money at risk over the next 100 days (the run's recovery horizon)");
  });

  it('says growth money covers the days of data, not a year, when the data is younger than a year', () => {
    render(<ActionList label="Growth actions" actions={[both[1]]} fmt={fmt} onOpen={() => undefined} kind={false} range horizonDays={365} windowDays={182} />);
    const h = heading(/^Expected/);
    expect(h?.textContent).not.toContain('/ yr');
    expect(h?.querySelector('button.sort')?.getAttribute('title')).toBe("Expected: for growth what peers buy over the 182 days of data, for recovery the money at risk over the next 12 months (the run's recovery horizon)");
    expect(heading(/^Likely range/)?.textContent).not.toContain('/ yr');
  });

  it('leaves out a column no row fills: a file that names no reps or territories shows none', () => {
    render(<ActionList label="Plain actions" actions={both} fmt={fmt} onOpen={() => undefined} horizonDays={365} />);
    const headings = screen.getAllByRole('columnheader').map((h) => h.textContent ?? '');
    expect(headings.some((h) => /^Rep/.test(h))).toBe(false);
    expect(headings.some((h) => /^Territory/.test(h))).toBe(false);
    cleanup();
    render(<ActionList label="Plain actions" actions={[{ ...both[0], rep: 'Ann' }, both[1]]} fmt={fmt} onOpen={() => undefined} horizonDays={365} />);
    expect(screen.getAllByRole('columnheader').some((h) => /^Rep/.test(h.textContent ?? ''))).toBe(true);
  });

  it('heads a recovery-only list with the horizon the money is over', () => {
    render(<ActionList label="Recovery actions" actions={[both[0]]} fmt={fmt} onOpen={() => undefined} kind={false} recoveryOnly horizonDays={183} weighted />);
    expect(heading(/^At risk/)?.textContent).toContain('At risk, 6 months');
  });
});

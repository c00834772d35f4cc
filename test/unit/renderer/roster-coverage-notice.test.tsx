// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { assignmentSettingsSchema, type AccountAssignment } from '../../../shared/contract/assignment';
import { planAssignments } from '../../../shared/analytics/assignment';
import { repLoads, territoryLoads } from '../../../shared/analytics/assignment-loads';
import { RosterCoverageNotice } from '../../../renderer/src/features/assignment/RosterCoverageNotice';

afterEach(cleanup);

const settings = assignmentSettingsSchema.parse({});
const roster = [
  { name: 'Ana Ruiz', kind: 'inside' as const, territory: 'Metro', capacity: 2, active: true },
  { name: 'Ben Carter', kind: 'outside' as const, territory: 'Metro', capacity: 50, active: true },
];

/** A plan's loads as the store makes them, over accounts of the given territories. */
function planOver(territories: string[]) {
  const actions = territories.map((territory, i) => ({
    customerCode: `C${i}`,
    customerName: `Customer ${i}`,
    kind: 'recovery' as const,
    expectedRevenue: 1000 - i,
    priority: 50,
    tier: 'long-tail' as const,
    rep: null,
    territory,
  }));
  const accounts: AccountAssignment[] = planAssignments({ actions, roster, overrides: new Map(), settings, currency: 'GBP' });
  const reps = repLoads(accounts, roster, settings);
  return { reps, territories: territoryLoads(accounts, reps, new Map(), settings), settings };
}

describe('the Assignment screen, when the roster territories are not the data\'s', () => {
  it('warns above the plan, counting the data territories without a rep and the outside reps who can take nothing', () => {
    render(<RosterCoverageNotice plan={planOver(['United Kingdom', 'United Kingdom', 'United Kingdom', 'Japan'])} />);
    const notice = screen.getByTestId('plan-roster-territories');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain("The roster's one territory, 'Metro', has no account in the data.");
    expect(notice.textContent).toContain("2 of the data's 2 territories have no rep: United Kingdom (3 accounts), Japan (1 account);");
    expect(notice.textContent).toContain("1 outside rep (50 seats) is in territories with no accounts and can take nothing; 1 inside rep there takes only other territories' accounts.");
  });

  it('shows nothing when the roster territories are the data\'s', () => {
    render(<RosterCoverageNotice plan={planOver(['Metro', 'Japan'])} />);
    expect(screen.queryByTestId('plan-roster-territories')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { assignmentSettingsSchema, type RosterRep } from '../../../shared/contract/assignment';
import { planAssignments, type ActionForAssignment } from '../../../shared/analytics/assignment';

type Rep = Pick<RosterRep, 'name' | 'kind' | 'territory' | 'capacity' | 'active'>;
const rep = (name: string, kind: Rep['kind'], territory: string | null, capacity: number): Rep => ({ name, kind, territory, capacity, active: true });

const account = (code: string, expectedRevenue: number, territory: string | null): ActionForAssignment => ({
  customerCode: code,
  customerName: `Customer ${code}`,
  kind: 'recovery',
  expectedRevenue,
  priority: 50,
  tier: 'long-tail',
  rep: null,
  territory,
});

const plan = (actions: ActionForAssignment[], roster: Rep[]) =>
  planAssignments({ actions, roster, overrides: new Map(), settings: assignmentSettingsSchema.parse({}), currency: 'GBP' });

const byCode = (accounts: ReturnType<typeof plan>) => new Map(accounts.map((a) => [a.customerCode, a]));

describe('why an account is left unassigned', () => {
  const roster = [rep('Ana Ruiz', 'inside', 'Metro', 1), rep('Ben Carter', 'outside', 'Metro', 5)];

  it('says a territory with no rep of its own had only the full inside reps of other territories, not that its reps are at capacity', () => {
    const accounts = byCode(plan([account('UK1', 900, 'United Kingdom'), account('UK2', 800, 'United Kingdom')], roster));
    expect(accounts.get('UK1')).toMatchObject({ rep: 'Ana Ruiz', status: 'assigned' });
    expect(accounts.get('UK2')).toMatchObject({
      rep: null,
      status: 'unassigned',
      reason: "long tail, £800 recovery, no rep in United Kingdom; the inside reps who take other territories' accounts are full",
    });
  });

  it('says the same of an account without a territory where no rep is without one', () => {
    const accounts = byCode(plan([account('A', 900, 'Metro'), account('B', 800, null), account('C', 700, null)], [rep('Ana Ruiz', 'inside', 'Metro', 1)]));
    expect(accounts.get('A')).toMatchObject({ rep: 'Ana Ruiz' });
    expect(accounts.get('C')?.reason).toBe(
      "long tail, £700 recovery, the data gives it no territory, no rep is without one, and the inside reps who take other territories' accounts are full",
    );
  });

  it('keeps "at capacity" for a territory whose own reps are full', () => {
    const accounts = byCode(plan([account('M1', 900, 'Metro'), account('M2', 800, 'Metro')], [rep('Ben Carter', 'outside', 'Metro', 1)]));
    expect(accounts.get('M1')).toMatchObject({ rep: 'Ben Carter' });
    expect(accounts.get('M2')?.reason).toBe('long tail, £800 recovery, every rep who could take it is at capacity (Metro)');
  });

  it('still says there is no inside rep at all where the roster has none', () => {
    const accounts = byCode(plan([account('UK1', 900, 'United Kingdom')], [rep('Ben Carter', 'outside', 'Metro', 5)]));
    expect(accounts.get('UK1')?.reason).toBe('long tail, £900 recovery, no rep in United Kingdom and no inside rep');
  });
});

import { describe, expect, it } from 'vitest';
import { assignmentSettingsSchema, type RosterRep } from '../../../shared/contract/assignment';
import { planAssignments, type ActionForAssignment } from '../../../shared/analytics/assignment';
import { assignmentTotals, repLoads, territoryLoads } from '../../../shared/analytics/assignment-loads';

const settings = (over: Record<string, unknown> = {}) => assignmentSettingsSchema.parse(over);

const action = (
  code: string,
  kind: 'growth' | 'recovery',
  expectedRevenue: number,
  extra: Partial<ActionForAssignment> = {},
): ActionForAssignment => ({
  customerCode: code,
  customerName: `Customer ${code}`,
  kind,
  expectedRevenue,
  priority: 50,
  tier: 'long-tail',
  rep: 'Rita Field',
  territory: 'West',
  ...extra,
});

type Rep = Pick<RosterRep, 'name' | 'kind' | 'territory' | 'capacity' | 'active'>;
const rep = (name: string, kind: Rep['kind'], territory: string | null, capacity: number | null = null): Rep => ({
  name,
  kind,
  territory,
  capacity,
  active: true,
});

const plan = (actions: ActionForAssignment[], roster: Rep[], overrides = new Map<string, string>(), over = {}) =>
  planAssignments({ actions, roster, overrides, settings: settings(over), currency: 'USD' });

/** A small seeded generator: same seed, same accounts. */
function syntheticActions(seed: number, customers: number): ActionForAssignment[] {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const territories = ['West', 'East', 'North', null];
  const out: ActionForAssignment[] = [];
  for (let c = 0; c < customers; c++) {
    const n = 1 + Math.floor(rand() * 3);
    const territory = territories[Math.floor(rand() * territories.length)];
    const tier = rand() < 0.15 ? 'strategic' : 'long-tail';
    for (let i = 0; i < n; i++) {
      out.push(
        action(`C${c}`, rand() < 0.5 ? 'growth' : 'recovery', Math.round(rand() * 10_000), {
          tier,
          territory,
          rep: rand() < 0.8 ? 'Rita Field' : null,
        }),
      );
    }
  }
  return out;
}

describe('the assignment engine', () => {
  it('gives accounts without a territory to the outside reps without one, before the inside rep', () => {
    const actions = ['A', 'B', 'C', 'D', 'E'].map((code, i) => action(code, 'recovery', 5000 - i * 100, { territory: null, rep: null }));
    const out = plan(actions, [rep('Olga Road', 'outside', null, 2), rep('Omar Road', 'outside', null, 2), rep('Ida Desk', 'inside', null, 10)]);
    const by = (name: string) => out.filter((a) => a.rep === name);
    expect(by('Olga Road')).toHaveLength(2);
    expect(by('Omar Road')).toHaveLength(2);
    expect(by('Ida Desk')).toHaveLength(1);
    expect(by('Olga Road')[0].reason).toMatch(/, outside rep without a territory has capacity$/);
    expect(by('Ida Desk')[0].reason).toMatch(/, outside reps without a territory are at capacity; inside rep without a territory has capacity$/);
    // A rep of a territory still takes none of them.
    expect(plan(actions, [rep('Wes West', 'outside', 'West', 5)]).every((a) => a.status === 'unassigned')).toBe(true);
    // The territory plan counts those reps on the accounts' row: its own, not "to other reps".
    const roster = [rep('Olga Road', 'outside', null, 2), rep('Omar Road', 'outside', null, 2), rep('Ida Desk', 'inside', null, 10)];
    const [none] = territoryLoads(out, repLoads(out, roster, settings()), new Map(), settings());
    expect(none).toMatchObject({ territory: '(no territory)', reps: 3, outsideReps: 2, insideReps: 1, capacity: 14, accounts: 5, assigned: 5, assignedElsewhere: 0 });
    expect(none.capacityUse).toBeCloseTo(5 / 14);
  });

  it('counts kept strategic accounts against capacity only when the setting says so', () => {
    const actions = [action('S1', 'recovery', 9000, { tier: 'strategic', rep: 'Ann' }), action('A', 'growth', 500)];
    const roster = [rep('Ann', 'outside', 'West', 1)];
    expect(plan(actions, roster)[1]).toMatchObject({ customerCode: 'A', rep: 'Ann' });
    expect(plan(actions, roster, new Map(), { strategicUsesCapacity: true })[1]).toMatchObject({ customerCode: 'A', status: 'unassigned' });
    const accounts = plan(actions, roster);
    expect(repLoads(accounts, roster, settings())[0]).toMatchObject({ accounts: 2, keptAccounts: 1, capacityUse: 1 });
  });

  it('keeps a strategic account with its current rep and says so', () => {
    const [a] = plan([action('S1', 'recovery', 9000, { tier: 'strategic', rep: 'Ann Key' })], [rep('Ann Key', 'outside', 'West', 0)]);
    expect(a).toMatchObject({ rep: 'Ann Key', status: 'kept' });
    expect(a.reason).toBe('strategic, $9,000 recovery, stays with Ann Key');
  });

  it('gives long-tail accounts by value to the outside reps of their territory, then to inside reps', () => {
    const accounts = plan(
      [action('A', 'recovery', 4200), action('A', 'growth', 1100), action('B', 'growth', 900), action('C', 'growth', 5000)],
      [rep('Olly Out', 'outside', 'West', 2), rep('Ines In', 'inside', 'West', 5)],
    );
    expect(accounts.map((a) => [a.customerCode, a.rep])).toEqual([
      ['A', 'Olly Out'],
      ['C', 'Olly Out'],
      ['B', 'Ines In'],
    ]);
    expect(accounts[0].reason).toBe('long tail, $4,200 recovery + $1,100 growth, West outside rep has capacity');
    expect(accounts[2].reason).toBe(
      'long tail, $900 growth, West outside reps are at capacity; West inside rep has capacity',
    );
  });

  it('balances accounts across the outside reps of a territory', () => {
    const actions = Array.from({ length: 10 }, (_, i) => action(`C${i}`, 'growth', 1000 + i));
    const accounts = plan(actions, [rep('Ann', 'outside', 'West', 5), rep('Bob', 'outside', 'West', 5)]);
    const count = (name: string) => accounts.filter((a) => a.rep === name).length;
    expect([count('Ann'), count('Bob')]).toEqual([5, 5]);
    const value = (name: string) => accounts.filter((a) => a.rep === name).reduce((s, a) => s + a.expectedRevenue, 0);
    expect(Math.abs(value('Ann') - value('Bob'))).toBeLessThan(10);
  });

  it('falls back to an inside rep of another territory when the account territory has none', () => {
    const [a] = plan([action('X', 'growth', 300, { territory: 'North' })], [rep('Ines In', 'inside', 'West')]);
    expect(a).toMatchObject({ rep: 'Ines In', status: 'assigned', repKind: 'inside' });
    expect(a.reason).toContain('no outside rep in North; West inside rep has capacity');
  });

  it('reports an account with no rep in its territory as unassigned with the reason, never dropping it', () => {
    const accounts = plan(
      [action('N', 'recovery', 700, { territory: 'North' }), action('W', 'growth', 100)],
      [rep('Olly Out', 'outside', 'West')],
    );
    expect(accounts).toHaveLength(2);
    expect(accounts.find((a) => a.customerCode === 'N')).toMatchObject({
      rep: null,
      status: 'unassigned',
      reason: 'long tail, $700 recovery, no rep in North and no inside rep',
    });
  });

  it('reports accounts left over when every rep is at capacity', () => {
    const accounts = plan([action('A', 'growth', 2000), action('B', 'growth', 1000)], [rep('Olly', 'outside', 'West', 1)]);
    expect(accounts[1]).toMatchObject({ customerCode: 'B', status: 'unassigned' });
    expect(accounts[1].reason).toContain('at capacity');
  });

  it("gives a strategic account the data names no rep for to nobody, so the long tail keeps the roster's capacity, unless a manager locks it", () => {
    const actions = [action('S1', 'recovery', 9000, { tier: 'strategic', rep: null }), action('S2', 'growth', 8000, { tier: 'strategic', rep: null }), action('A', 'growth', 500, { rep: null }), action('B', 'recovery', 400, { rep: null })];
    const roster = [rep('Olly Out', 'outside', 'West', 2)];
    const accounts = plan(actions, roster);
    expect(accounts.map((a) => [a.customerCode, a.rep, a.status])).toEqual([
      ['S1', null, 'unassigned'],
      ['S2', null, 'unassigned'],
      ['A', 'Olly Out', 'assigned'],
      ['B', 'Olly Out', 'assigned'],
    ]);
    expect(accounts[0].reason).toBe('strategic, $9,000 recovery, the data gives it no rep, and a strategic account is for a senior rep, not the long-tail roster: lock it to a rep to plan it');
    expect(plan(actions, roster, new Map([['S1', 'Olly Out']]))[0]).toMatchObject({ rep: 'Olly Out', status: 'overridden' });
  });

  it('lets a manager override win over strategic and long-tail rules', () => {
    const overrides = new Map([
      ['S1', 'Ines In'],
      ['A', 'Ines In'],
    ]);
    const accounts = plan(
      [action('S1', 'recovery', 9000, { tier: 'strategic', rep: 'Ann Key' }), action('A', 'growth', 5000)],
      [rep('Ann Key', 'outside', 'West'), rep('Olly Out', 'outside', 'West'), rep('Ines In', 'inside', 'West')],
      overrides,
    );
    expect(accounts.map((a) => [a.customerCode, a.rep, a.status])).toEqual([
      ['S1', 'Ines In', 'overridden'],
      ['A', 'Ines In', 'overridden'],
    ]);
    expect(accounts[0].reason).toBe('strategic, $9,000 recovery, manager override: locked to Ines In');
  });

  it('sends accounts below the outside-call threshold to inside reps', () => {
    const [a] = plan([action('A', 'growth', 200)], [rep('Olly', 'outside', 'West'), rep('Ines', 'inside', 'West')], new Map(), {
      minOutsideValue: 500,
    });
    expect(a.rep).toBe('Ines');
    expect(a.reason).toContain('below the outside-call threshold');
  });

  it('treats reps without a kind as the setting says and skips inactive reps', () => {
    const roster = [rep('Data Rep', 'unknown', 'West'), { ...rep('Gone', 'outside', 'West'), active: false }];
    expect(plan([action('A', 'growth', 100)], roster)[0].rep).toBe('Data Rep');
    expect(plan([action('A', 'growth', 100)], roster, new Map(), { unknownKindAs: 'skip' })[0].status).toBe('unassigned');
  });

  it('assigns every customer with an action exactly once, or reports it unassigned', () => {
    const actions = syntheticActions(7, 400);
    const roster = [
      rep('Rita Field', 'outside', 'West', 30),
      rep('Olly Out', 'outside', 'East', 30),
      rep('Ines In', 'inside', 'East', 60),
      rep('Ivy Phone', 'inside', null, 40),
    ];
    const accounts = plan(actions, roster);
    const codes = new Set(actions.map((a) => a.customerCode));
    expect(accounts.map((a) => a.customerCode).sort()).toEqual([...codes].sort());
    expect(new Set(accounts.map((a) => a.customerCode)).size).toBe(accounts.length);
    for (const a of accounts) expect(a.status === 'unassigned' ? a.rep === null : a.rep !== null).toBe(true);
    const totals = assignmentTotals(accounts);
    expect(totals.assigned + totals.kept + totals.overridden + totals.unassigned).toBe(codes.size);
    expect(totals.unassignedStrategic).toBe(accounts.filter((a) => a.status === 'unassigned' && a.tier === 'strategic').length);
    expect(totals.actions).toBe(actions.length);
    // No engine-placed rep goes over capacity.
    const loads = repLoads(accounts.filter((a) => a.status === 'assigned'), roster, settings());
    for (const l of loads) expect(l.accounts).toBeLessThanOrEqual(l.capacity);
  });

  it('gives the same plan for the same data, bit for bit', () => {
    const roster = [rep('Rita Field', 'outside', 'West', 30), rep('Ines In', 'inside', 'East', 60)];
    expect(plan(syntheticActions(3, 200), roster)).toEqual(plan(syntheticActions(3, 200), roster));
  });

  it('counts reps the data names without a kind as the plan took them, outside unless the setting says otherwise', () => {
    const roster = [rep('Data One', 'unknown', 'Lakes', 40), rep('Data Two', 'unknown', 'Lakes', 40)];
    const accounts = plan([action('A', 'growth', 900, { territory: 'Lakes', rep: null })], roster);
    const [lakes] = territoryLoads(accounts, repLoads(accounts, roster, settings()), new Map(), settings());
    expect(lakes).toMatchObject({ territory: 'Lakes', reps: 2, outsideReps: 2, insideReps: 0, capacity: 80 });
    const [asInside] = territoryLoads(accounts, repLoads(accounts, roster, settings()), new Map(), settings({ unknownKindAs: 'inside' }));
    expect(asInside).toMatchObject({ outsideReps: 0, insideReps: 2 });
  });

  it('sums the territory plan from the accounts and the territory revenue', () => {
    const roster = [rep('Olly', 'outside', 'West', 1), rep('Ines', 'inside', 'West', 1)];
    const accounts = plan(
      [action('A', 'recovery', 3000), action('B', 'growth', 1000), action('C', 'growth', 500), action('D', 'growth', 50, { territory: null })],
      roster,
    );
    const reps = repLoads(accounts, roster, settings());
    const [west, none] = territoryLoads(accounts, reps, new Map([['West', 40_000]]), settings());
    expect(west).toMatchObject({
      territory: 'West',
      reps: 2,
      outsideReps: 1,
      insideReps: 1,
      accounts: 3,
      assigned: 2,
      unassigned: 1,
      capacity: 2,
      capacityUse: 1,
      recovery: 3000,
      growth: 1500,
      leakage: 4500,
      leakageShare: 4500 / 40_000,
    });
    // Expected value is what the plan hands to reps; leakage also counts C, left unassigned.
    expect(west.expectedRevenue).toBe(4000);
    expect(none).toMatchObject({ territory: '(no territory)', accounts: 1, unassigned: 1, reps: 0, expectedRevenue: 0, leakage: 50 });
    expect(reps.find((r) => r.rep === 'Olly')).toMatchObject({ accounts: 1, capacityUse: 1, recovery: 3000 });
  });

  it('lets an inactive rep hold its strategic accounts but counts neither its capacity nor the rep in its territory', () => {
    const roster = [rep('Dmitri', 'outside', 'North', 1), { ...rep('Chloe', 'inside', 'North', 120), active: false }, rep('Ivan', 'inside', 'Lakes', 160)];
    const accounts = plan(
      [action('S', 'recovery', 9000, { tier: 'strategic', rep: 'Chloe', territory: 'North' }), action('A', 'growth', 800, { territory: 'North', rep: null }), action('B', 'growth', 700, { territory: 'North', rep: null })],
      roster,
    );
    const reps = repLoads(accounts, roster, settings());
    expect(reps.find((r) => r.rep === 'Chloe')).toMatchObject({ active: false, capacity: 0, accounts: 1, keptAccounts: 1, capacityUse: 0 });
    expect(reps.find((r) => r.rep === 'Dmitri')).toMatchObject({ active: true, capacity: 1, accounts: 1 });
    const north = territoryLoads(accounts, reps, new Map(), settings()).find((t) => t.territory === 'North');
    // Only Dmitri plans North: full with one account, the other sent to Lakes' inside rep.
    expect(north).toMatchObject({ reps: 1, outsideReps: 1, insideReps: 0, capacity: 1, capacityUse: 1, assignedElsewhere: 1, accounts: 3 });
  });

  it("gives every territory with revenue a row, those without actions too, so its Revenue 12m adds up to the overview's", () => {
    const roster = [rep('Olly', 'outside', 'West', 5)];
    const accounts = plan([action('A', 'recovery', 1000)], roster);
    const revenue = new Map([['West', 40_000], ['RSA', 1_002.31], ['Lithuania', 1_003.46], ['Gone', 0]]);
    const territories = territoryLoads(accounts, repLoads(accounts, roster, settings()), revenue, settings());
    expect(territories.map((t) => t.territory)).toEqual(['West', 'Lithuania', 'RSA']);
    expect(territories.find((t) => t.territory === 'Lithuania')).toMatchObject({ accounts: 0, reps: 0, revenue12m: 1_003.46, leakage: 0, leakageShare: 0 });
    expect(territories.reduce((sum, t) => sum + t.revenue12m, 0)).toBeCloseTo(40_000 + 1_002.31 + 1_003.46, 6);
  });

  it("puts a short horizon's recovery money on a yearly footing in the territory leakage, as the overview does", () => {
    const roster = [rep('Olly', 'outside', 'West', 5)];
    const accounts = plan([action('A', 'recovery', 1000), action('B', 'growth', 500)], roster);
    const reps = repLoads(accounts, roster, settings());
    const [west] = territoryLoads(accounts, reps, new Map([['West', 40_000]]), settings(), 100);
    expect(west.recovery).toBeCloseTo(3650, 9);
    expect(west.leakage).toBeCloseTo(3650 + 500, 9);
    expect(west.leakageShare).toBeCloseTo(4150 / 40_000, 12);
    // What the reps are handed stays the actions' own money, over the horizon.
    expect(west.expectedRevenue).toBe(1500);
    // Data younger than a year: the territory's revenue covers its 182 days, and recovery is put on
    // their footing, not a year's.
    const [young] = territoryLoads(accounts, reps, new Map([['West', 40_000]]), settings(), 100, 182);
    expect(young.recovery).toBeCloseTo(1820, 9);
    expect(young.leakageShare).toBeCloseTo((1820 + 500) / 40_000, 12);
  });
});


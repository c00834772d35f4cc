import type {
  AccountAssignment,
  AssignmentSettings,
  AssignmentTotals,
  RepLoad,
  RosterRep,
  TerritoryLoad,
} from '../contract/assignment';
import { recoveryFooting } from './leakage';

export const NO_TERRITORY = '(no territory)';

type RosterLike = Pick<RosterRep, 'name' | 'kind' | 'territory' | 'capacity' | 'active'>;

const capacityOf = (r: RosterLike, settings: AssignmentSettings): number => {
  if (r.capacity !== null) return r.capacity;
  const kind = r.kind === 'unknown' ? settings.unknownKindAs : r.kind;
  return kind === 'inside' ? settings.insideCapacity : settings.outsideCapacity;
};

/** A rep's load before any account is counted in. */
const idleLoad = (rep: string, kind: RepLoad['kind'], territory: string | null, capacity: number, active = true): RepLoad => ({
  rep,
  kind,
  territory,
  capacity,
  active,
  accounts: 0,
  keptAccounts: 0,
  actions: 0,
  recovery: 0,
  growth: 0,
  expectedRevenue: 0,
  capacityUse: 0,
});

/**
 * Per rep: what the plan gives them against their capacity. Every active roster rep is listed (an
 * idle rep is news to a manager), and so is any rep an override or a strategic account names. An
 * inactive rep who still holds accounts has no capacity: counted at its roster figure, North Valley
 * had read "capacity 150, use 20%" where its one active rep was full.
 */
export function repLoads(
  accounts: readonly AccountAssignment[],
  roster: readonly RosterLike[],
  settings: AssignmentSettings,
): RepLoad[] {
  const loads = new Map<string, RepLoad>();
  for (const r of roster) {
    if (!r.active) continue;
    loads.set(r.name, idleLoad(r.name, r.kind, r.territory, capacityOf(r, settings)));
  }
  const rosterByName = new Map(roster.map((r) => [r.name, r]));
  for (const a of accounts) {
    if (a.rep === null) continue;
    let load = loads.get(a.rep);
    if (!load) {
      const r = rosterByName.get(a.rep);
      const active = r?.active ?? true;
      load = idleLoad(a.rep, r?.kind ?? a.repKind ?? 'unknown', r?.territory ?? null, r && active ? capacityOf(r, settings) : 0, active);
      loads.set(a.rep, load);
    }
    load.accounts += 1;
    if (a.status === 'kept') load.keptAccounts += 1;
    load.actions += a.actions;
    load.recovery += a.recovery;
    load.growth += a.growth;
    load.expectedRevenue += a.expectedRevenue;
  }
  for (const l of loads.values()) {
    const using = settings.strategicUsesCapacity ? l.accounts : l.accounts - l.keptAccounts;
    l.capacityUse = l.capacity > 0 ? using / l.capacity : using > 0 ? 1 : 0;
  }
  return [...loads.values()].sort((x, y) => y.expectedRevenue - x.expectedRevenue || (x.rep < y.rep ? -1 : 1));
}

/**
 * The territory plan: reps, accounts, capacity use, expected value and leakage per territory.
 * Leakage is read over the revenue's window, as on the overview: recovery money is stated over the
 * run's horizon (`recoveryHorizonDays`), so it is put on the footing of the window the revenue covers
 * (`revenueWindowDays`: a year, unless the data is younger) before it is set against that revenue; at
 * 100 days the plan otherwise showed 100 days of money at risk beside a year's growth.
 */
export function territoryLoads(
  accounts: readonly AccountAssignment[],
  reps: readonly RepLoad[],
  revenue12mByTerritory: ReadonlyMap<string, number>,
  settings: Pick<AssignmentSettings, 'strategicUsesCapacity'> & Partial<Pick<AssignmentSettings, 'unknownKindAs'>>,
  recoveryHorizonDays = 365,
  revenueWindowDays = 365,
): TerritoryLoad[] {
  // A rep the data names without a kind counts as the plan took it (outside by default): the plan read "0 outside, 0 inside" beside their capacity.
  const kindOf = (kind: RepLoad['kind']): string => (kind === 'unknown' ? (settings.unknownKindAs ?? 'outside') : kind);
  const footing = recoveryFooting(recoveryHorizonDays, revenueWindowDays);
  const rows = new Map<string, TerritoryLoad>();
  const row = (territory: string): TerritoryLoad => {
    let r = rows.get(territory);
    if (!r) {
      r = {
        territory,
        reps: 0,
        outsideReps: 0,
        insideReps: 0,
        accounts: 0,
        assigned: 0,
        assignedElsewhere: 0,
        unassigned: 0,
        capacity: 0,
        capacityUse: 0,
        expectedRevenue: 0,
        recovery: 0,
        growth: 0,
        leakage: 0,
        revenue12m: revenue12mByTerritory.get(territory) ?? 0,
        leakageShare: 0,
      };
      rows.set(territory, r);
    }
    return r;
  };
  const repTerritory = new Map<string, string>();
  const placedWithTerritoryReps = new Map<string, number>();
  // A rep without a territory is one of "(no territory)"'s, whose accounts the plan gives such reps
  // first: counted nowhere, that row had read "Reps 0, 195 to other reps" where they took all 195.
  for (const rep of reps) {
    const territory = rep.territory ?? NO_TERRITORY;
    const r = row(territory);
    repTerritory.set(rep.rep, territory);
    // Its kept accounts stay home, but an inactive rep is no rep the territory can plan with.
    if (rep.active === false) continue;
    r.reps += 1;
    if (kindOf(rep.kind) === 'outside') r.outsideReps += 1;
    if (kindOf(rep.kind) === 'inside') r.insideReps += 1;
    r.capacity += rep.capacity;
  }
  for (const a of accounts) {
    const r = row(a.territory ?? NO_TERRITORY);
    r.accounts += 1;
    if (a.status === 'unassigned') r.unassigned += 1;
    else {
      r.assigned += 1;
      if (a.rep !== null && repTerritory.get(a.rep) !== r.territory) r.assignedElsewhere = (r.assignedElsewhere ?? 0) + 1;
      // What the plan puts in a rep's hands; leakage below also counts the accounts left unassigned.
      r.expectedRevenue += a.expectedRevenue;
    }
    r.recovery += a.recovery;
    r.growth += a.growth;
    const usesCapacity = a.status !== 'kept' || settings.strategicUsesCapacity;
    const home = a.rep === null || !usesCapacity ? undefined : repTerritory.get(a.rep);
    if (home !== undefined) placedWithTerritoryReps.set(home, (placedWithTerritoryReps.get(home) ?? 0) + 1);
  }
  // A territory that bought but has no account with an action still has revenue: without its row
  // the plan's Revenue 12m fell short of the overview's (Lithuania missing on Online Retail).
  for (const [territory, revenue] of revenue12mByTerritory) if (revenue > 0) row(territory);
  for (const r of rows.values()) {
    r.recovery *= footing;
    r.leakage = r.recovery + r.growth;
    r.leakageShare = r.revenue12m > 0 ? r.leakage / r.revenue12m : 0;
    const placed = placedWithTerritoryReps.get(r.territory) ?? 0;
    r.capacityUse = r.capacity > 0 ? placed / r.capacity : 0;
  }
  return [...rows.values()].sort((x, y) => y.leakage - x.leakage || (x.territory < y.territory ? -1 : 1));
}

export function assignmentTotals(accounts: readonly AccountAssignment[]): AssignmentTotals {
  const t: AssignmentTotals = { accounts: 0, assigned: 0, kept: 0, overridden: 0, unassigned: 0, unassignedStrategic: 0, actions: 0, expectedRevenue: 0 };
  for (const a of accounts) {
    t.accounts += 1;
    t[a.status] += 1;
    if (a.status === 'unassigned' && a.tier === 'strategic') t.unassignedStrategic = (t.unassignedStrategic ?? 0) + 1;
    t.actions += a.actions;
    t.expectedRevenue += a.expectedRevenue;
  }
  return t;
}

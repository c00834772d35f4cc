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

/** A data territory no active rep of the roster is in. */
export type TerritoryWithoutRep = { territory: string; accounts: number; revenue12m: number };

/** How the roster's territories meet the data's: a roster of other names plans nothing where it should, and said nothing. */
export type RosterCoverage = {
  /** The distinct territories the roster's active reps name. */
  rosterTerritories: string[];
  /** Of them, those with no account with an action and no revenue in the data. */
  notInData: string[];
  /** The data's territories no active rep is in, the most accounts first, then the most revenue. */
  withoutRep: TerritoryWithoutRep[];
  /** How many territories the data has (accounts with actions or revenue). */
  dataTerritories: number;
  /** Outside reps of territories with no account: nothing can go to them. */
  idleOutsideReps: number;
  idleOutsideSeats: number;
  /** Inside reps of territories with no account: they take only other territories' accounts. */
  fallbackInsideReps: number;
};

/**
 * Reads the coverage off a plan's own loads, so a stored plan, the CLI and the screen say the same.
 * A rep without a kind counts as the plan took it. No near-match hint: saving a roster already
 * stores a territory in the data's spelling when only case or spacing differ ("metro" is Metro).
 */
export function rosterCoverage(
  reps: readonly RepLoad[],
  territories: readonly TerritoryLoad[],
  unknownKindAs: AssignmentSettings['unknownKindAs'] = 'outside',
): RosterCoverage {
  const rows = new Map(territories.map((t) => [t.territory, t]));
  const inData = territories.filter((t) => t.territory !== NO_TERRITORY && (t.accounts > 0 || t.revenue12m > 0));
  const dataNames = new Set(inData.map((t) => t.territory));
  const active = reps.filter((r) => r.active !== false);
  const rosterTerritories = [...new Set(active.flatMap((r) => (r.territory === null ? [] : [r.territory])))].sort((x, y) => x.localeCompare(y));
  const notInData = rosterTerritories.filter((t) => !dataNames.has(t));
  const covered = new Set(rosterTerritories);
  const withoutRep = inData
    .filter((t) => !covered.has(t.territory))
    .map((t) => ({ territory: t.territory, accounts: t.accounts, revenue12m: t.revenue12m }))
    .sort((x, y) => y.accounts - x.accounts || y.revenue12m - x.revenue12m || (x.territory < y.territory ? -1 : 1));
  let idleOutsideReps = 0;
  let idleOutsideSeats = 0;
  let fallbackInsideReps = 0;
  for (const r of active) {
    const home = rows.get(r.territory ?? NO_TERRITORY);
    if (home && home.accounts > 0) continue;
    const kind = r.kind === 'unknown' ? unknownKindAs : r.kind;
    if (kind === 'outside') {
      idleOutsideReps += 1;
      idleOutsideSeats += r.capacity;
    } else if (kind === 'inside') fallbackInsideReps += 1;
  }
  return { rosterTerritories, notInData, withoutRep, dataTerritories: inData.length, idleOutsideReps, idleOutsideSeats, fallbackInsideReps };
}

const quoted = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ');
const counted = (n: number, noun: string, plural = `${noun}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;

/** The largest few named with their accounts, the rest counted: a list of 37 countries reads as noise. */
function largestWords(list: readonly TerritoryWithoutRep[], few = 3): string {
  const named = list.slice(0, few).map((t) => `${t.territory} (${counted(t.accounts, 'account')})`);
  const rest = list.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest.toLocaleString('en-US')} more` : named.join(', ');
}

/**
 * The warning a plan carries when roster territories occur nowhere in the data, in one paragraph for
 * the CLI, the About sheets and the Assignment screen; null when every roster territory is the data's.
 * On Online Retail (countries) the sample roster's five regions had sent all 750 accounts to five
 * inside reps, left eight outside reps at 0 and said nothing.
 */
export function rosterCoverageWarning(c: RosterCoverage): string | null {
  if (c.notInData.length === 0) return null;
  const total = c.rosterTerritories.length;
  const found = total - c.notInData.length;
  const lines: string[] = [
    total === 1
      ? `The roster's one territory, ${quoted(c.notInData)}, has no account in the data.`
      : found === 0
      ? `The roster's territories match none of the data's: none of its ${counted(total, 'territory', 'territories')} (${quoted(c.notInData)}) has an account in the data.`
      : `${found.toLocaleString('en-US')} of the roster's ${counted(total, 'territory', 'territories')} ${found === 1 ? 'occurs' : 'occur'} in the data; not found there: ${quoted(c.notInData)}.`,
  ];
  if (c.withoutRep.length > 0) {
    lines.push(
      `${c.withoutRep.length.toLocaleString('en-US')} of the data's ${counted(c.dataTerritories, 'territory', 'territories')} ${c.withoutRep.length === 1 ? 'has' : 'have'} no rep${c.withoutRep.length > 3 ? ', the largest' : ':'} ${largestWords(c.withoutRep)}; their accounts go only to inside reps of other territories, while those have room.`,
    );
  }
  if (c.idleOutsideReps > 0) {
    lines.push(
      `${counted(c.idleOutsideReps, 'outside rep')} (${counted(c.idleOutsideSeats, 'seat')}) ${c.idleOutsideReps === 1 ? 'is' : 'are'} in territories with no accounts and can take nothing${c.fallbackInsideReps > 0 ? `; ${counted(c.fallbackInsideReps, 'inside rep')} there take${c.fallbackInsideReps === 1 ? 's' : ''} only other territories' accounts` : ''}.`,
    );
  } else if (c.fallbackInsideReps > 0) {
    lines.push(`${counted(c.fallbackInsideReps, 'inside rep')} of territories with no accounts take${c.fallbackInsideReps === 1 ? 's' : ''} only other territories' accounts.`);
  }
  const example = c.withoutRep[0]?.territory;
  lines.push(
    `Give the roster's Territory column the data's own territory names${example === undefined ? '' : ` (such as '${example}')`}, then plan again.`,
  );
  return lines.join(' ');
}

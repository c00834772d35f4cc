import type {
  AccountAssignment,
  AssignmentSettings,
  AssignmentStatus,
  RepKind,
  RosterRep,
} from '../contract/assignment';
import { formatMoney, roundForReason } from '../format/numbers';
import type { Action, Tier } from '../model/results';

/** What the engine needs of an action; the analysis hands over more. */
export type ActionForAssignment = Pick<
  Action,
  'customerCode' | 'customerName' | 'kind' | 'expectedRevenue' | 'priority' | 'tier' | 'rep' | 'territory'
>;

export type RosterForAssignment = Pick<RosterRep, 'name' | 'kind' | 'territory' | 'capacity' | 'active'>;

export type AssignmentInput = {
  actions: readonly ActionForAssignment[];
  roster: readonly RosterForAssignment[];
  /** customer code -> rep name; a manager's lock always wins. */
  overrides: ReadonlyMap<string, string>;
  settings: AssignmentSettings;
  currency: string;
};

type Account = {
  code: string;
  name: string;
  tier: Tier;
  territory: string | null;
  currentRep: string | null;
  actions: number;
  recovery: number;
  growth: number;
  expected: number;
  priority: number;
};

type Seat = { name: string; kind: 'inside' | 'outside'; territory: string | null; capacity: number; used: number; value: number };

/** One row per customer with at least one action, in the analysis' own words (tier, rep, territory). */
export function accountsFromActions(actions: readonly ActionForAssignment[]): Account[] {
  const byCode = new Map<string, Account>();
  for (const a of actions) {
    let acc = byCode.get(a.customerCode);
    if (!acc) {
      acc = {
        code: a.customerCode,
        name: a.customerName,
        tier: a.tier,
        territory: a.territory,
        currentRep: a.rep,
        actions: 0,
        recovery: 0,
        growth: 0,
        expected: 0,
        priority: 0,
      };
      byCode.set(a.customerCode, acc);
    }
    acc.actions += 1;
    if (a.kind === 'recovery') acc.recovery += a.expectedRevenue;
    else acc.growth += a.expectedRevenue;
    acc.expected += a.expectedRevenue;
    acc.priority = Math.max(acc.priority, a.priority);
  }
  // Highest value first; the code breaks ties so the same data always gives the same plan.
  return [...byCode.values()].sort((x, y) => y.expected - x.expected || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}

const effectiveKind = (kind: RepKind, settings: AssignmentSettings): 'inside' | 'outside' | null => {
  if (kind !== 'unknown') return kind;
  return settings.unknownKindAs === 'skip' ? null : settings.unknownKindAs;
};

export function seatsFromRoster(roster: readonly RosterForAssignment[], settings: AssignmentSettings): Seat[] {
  const seats: Seat[] = [];
  for (const r of roster) {
    const kind = effectiveKind(r.kind, settings);
    if (!r.active || kind === null) continue;
    const capacity = r.capacity ?? (kind === 'outside' ? settings.outsideCapacity : settings.insideCapacity);
    seats.push({ name: r.name, kind, territory: r.territory, capacity, used: 0, value: 0 });
  }
  return seats;
}

/** Balances a territory: the rep with the most room left, then the least value so far, then by name. */
function pickSeat(candidates: Seat[]): Seat | null {
  let best: Seat | null = null;
  for (const s of candidates) {
    if (s.used >= s.capacity) continue;
    if (
      !best ||
      s.capacity - s.used > best.capacity - best.used ||
      (s.capacity - s.used === best.capacity - best.used &&
        (s.value < best.value || (s.value === best.value && s.name < best.name)))
    ) {
      best = s;
    }
  }
  return best;
}

function moneyWords(acc: Account, currency: string): string {
  const money = (v: number) => formatMoney(roundForReason(v), currency);
  const parts: string[] = [];
  if (acc.recovery > 0) parts.push(`${money(acc.recovery)} recovery`);
  if (acc.growth > 0) parts.push(`${money(acc.growth)} growth`);
  return parts.length ? parts.join(' + ') : `${money(acc.expected)} expected`;
}

const territoryWords = (t: string | null): string => t ?? 'no territory';

/**
 * Why nobody took an account, true to where the plan looked: an account of a territory with no rep
 * of its own had read "every rep who could take it is at capacity (United Kingdom)" where the UK had
 * no rep and the inside reps of other territories were the full ones.
 */
function unplacedWhy(territory: string | null, territoryHasReps: boolean, seats: readonly Seat[]): string {
  const where = territoryWords(territory);
  if (territoryHasReps) return `every rep who could take it is at capacity (${where})`;
  const anyInside = seats.some((s) => s.kind === 'inside');
  if (territory === null) {
    return anyInside
      ? "the data gives it no territory, no rep is without one, and the inside reps who take other territories' accounts are full"
      : 'the data gives it no territory and no inside rep can take it';
  }
  return anyInside ? `no rep in ${where}; the inside reps who take other territories' accounts are full` : `no rep in ${where} and no inside rep`;
}

type Placement = { seat: Seat | null; rep: string | null; kind: RepKind | null; status: AssignmentStatus; why: string };

/**
 * An account without a territory goes to the reps without one: where neither the data nor the
 * roster names territories, outside reps added on screen had stayed at 0 of 40 while 27,864 such
 * accounts went unassigned "at capacity".
 */
function placeLongTail(acc: Account, seats: Seat[], settings: AssignmentSettings): Placement {
  const where = territoryWords(acc.territory);
  const reps = (kind: RepKind, many = false): string => {
    const who = `${kind} rep${many ? 's' : ''}`;
    return acc.territory === null ? `${who} without a territory` : `${acc.territory} ${who}`;
  };
  const inTerritory = seats.filter((s) => s.territory === acc.territory);
  const outside = inTerritory.filter((s) => s.kind === 'outside');
  const inside = inTerritory.filter((s) => s.kind === 'inside');
  const worthOutside = acc.expected >= settings.minOutsideValue;
  if (worthOutside) {
    const seat = pickSeat(outside);
    if (seat) return { seat, rep: seat.name, kind: 'outside', status: 'assigned', why: `${reps('outside')} has capacity` };
  }
  const insideSeat = pickSeat(inside);
  const outsideWhy = !worthOutside
    ? 'below the outside-call threshold'
    : outside.length
      ? `${reps('outside', true)} are at capacity`
      : acc.territory === null
        ? 'no outside rep without a territory'
        : `no outside rep in ${where}`;
  if (insideSeat) {
    return { seat: insideSeat, rep: insideSeat.name, kind: 'inside', status: 'assigned', why: `${outsideWhy}; ${reps('inside')} has capacity` };
  }
  const anyInside = pickSeat(seats.filter((s) => s.kind === 'inside'));
  if (anyInside) {
    const from = anyInside.territory ? `${anyInside.territory} inside rep` : 'inside rep';
    return { seat: anyInside, rep: anyInside.name, kind: 'inside', status: 'assigned', why: `${outsideWhy}; ${from} has capacity` };
  }
  return { seat: null, rep: null, kind: null, status: 'unassigned', why: unplacedWhy(acc.territory, inTerritory.length > 0, seats) };
}

/**
 * Turns actions into one assignment per customer with an action. Order of precedence: manager
 * overrides, then strategic accounts staying with their rep, then long-tail accounts by value to
 * outside reps of their territory, inside reps of the territory, any inside rep. A strategic
 * account the data gives no rep is a senior rep's to take, not the long-tail roster's: ranked by
 * value beside the long tail it took those reps' capacity first (211 of 215 seats on Online
 * Retail, which names no reps), so it is left unassigned with that reason unless a manager locks
 * it to a rep. Nothing is dropped: an account nobody can take is returned as 'unassigned' with the reason.
 */
export function planAssignments(input: AssignmentInput): AccountAssignment[] {
  const { settings, currency } = input;
  const accounts = accountsFromActions(input.actions);
  const seats = seatsFromRoster(input.roster, settings);
  const seatByName = new Map(seats.map((s) => [s.name, s]));
  const kindByName = new Map(input.roster.map((r) => [r.name, r.kind]));
  const placed = new Map<string, Placement>();

  const take = (seat: Seat | null, acc: Account) => {
    if (!seat) return;
    seat.used += 1;
    seat.value += acc.expected;
  };

  // Overrides (and strategic accounts, when they count) take their seats first: the long tail gets what is left.
  for (const acc of accounts) {
    const locked = input.overrides.get(acc.code);
    if (locked !== undefined) {
      const seat = seatByName.get(locked) ?? null;
      take(seat, acc);
      placed.set(acc.code, { seat, rep: locked, kind: kindByName.get(locked) ?? 'unknown', status: 'overridden', why: `manager override: locked to ${locked}` });
    } else if (acc.tier === 'strategic' && acc.currentRep) {
      const seat = seatByName.get(acc.currentRep) ?? null;
      if (settings.strategicUsesCapacity) take(seat, acc);
      placed.set(acc.code, {
        seat,
        rep: acc.currentRep,
        kind: kindByName.get(acc.currentRep) ?? 'unknown',
        status: 'kept',
        why: `stays with ${acc.currentRep}`,
      });
    }
  }
  for (const acc of accounts) {
    if (placed.has(acc.code)) continue;
    const p: Placement =
      acc.tier === 'strategic'
        ? { seat: null, rep: null, kind: null, status: 'unassigned', why: 'the data gives it no rep, and a strategic account is for a senior rep, not the long-tail roster: lock it to a rep to plan it' }
        : placeLongTail(acc, seats, settings);
    take(p.seat, acc);
    placed.set(acc.code, p);
  }

  return accounts.map((acc) => {
    const p = placed.get(acc.code) as Placement;
    const tierWords = acc.tier === 'strategic' ? 'strategic' : acc.tier === 'inactive' ? 'inactive' : 'long tail';
    return {
      customerCode: acc.code,
      customerName: acc.name,
      tier: acc.tier,
      territory: acc.territory,
      currentRep: acc.currentRep,
      rep: p.rep,
      repKind: p.kind,
      status: p.status,
      reason: `${tierWords}, ${moneyWords(acc, currency)}, ${p.why}`,
      actions: acc.actions,
      recovery: acc.recovery,
      growth: acc.growth,
      expectedRevenue: acc.expected,
      priority: acc.priority,
    };
  });
}

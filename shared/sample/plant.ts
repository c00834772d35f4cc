import { monthIndexOfDay } from '../format/dates';
import type { CategorySpec } from './catalog';
import { purchaseDays } from './purchases';
import { deriveSeed, type Rng } from './rng';
import type { CustomerPlan, RelationshipPlan, RosterRow } from './types';

// The rates are explained at the top of plan.ts.
export const RATES = { gap: 0.1, seasonal: 0.05, longCycle: 0.05, volatile: 0.05, oneTime: 0.06, churnedAll: 0.02, stopped: 0.08, declining: 0.12, repChange: 0.04 };
const ONE_TIME_TICKET = 1400;
const LONG_CYCLE_FAVOURITES = ['Equipment', 'Cleaning', 'Spices', 'Paper & Disposables', 'Dry Goods'];

export type Pattern = { name: string; segment: string; weights: number[]; core: number[]; members: number[] };
export type Context = { seed: number; startDay: number; endDay: number; months: number; categories: CategorySpec[]; patterns: Pattern[]; roster: RosterRow[] };

function seasonMonthsFor(endDay: number, rng: Rng): number[] {
  const endMonth = monthIndexOfDay(endDay);
  const gapBefore = rng.int(1, 3);
  const length = rng.int(3, 5);
  const last = endMonth - gapBefore;
  return Array.from({ length }, (_, k) => (((last - length + 1 + k) % 12) + 12) % 12);
}

function volatileIsHonest(days: number[], endDay: number): boolean {
  if (days.length < 8) return false;
  const gaps = days.slice(1).map((d, i) => d - days[i]);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1));
  // Irregular, and still buying by its own standards: the silence now is no longer than one it already had.
  return sd / mean > 0.9 && endDay - days[days.length - 1] <= Math.max(...gaps);
}

/** Turns some regular relationships into traps; returns the kinds planted. */
export function plantTraps(ctx: Context, plan: CustomerPlan, gaps: number[], established: boolean, rng: Rng): string[] {
  const planted: string[] = [];
  const regular = (): RelationshipPlan[] => plan.relationships.filter((r) => r.kind === 'regular');
  const { startDay, endDay } = ctx;
  if (established && ctx.months >= 20 && rng.chance(RATES.seasonal) && regular().length > 1) {
    const rel = rng.pick(regular());
    const months = seasonMonthsFor(endDay, rng);
    const annual = (rel.orderValue * 365) / rel.cycle;
    rel.kind = 'seasonal';
    rel.seasonMonths = months;
    rel.cycle = rng.uniform(7, 21);
    rel.jitter = rng.uniform(0.1, 0.25);
    rel.orderValue = annual / ((months.length * 30.4) / rel.cycle);
    planted.push('seasonal');
  }
  if (established && rng.chance(RATES.longCycle) && regular().length > 1) {
    const pool = regular();
    const favourites = pool.filter((r) => LONG_CYCLE_FAVOURITES.includes(ctx.categories[r.category].name));
    const rel = rng.pick(favourites.length > 0 ? favourites : pool);
    const room = endDay - rel.startDay;
    const cycle = Math.min(rng.uniform(100, 180), room / 3.4);
    if (cycle >= 100) {
      const annual = (rel.orderValue * 365) / rel.cycle;
      rel.kind = 'long-cycle';
      rel.cycle = cycle;
      rel.jitter = 0.06;
      rel.keyDay = endDay - Math.round(Math.max(60, rng.uniform(0.5, 0.85) * cycle));
      rel.orderValue = (annual * cycle) / 365;
      planted.push('long-cycle');
    }
  }
  if (established && rng.chance(RATES.volatile) && regular().length > 1) {
    const rel = rng.pick(regular());
    const original = rel.seed;
    rel.kind = 'volatile';
    let honest = false;
    for (let attempt = 0; attempt < 40 && !honest; attempt++) {
      rel.seed = deriveSeed(original, 3, attempt);
      honest = volatileIsHonest(purchaseDays(rel, startDay, endDay), endDay);
    }
    if (honest) {
      rel.orderValue = (rel.orderValue * 365) / rel.cycle / (365 / 38);
      planted.push('volatile');
    } else {
      rel.kind = 'regular';
      rel.seed = original;
    }
  }
  if (rng.chance(RATES.oneTime)) {
    const taken = new Set([...plan.relationships.map((r) => r.category), ...gaps]);
    const free = ctx.categories.map((_, c) => c).filter((c) => !taken.has(c));
    const first = Math.min(...plan.relationships.map((r) => r.startDay)) + 30;
    const last = endDay - 200;
    if (free.length > 0 && first < last) {
      const category = rng.pick(free);
      plan.relationships.push({
        category,
        kind: 'one-time',
        seed: deriveSeed(ctx.seed, 2, plan.index, category),
        startDay: first,
        cycle: 0,
        jitter: 0,
        orderValue: ONE_TIME_TICKET * rng.uniform(0.3, 1.5),
        keyDay: rng.int(first, last),
        declineTo: 1,
        seasonMonths: [],
        preferredProduct: rng.int(0, ctx.categories[category].products.length - 1),
      });
      planted.push('one-time');
    }
  }
  return planted;
}

export function plantDefections(ctx: Context, plan: CustomerPlan, established: boolean, hasTraps: boolean, rng: Rng): void {
  const { endDay } = ctx;
  if (established && !hasTraps && rng.chance(RATES.churnedAll)) {
    const from = endDay - rng.int(150, 300);
    if (plan.relationships.every((r) => r.startDay + r.cycle * 2 < from)) {
      for (const rel of plan.relationships) {
        rel.kind = 'churned-all';
        rel.keyDay = from;
      }
      return;
    }
  }
  for (const rel of plan.relationships) {
    if (rel.kind !== 'regular' || rel.startDay > endDay - 365 || rel.cycle > 75) continue;
    const draw = rng.next();
    if (draw < RATES.stopped) {
      const stop = endDay - Math.min(300, Math.round(Math.max(4 * rel.cycle, 75)) + rng.int(0, 90));
      // A relationship needs a rhythm before its end can mean anything.
      if (rel.startDay + 5 * rel.cycle > stop) continue;
      rel.kind = 'stopped';
      rel.keyDay = stop;
    } else if (draw < RATES.stopped + RATES.declining) {
      const from = endDay - rng.int(150, 240);
      // Frequent enough that the slide shows in several orders, with a rhythm before it.
      if (rel.cycle > 45 || rel.startDay + 5 * rel.cycle > from) continue;
      rel.kind = 'declining';
      rel.keyDay = from;
      rel.declineTo = rng.uniform(0.2, 0.4);
    }
  }
}


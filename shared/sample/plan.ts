import { dayFromIso, dayFromParts, isoFromDay } from '../format/dates';
import { CATALOG, CORE_WEIGHT, PATTERNS, REP_NAMES, TERRITORIES, customerNameFor, type CategorySpec } from './catalog';
import { RATES, plantDefections, plantTraps, type Context, type Pattern } from './plant';
import { createRng, deriveSeed, type Rng } from './rng';
import type { CustomerPlan, DistributorPlan, GeneratorOptions, PlantedTruth, RelationshipPlan, RosterRow } from './types';

/*
 * Planted rates (per customer unless said otherwise), all drawn from the seed:
 * - size: log-normal (sigma 1.6), so the top 20% of customers make about 75-80% of revenue;
 * - pattern: one of PATTERNS (popularity weighted). The pattern's two heaviest categories are always
 *   bought, its other core categories (weight >= 13%) with a chance of 20-100% growing with size,
 *   its minor categories 3-63%, and any other category 2% (a stray);
 * - cycles: each relationship has its own mean interval, about every 2 weeks for big customers'
 *   main categories to every 6 months for the smallest (median about 4 months, which keeps the
 *   bundled file small), interval jitter CV 0.12-0.30, order-size noise log-normal 0.25;
 * - 80% of customers buy from the start, 20% join during the first two thirds of the history;
 * - 5 territories with 1 inside + 1-3 outside reps each; the smallest 30% sit with the inside rep;
 *   4% of customers change rep once;
 * - cross-sell gaps: 10% of customers lack 1 (or 2) of their pattern's core categories;
 * - traps (one relationship each): seasonal 5% (bought only 3-5 months a year, two seasons, the
 *   end date 1-3 months into the off-season), long-cycle 5% (every 100-180 days, last order
 *   60+ days ago but inside its cycle), volatile 5% (burst and pause, interval CV > 0.9, the current
 *   silence no longer than one it already had), one-time 6% (one order, 200+ days before the end);
 * - defections: churned-all 2% of customers (no traps), 150-300 days before the end; of the other
 *   relationships bought for a year or more and ordering at least every 75 days, 8% stop (at least
 *   4 cycles and 75 days before the end, after a rhythm of 5+ cycles); of those ordering at least
 *   every 45 days, 12% decline to 20-40% of their baseline order value over 60 days from 5-8
 *   months before the end, still ordering. Together about 5-6% of established relationships;
 * - credits: 1.5% of healthy regular orders get a partial return 2-12 days later.
 */

const SIZE_SIGMA = 1.6;
const MEDIAN_ANNUAL = 12_000;
const FREQUENCY = { slowest: 170, fastest: 14, rank: 0.9, power: 5, share: 0.1 };
const PATTERN_POPULARITY = [0.28, 0.18, 0.14, 0.17, 0.1, 0.13];
const BREADTH = { core: 0.2, base: 0.03, rank: 0.6, stray: 0.02 };
const TERRITORY_COUNT = 5;


const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));

function patternsFor(categories: CategorySpec[]): Pattern[] {
  return PATTERNS.map((spec) => {
    const weights = categories.map((c) => spec.weights[c.name] ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    const normalised = weights.map((w) => w / total);
    const members = normalised.map((w, i) => [w, i]).filter(([w]) => w > 0).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
    return { name: spec.name, segment: spec.segment, weights: normalised, core: members.filter((i) => normalised[i] >= CORE_WEIGHT), members };
  }).filter((p) => p.core.length >= 2);
}

function rosterFor(seed: number): RosterRow[] {
  const rng = createRng(deriveSeed(seed, 7));
  const roster: RosterRow[] = [];
  let nameIndex = 0;
  for (const territory of TERRITORIES.slice(0, TERRITORY_COUNT)) {
    roster.push({ rep: REP_NAMES[nameIndex++], kind: 'inside', territory, capacity: 120 + 10 * rng.int(0, 6) });
    const outside = rng.int(1, 3);
    for (let k = 0; k < outside; k++) roster.push({ rep: REP_NAMES[nameIndex++], kind: 'outside', territory, capacity: 30 + 5 * rng.int(0, 4) });
  }
  return roster;
}

/** Percentile of a log-normal size, so breadth and rep choice need no second pass. */
const sizeRank = (size: number): number => {
  const z = Math.log(size / MEDIAN_ANNUAL) / SIZE_SIGMA;
  return 1 / (1 + Math.exp(-1.702 * z));
};

function baseCustomer(ctx: Context, index: number, rng: Rng): { plan: CustomerPlan; size: number; gaps: number[]; established: boolean } {
  const span = ctx.endDay - ctx.startDay;
  const pattern = rng.weighted(PATTERN_POPULARITY.slice(0, ctx.patterns.length));
  const spec = ctx.patterns[pattern];
  const size = MEDIAN_ANNUAL * rng.lognormal(SIZE_SIGMA);
  const rank = sizeRank(size);
  const established = rng.chance(0.8);
  const customerStart = established ? ctx.startDay + rng.int(0, 20) : ctx.startDay + Math.floor(rng.uniform(0.05, 0.66) * span);

  const territory = TERRITORIES[rng.int(0, TERRITORY_COUNT - 1)];
  const territoryReps = ctx.roster.filter((r) => r.territory === territory);
  const wantKind = rank > 0.3 ? 'outside' : 'inside';
  const candidates = territoryReps.filter((r) => r.kind === wantKind);
  const rep = rng.pick(candidates).rep;
  const others = territoryReps.filter((r) => r.rep !== rep);
  const repChange = rng.chance(RATES.repChange) && others.length > 0 ? { day: customerStart + Math.floor(rng.uniform(0.3, 0.8) * (ctx.endDay - customerStart)), rep: rng.pick(others).rep } : null;
  const segments = [...new Set(ctx.patterns.map((p) => p.segment))];
  const segment = rng.chance(0.88) ? spec.segment : rng.pick(segments);

  const gaps: number[] = [];
  if (spec.core.length >= 3 && rng.chance(RATES.gap)) {
    const count = spec.core.length >= 4 && rng.chance(0.3) ? 2 : 1;
    gaps.push(...rng.shuffle([...spec.core]).slice(0, count));
  }
  const bought: number[] = [];
  const weights: number[] = [];
  ctx.categories.forEach((_, c) => {
    if (gaps.includes(c)) return;
    const w = spec.weights[c];
    // Everyone buys the pattern's two mainstays; small customers skip some of the rest.
    const mainstay = spec.members.indexOf(c) >= 0 && spec.members.indexOf(c) < 2;
    const chance = spec.core.includes(c) ? BREADTH.core + (1 - BREADTH.core) * rank : w > 0 ? BREADTH.base + BREADTH.rank * rank ** 2 : BREADTH.stray;
    const take = mainstay || rng.chance(chance);
    if (!take) return;
    bought.push(c);
    weights.push((w > 0 ? w : 0.02) * rng.lognormal(0.35));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const relationships: RelationshipPlan[] = bought.map((c, k) => {
    const share = weights[k] / total;
    const annual = size * share;
    // Big customers and their main categories order often; the long tail orders monthly or less.
    const pace = clamp(FREQUENCY.rank * rank ** FREQUENCY.power + FREQUENCY.share * share, 0, 1);
    const cycle = clamp(FREQUENCY.slowest * (FREQUENCY.fastest / FREQUENCY.slowest) ** pace * rng.lognormal(0.25), 6, 180);
    return {
      category: c,
      kind: 'regular',
      seed: deriveSeed(ctx.seed, 2, index, c),
      startDay: customerStart + rng.int(0, 40),
      cycle,
      jitter: rng.uniform(0.12, 0.3),
      orderValue: (annual * cycle) / 365,
      keyDay: 0,
      declineTo: 1,
      seasonMonths: [],
      preferredProduct: rng.int(0, ctx.categories[c].products.length - 1),
    };
  });
  const plan: CustomerPlan = {
    index,
    id: `C${String(index + 1).padStart(5, '0')}`,
    name: customerNameFor(index),
    pattern,
    segment,
    territory,
    rep,
    repChange,
    priceFactor: rng.uniform(0.95, 1.05),
    relationships,
  };
  return { plan, size, gaps, established };
}

export function validateOptions(options: GeneratorOptions): Required<GeneratorOptions> {
  const months = options.months ?? 24;
  const categories = options.categories ?? 12;
  if (!Number.isInteger(options.customers) || options.customers < 1) throw new RangeError(`customers must be a positive whole number, got ${options.customers}`);
  if (!Number.isInteger(months) || months < 3 || months > 120) throw new RangeError(`months must be a whole number from 3 to 120, got ${months}`);
  if (!Number.isInteger(categories) || categories < 6 || categories > CATALOG.length) throw new RangeError(`categories must be a whole number from 6 to ${CATALOG.length}, got ${categories}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.endDate)) throw new RangeError(`endDate must be an ISO date (YYYY-MM-DD), got ${options.endDate}`);
  return { seed: options.seed >>> 0, customers: options.customers, endDate: options.endDate, months, categories };
}

export function planDistributor(options: GeneratorOptions): DistributorPlan {
  const opts = validateOptions(options);
  const endDay = dayFromIso(opts.endDate);
  const [y, m] = opts.endDate.split('-').map(Number);
  // The history covers whole calendar months back from the end date's month.
  const startMonth = y * 12 + (m - 1) - (opts.months - 1);
  const startDay = dayFromParts(Math.floor(startMonth / 12), (startMonth % 12) + 1, 1);
  const categories = CATALOG.slice(0, opts.categories);
  const patterns = patternsFor(categories);
  const roster = rosterFor(opts.seed);
  const ctx: Context = { seed: opts.seed, startDay, endDay, months: opts.months, categories, patterns, roster };
  const truth: PlantedTruth = {
    categories: categories.map((c) => c.name),
    patterns: patterns.map((p) => ({ name: p.name, categories: p.members.map((i) => categories[i].name) })),
    customerPattern: {},
    defections: [],
    traps: [],
    crossSellGaps: [],
  };
  const customers: CustomerPlan[] = [];
  for (let index = 0; index < opts.customers; index++) {
    const rng = createRng(deriveSeed(opts.seed, 1, index));
    const { plan, gaps, established } = baseCustomer(ctx, index, rng);
    const traps = plantTraps(ctx, plan, gaps, established, rng);
    plantDefections(ctx, plan, established, traps.length > 0, rng);
    customers.push(plan);
    truth.customerPattern[plan.id] = plan.pattern;
    for (const c of gaps) truth.crossSellGaps.push({ customerId: plan.id, category: categories[c].name });
    for (const rel of plan.relationships) {
      const category = categories[rel.category].name;
      if (rel.kind === 'stopped' || rel.kind === 'declining' || rel.kind === 'churned-all') {
        truth.defections.push({ customerId: plan.id, category, kind: rel.kind, fromDate: isoFromDay(rel.keyDay) });
      } else if (rel.kind !== 'regular') {
        truth.traps.push({ customerId: plan.id, category, kind: rel.kind });
      }
    }
  }
  return { seed: opts.seed, startDay, endDay, categories, customers, roster, truth };
}

import type { CustomerDetail } from '../../../../shared/contract/analysis';
import { OVERDUE_CYCLES } from '../../../../shared/analytics/risk/features';
import { digitsToTell } from '../../../../shared/format/numbers';
import type { Formatters } from '../../app/format';

type Action = CustomerDetail['actions'][number];
type Cycle = CustomerDetail['cycles'][number];
export type Part = NonNullable<Action['breakdown']>[number];

/** A category of a whole-account call, with why the call carries it. */
export type CarriedPart = Part & { why: string };

type Fmt = Pick<Formatters, 'money' | 'number' | 'counted'>;

const DAY_MS = 86_400_000;

/**
 * How many of its own cycles a category has gone without an order at the as-of date, by its
 * rhythm row; null where it has no rhythm (bought once), which is never late.
 */
export function cyclesSilent(c: Pick<Cycle, 'cycleDays' | 'lastPurchase'>, asOf: string): number | null {
  if (c.cycleDays === null || !(c.cycleDays > 0)) return null;
  const days = (Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`) - Date.parse(`${c.lastPurchase.slice(0, 10)}T00:00:00Z`)) / DAY_MS;
  return Math.max(0, days) / c.cycleDays;
}

/**
 * Two amounts that add up to a total as shown: whole units round each figure on its own, so
 * £48,123.40 and £32,405.46 had read £48,123 + £32,405 under "£80,529 at risk".
 */
function shownSplit(total: number, part: number): [number, number] {
  if (Math.abs(total) < 10) return [part, total - part];
  const whole = Math.round(part);
  return [whole, Math.round(total) - whole];
}

/**
 * The parts of an account call, each with why it is carried, and the sentence above them. A
 * slipping account called on the account as a whole names no categories that slip when its
 * categories could hold its money (no part `spread`): every part had read "slipping", Online Retail
 * II's 18102 a Cabinet bought on the as-of day among them. There the rhythm rows decide, by the
 * rule the action's reason counts ("15 of its 29 categories have gone more than 2 of their own
 * cycles"): the late ones slip, the rest carry the account's wider slide.
 */
export function accountParts(account: Action, cycles: readonly Cycle[], asOf: string | null, fmt: Fmt): { rows: CarriedPart[]; note: string } {
  const parts = account.breakdown ?? [];
  const signal = account.facts.signal;
  const total = account.expectedRevenue;
  const kept = 'none above what the customer kept in it while another has room';
  if (signal === 'several-categories') {
    return { rows: parts.map((p) => ({ ...p, why: 'a slip below the value floor' })), note: `${fmt.money(total)} at risk in small slips, each below the value floor, together worth one call.` };
  }
  if (signal !== 'slipping') {
    return { rows: parts.map((p) => ({ ...p, why: 'gone quiet with the account' })), note: `${fmt.money(total)} at risk, split over the categories it bought, ${kept}.` };
  }
  const spread = parts.reduce((sum, p) => sum + (p.spread ? p.atRisk : 0), 0);
  if (spread > 0 || asOf === null) {
    // The run named the categories that slip: the rest is the money they could not hold.
    const rows = parts.map((p) => ({ ...p, why: p.spread ? "the account's wider slide" : 'slipping' }));
    const beyond =
      spread > 0
        ? ` The slipping categories kept less than the account's money at risk, so ${fmt.money(spread)} of it lies on the account's other categories, by how much the model expects each to lose: they are not themselves flagged as slipping.`
        : '';
    return { rows, note: `${fmt.money(total)} at risk, split over the categories that slip, ${kept}.${beyond}` };
  }
  const rhythm = new Map(cycles.map((c) => [c.category, c]));
  let lateMoney = 0;
  let late = 0;
  const rows = parts.map((p) => {
    const row = rhythm.get(p.category);
    const silent = row ? cyclesSilent(row, asOf) : null;
    if (silent !== null && silent > OVERDUE_CYCLES) {
      late++;
      lateMoney += p.atRisk;
      // Digits enough to read above the threshold: 2.04 cycles is no "2".
      return { ...p, why: `slipping: ${fmt.number(silent, digitsToTell(silent, OVERDUE_CYCLES, 1))} of its cycles without an order` };
    }
    // Past its due date but not yet two cycles silent is no slip by that rule, and no "on time" either.
    const pastDue = row?.expectedBy != null && row.expectedBy < asOf;
    return { ...p, why: `${silent === null ? 'no rhythm yet' : pastDue ? `past due, under ${OVERDUE_CYCLES} of its cycles` : 'on time'}; part of the account's slide` };
  });
  const gone = (n: number): string => `gone more than ${OVERDUE_CYCLES} of ${n === 1 ? 'its' : 'their'} own cycles without an order`;
  const slip = (n: number): string => `${fmt.counted(n, 'category', 'categories')} that ${n === 1 ? 'slips' : 'slip'} (${gone(n)})`;
  const others = parts.length - late;
  let note: string;
  if (late === 0) {
    note = `${fmt.money(total)} at risk over the categories it bought, none ${gone(2)}: the account's slide as a whole, ${kept}.`;
  } else if (others === 0) {
    note = `${fmt.money(total)} at risk, split over the ${slip(late)}, ${kept}.`;
  } else {
    const [onLate, rest] = shownSplit(total, lateMoney);
    note =
      `${fmt.money(total)} at risk: ${fmt.money(onLate)} on the ${slip(late)}, ` +
      `the other ${fmt.money(rest)} over its ${fmt.counted(others, 'other category', 'other categories')}, ${others === 1 ? 'not' : 'none'} gone that long, as the account's wider slide. No category holds more than the customer kept in it while another has room.`;
  }
  return { rows, note };
}

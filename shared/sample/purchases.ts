import { dayFromParts, isoFromDay, monthIndexOfDay } from '../format/dates';
import { createRng } from './rng';
import type { RelationshipPlan } from './types';

/** One order of a relationship: its day and the money it was meant to be worth. */
export type Purchase = { day: number; value: number };

// Day 0 (1970-01-01) was a Thursday: 0 = Sunday.
const weekday = (day: number): number => (day + 4) % 7;

/** Moves weekend orders to a working day without crossing `limit` or leaving the month. */
function onWorkingDay(day: number, limit: number): number {
  const wd = weekday(day);
  if (wd === 6) return day - 1;
  if (wd !== 0) return day;
  const monday = day + 1;
  const sameMonth = monthIndexOfDay(monday) === monthIndexOfDay(day);
  return monday <= limit && sameMonth ? monday : day - 2;
}

const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));

/** A gentle company-wide seasonality (+-8%, peak in December) on order size, never on timing. */
const seasonalWave = (day: number): number => 1 + 0.08 * Math.cos(((monthIndexOfDay(day) - 11) / 12) * 2 * Math.PI);

/** Rhythmic orders from the first to the limit day, with interval jitter. */
function rhythmicDays(rel: RelationshipPlan, firstDay: number, limit: number, next: () => number, normal: () => number): number[] {
  const days: number[] = [];
  // A declining customer keeps ordering: no pause long enough to look like a stop.
  const longest = rel.kind === 'declining' ? 1.6 : 2.2;
  let day = firstDay + Math.floor(next() * rel.cycle);
  while (day <= limit) {
    const shifted = onWorkingDay(day, limit);
    if (shifted >= firstDay && (days.length === 0 || shifted > days[days.length - 1])) days.push(shifted);
    day += Math.max(1, Math.round(rel.cycle * clamp(1 + rel.jitter * normal(), 0.35, longest)));
  }
  return days;
}

function seasonalDays(rel: RelationshipPlan, startDay: number, endDay: number, next: () => number, normal: () => number): number[] {
  const days: number[] = [];
  const firstYear = Number(isoFromDay(startDay).slice(0, 4));
  const lastYear = Number(isoFromDay(endDay).slice(0, 4));
  const months = rel.seasonMonths;
  for (let year = firstYear - 1; year <= lastYear; year++) {
    // A season may wrap the year end (e.g. Nov-Feb): it starts in `year` and runs on.
    const seasonStart = dayFromParts(year, months[0] + 1, 1);
    const lastMonth = months[0] + months.length; // exclusive, may exceed 12
    const seasonEnd = dayFromParts(year + Math.floor(lastMonth / 12), (lastMonth % 12) + 1, 1) - 1;
    const from = Math.max(seasonStart, startDay, rel.startDay);
    const to = Math.min(seasonEnd, endDay);
    if (from > to) continue;
    let day = from + Math.floor(next() * Math.min(rel.cycle, 7));
    while (day <= to) {
      const shifted = onWorkingDay(day, to);
      if (shifted >= from && (days.length === 0 || shifted > days[days.length - 1])) days.push(shifted);
      day += Math.max(1, Math.round(rel.cycle * clamp(1 + rel.jitter * normal(), 0.5, 1.6)));
    }
  }
  return days;
}

/** Backwards from the planned last purchase, so the as-of date always sits inside the cycle. */
function longCycleDays(rel: RelationshipPlan, normal: () => number): number[] {
  const days = [rel.keyDay];
  let day = rel.keyDay;
  for (;;) {
    day -= Math.max(92, Math.round(rel.cycle * (1 + rel.jitter * normal())));
    if (day < rel.startDay) break;
    days.push(day);
  }
  return days.reverse();
}

/** Bursts of quick re-orders between long pauses: irregular on purpose. */
function volatileDays(rel: RelationshipPlan, endDay: number, next: () => number): number[] {
  const days: number[] = [];
  let day = rel.startDay + Math.floor(next() * 20);
  while (day <= endDay) {
    if (days.length === 0 || day > days[days.length - 1]) days.push(day);
    day += next() < 0.6 ? 2 + Math.floor(next() * 12) : 40 + Math.floor(next() * 90);
  }
  return days;
}

export function purchaseDays(rel: RelationshipPlan, startDay: number, endDay: number): number[] {
  const rng = createRng(rel.seed);
  switch (rel.kind) {
    case 'one-time':
      return [rel.keyDay];
    case 'long-cycle':
      return longCycleDays(rel, rng.normal);
    case 'volatile':
      return volatileDays(rel, endDay, rng.next);
    case 'seasonal':
      return seasonalDays(rel, startDay, endDay, rng.next, rng.normal);
    case 'stopped':
    case 'churned-all':
      return rhythmicDays(rel, rel.startDay, rel.keyDay, rng.next, rng.normal);
    default:
      return rhythmicDays(rel, rel.startDay, endDay, rng.next, rng.normal);
  }
}

/** Spend multiplier of a declining relationship: slides over 60 days from 1 to declineTo. */
const declineFactor = (rel: RelationshipPlan, day: number): number => {
  if (rel.kind !== 'declining' || day < rel.keyDay) return 1;
  const progress = Math.min(1, (day - rel.keyDay) / 60);
  return 1 - progress * (1 - rel.declineTo);
};

/** The orders of one relationship with their intended money values. */
export function purchasesOf(rel: RelationshipPlan, startDay: number, endDay: number): Purchase[] {
  const days = purchaseDays(rel, startDay, endDay);
  const rng = createRng(rel.seed ^ 0x2f6b1d3);
  return days.map((day) => ({ day, value: rel.orderValue * rng.lognormal(0.25) * seasonalWave(day) * declineFactor(rel, day) }));
}

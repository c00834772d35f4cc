import type { CustomerDetail } from '../../../shared/contract/analysis';
import { customerCycles } from '../../../shared/analytics/recovery/index';
import { dayFromIso, isoFromDay, monthOfDay } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';
import type { AnalysisSummary } from '../../../shared/model/results';
import { AppError } from '../../../shared/contract/errors';
import type { Session } from '../session';
import type { Db } from '../db/open';
import { customerActions, customerRow } from './queries';
import { recoveryModelFor, warmData } from './warm';

const MONTHS = 24;

/** First row of a customer in the (customer, category, day)-sorted arrays. */
function firstRow(customer: Int32Array, target: number): number {
  let lo = 0;
  let hi = customer.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (customer[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The months shown: the last 24 up to the as-of date, or fewer when the data starts later. Months
 * before the data began would draw as a customer buying nothing, which the data cannot say.
 */
const monthsShown = (firstDay: number, asOfDay: number): string[] => {
  const index = (day: number): number => {
    const [y, m] = monthOfDay(day).split('-').map(Number);
    return y * 12 + (m - 1);
  };
  const last = index(asOfDay);
  const first = Math.max(last - (MONTHS - 1), Math.min(last, index(firstDay)));
  return Array.from({ length: last - first + 1 }, (_, i) => `${Math.floor((first + i) / 12)}-${String(((first + i) % 12) + 1).padStart(2, '0')}`);
};

function history(ds: Dataset, index: number, asOfDay: number): Pick<CustomerDetail, 'monthly' | 'purchases'> {
  const months = monthsShown(ds.firstDay, asOfDay);
  const monthIndex = new Map(months.map((mo, i) => [mo, i]));
  const monthly = months.map((month) => ({ month, byCategory: new Array<number>(ds.categories.length).fill(0) }));
  const perDay = new Map<string, { date: string; category: string; revenue: number }>();
  const { customer, category, day, revenue } = ds.tx;
  for (let r = firstRow(customer, index); r < customer.length && customer[r] === index; r++) {
    if (day[r] > asOfDay) continue;
    const mi = monthIndex.get(monthOfDay(day[r]));
    if (mi !== undefined) monthly[mi].byCategory[category[r]] += revenue[r];
    const date = isoFromDay(day[r]);
    const key = `${date}|${category[r]}`;
    const entry = perDay.get(key);
    if (entry) entry.revenue += revenue[r];
    else perDay.set(key, { date, category: ds.categories[category[r]], revenue: revenue[r] });
  }
  const purchases = [...perDay.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.category < b.category ? -1 : 1));
  return { monthly, purchases };
}

export function customerDetail(session: Session, db: Db, summary: AnalysisSummary, code: string): CustomerDetail {
  const result = customerRow(db, summary.runId, code);
  if (!result) {
    throw new AppError('NOT_FOUND', `No customer "${code}" in analysis run ${summary.runId}. Check the code or search the customer list.`, {
      code,
      runId: summary.runId,
    });
  }
  const data = warmData(session);
  const index = data.ds.customers.findIndex((c) => c.code === code);
  const asOfDay = dayFromIso(summary.asOf);
  const { monthly, purchases } = index >= 0 ? history(data.ds, index, asOfDay) : { monthly: [], purchases: [] };
  const cycles = data.ds.hasDates && index >= 0 ? customerCycles(recoveryModelFor(session, summary.settings, summary.asOf).model, index) : [];
  return {
    customer: result,
    profile: summary.profiles.find((p) => p.id === result.profile) ?? null,
    categories: summary.categories,
    monthly,
    purchases,
    cycles,
    actions: customerActions(db, summary.runId, code),
  };
}

import { isoFromDay, monthIndexOfDay } from '../../format/dates';
import type { CustomerDetail } from '../../contract/analysis';
import type { RecoveryModel } from './model';

/** A buyer is called volatile when its intervals swing by more than half its usual cycle. */
const VOLATILE_CV = 0.5;

/** One row of the customer detail's rhythm table; the contract owns its shape. */
export type CustomerCycle = CustomerDetail['cycles'][number];

/** The customer's rhythm per category it bought, for the customer detail screen. */
export function customerCycles(model: RecoveryModel, customer: number): CustomerCycle[] {
  const out: CustomerCycle[] = [];
  if (customer < 0 || customer >= model.customerCount) return out;
  for (let r = model.customerStart[customer]; r < model.customerStart[customer + 1]; r++) {
    if (model.purchases[r] === 0) continue;
    const seasonal = model.seasonMask[r] !== 0;
    const cycle = seasonal ? model.seasonCycle[r] : model.cycle[r];
    const spread = seasonal ? model.seasonSpread[r] : model.spread[r];
    out.push({
      category: model.categories[model.category[r]],
      purchases: model.purchases[r],
      medianIntervalDays: Number.isFinite(model.medianInterval[r]) ? model.medianInterval[r] : null,
      cycleDays: Number.isFinite(cycle) ? cycle : null,
      lastPurchase: isoFromDay(model.last[r]),
      expectedBy: Number.isFinite(cycle) ? isoFromDay(dueDay(model, r, cycle, seasonal)) : null,
      seasonal,
      volatile: Number.isFinite(cycle) && cycle > 0 && spread / cycle > VOLATILE_CV,
    });
  }
  return out;
}

/** The day the usual cycle runs out, counting only in-season days for a seasonal category. */
function dueDay(model: RecoveryModel, r: number, cycle: number, seasonal: boolean): number {
  const last = model.last[r];
  if (!seasonal) return last + Math.round(cycle);
  const mask = model.seasonMask[r];
  let day = last;
  let counted = 0;
  // At most two years ahead: a season mask always has an in-season month.
  while (counted < cycle && day < last + 730) {
    day += 1;
    if (mask & (1 << monthIndexOfDay(day))) counted++;
  }
  return day;
}

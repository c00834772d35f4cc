import type { Dataset } from '../../model/dataset';
import { isCredit, settled, type Units } from './series';

/**
 * What each unit kept of what it bought in the prior window (cut - priorDays, cut]: every line in
 * it summed, returns and credits included whatever day they fall on; may be zero or below. Null
 * when no credit line falls in the window: then every unit kept all it bought.
 *
 * The series leave a return out unless it falls on a day of purchases (a return is dated when the
 * goods came back, so netted on its own day it reads as a slide): right for judging a rhythm, but
 * the money a customer puts at risk is what it keeps. On Online Retail a customer that bought £752
 * and sent all of it back three weeks later read "£1,600 in the 12 months before" and "£1,200 at
 * risk" beside a 12-month revenue of £868.
 */
export function keptSpend(ds: Dataset, units: Units, cut: number, priorDays: number): Float64Array | null {
  const { customer, category, day, revenue } = ds.tx;
  const from = cut - priorDays;
  let credits = false;
  for (let i = 0; i < day.length && !credits; i++) credits = isCredit(revenue[i]) && day[i] > from && day[i] <= cut;
  if (!credits) return null;
  const kept = new Float64Array(units.count);
  const size = new Float64Array(units.count);
  if (units.level === 'customer') {
    // A customer level's unit c is customer c (customerSeries).
    for (let i = 0; i < day.length; i++) {
      if (day[i] <= from || day[i] > cut) continue;
      kept[customer[i]] += revenue[i];
      size[customer[i]] += Math.abs(revenue[i]);
    }
    return withoutResidue(kept, size);
  }
  // Relationship units follow the transactions' (customer, category) runs, one unit per run.
  let u = -1;
  for (let i = 0; i < day.length; i++) {
    if (i === 0 || customer[i] !== customer[i - 1] || category[i] !== category[i - 1]) {
      u++;
      if (units.customer[u] !== customer[i] || units.category[u] !== category[i]) {
        throw new Error(`keptSpend: relationship unit ${u} is not customer ${customer[i]} x category ${category[i]}`);
      }
    }
    if (day[i] > from && day[i] <= cut) {
      kept[u] += revenue[i];
      size[u] += Math.abs(revenue[i]);
    }
  }
  return withoutResidue(kept, size);
}

/** All of it sent back is nothing kept, not the residue its lines leave (settled). */
function withoutResidue(kept: Float64Array, size: Float64Array): Float64Array {
  for (let u = 0; u < kept.length; u++) kept[u] = settled(kept[u], size[u]);
  return kept;
}

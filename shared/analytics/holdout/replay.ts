import type { Dataset } from '../../model/dataset';

/** The data as it stood at the end of `cut`: every transaction after it removed, customers and categories kept in place. */
export function datasetUpTo(ds: Dataset, cut: number): Dataset {
  const { customer, category, day, revenue } = ds.tx;
  let n = 0;
  for (let i = 0; i < day.length; i++) if (day[i] <= cut) n++;
  const tx = { customer: new Int32Array(n), category: new Int32Array(n), day: new Int32Array(n), revenue: new Float64Array(n) };
  let j = 0;
  let lastDay = ds.firstDay;
  for (let i = 0; i < day.length; i++) {
    if (day[i] > cut) continue;
    tx.customer[j] = customer[i];
    tx.category[j] = category[i];
    tx.day[j] = day[i];
    tx.revenue[j] = revenue[i];
    if (day[i] > lastDay) lastDay = day[i];
    j++;
  }
  return { ...ds, tx, lastDay };
}

import type { CustomerRecord } from '../model/dataset';

const built = new WeakMap<readonly CustomerRecord[], ReadonlyMap<string, number>>();

/**
 * Each customer's position in the dataset, by code. Kept per dataset, which is never changed once
 * loaded: at 5M rows building it took about a tenth of a second, and every run's leakage and
 * customers' results look actions' customers up in it.
 */
export function customerIndex(customers: readonly CustomerRecord[]): ReadonlyMap<string, number> {
  let index = built.get(customers);
  if (!index) {
    const byCode = new Map<string, number>();
    for (let i = 0; i < customers.length; i++) byCode.set(customers[i].code, i);
    index = byCode;
    built.set(customers, index);
  }
  return index;
}

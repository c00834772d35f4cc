import { describe, expect, it } from 'vitest';
import { unitFacts } from '../../../shared/analytics/risk/features';
import { outcomesAfter } from '../../../shared/analytics/risk/outcome';
import { customerSeries } from '../../../shared/analytics/risk/series';
import { dayFromIso } from '../../../shared/format/dates';
import { elogDataset } from '../../helpers/elog';

// The training cuts describe only the thinned units: their facts and outcomes must be exactly what
// describing every unit gives them, and the others must stay untouched.
const ds = elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' });
const customers = customerSeries(ds);
const cut = dayFromIso('1997-09-30');
const every = Array.from({ length: customers.count }, (_, u) => u);
const some = Int32Array.from(every.filter((u) => u % 7 === 3));

describe('describing a subset of units', () => {
  it('gives the subset the same facts as describing every unit', () => {
    const all = unitFacts(customers, ds.firstDay, cut, 273, 273);
    const part = unitFacts(customers, ds.firstDay, cut, 273, 273, some);
    for (const key of ['orders', 'ordersPrior', 'first', 'last', 'cycle', 'gapP90', 'prior', 'last90', 'previous90', 'lastYearAhead'] as const) {
      expect(Array.from(some, (u) => part[key][u]), key).toEqual(Array.from(some, (u) => all[key][u]));
    }
    expect(part.orders[4]).toBe(0);
    expect(all.orders[4]).toBeGreaterThan(0);
  });

  it('scores only the subset, each as scoring every unit does', () => {
    const all = outcomesAfter(customers, ds.firstDay, cut, 180, 1.1);
    const part = outcomesAfter(customers, ds.firstDay, cut, 180, 1.1, some);
    for (const key of ['prior', 'expected', 'actual', 'loss', 'declined', 'scored'] as const) {
      expect(Array.from(some, (u) => part[key][u]), key).toEqual(Array.from(some, (u) => all[key][u]));
    }
    const scoredOutside = every.filter((u) => u % 7 !== 3 && part.scored[u] === 1);
    expect(scoredOutside).toEqual([]);
    expect(some.filter((u) => all.scored[u] === 1).length).toBeGreaterThan(100);
  });
});

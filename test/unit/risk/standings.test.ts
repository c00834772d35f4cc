import { describe, expect, it } from 'vitest';
import { businessPaces, businessStandings } from '../../../shared/analytics/risk/outcome';
import { dayFromIso } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';
import { oneCategoryDataset, type DatedRow } from '../../helpers/one-category';

/** Two years of orders from four customers, with a credit now and then; a fresh copy on every call. */
function shop(): Dataset {
  const first = dayFromIso('2023-01-02');
  const rows: DatedRow[] = [];
  for (let customer = 0; customer < 4; customer++) {
    for (let day = first + customer; day < first + 730; day += 5 + 3 * customer) {
      rows.push({ customer, day, revenue: 40 + ((day * 7 + customer * 13) % 90) });
      if ((day + customer) % 11 === 0) rows.push({ customer, day, revenue: -15 });
    }
  }
  return oneCategoryDataset(['A', 'B', 'C', 'D'], rows);
}

const cuts = ['2023-09-30', '2024-03-31', '2024-06-30'].map((iso) => ({ cut: dayFromIso(iso), horizonDays: 90 }));
const asOf = { cut: dayFromIso('2024-10-31'), horizonDays: 365 };

describe("the business's standing at the risk stage's cuts", () => {
  it('is the same to the bit whether found alone, in one pass with other cuts, or again from that pass', () => {
    const together = businessStandings(shop(), [...cuts, asOf]);
    const again = shop();
    businessStandings(again, [cuts[0], asOf]);
    const fromThePass = businessStandings(again, [asOf, cuts[0]]);
    [...cuts, asOf].forEach((at, j) => {
      const [alone] = businessStandings(shop(), [at]);
      expect(together[j]).toEqual(alone);
    });
    expect(fromThePass).toEqual([together[3], together[0]]);
  });

  it("gives pricing at the as-of day the pace the learning's pass found, without a pass of its own", () => {
    const ds = shop();
    const learned = businessStandings(ds, [...cuts, asOf]);
    const [priced] = businessPaces(ds, [asOf.cut], asOf.horizonDays);
    expect(priced).toBe(learned[3].pace);
    expect(Number.isFinite(priced.quarter) && Number.isFinite(priced.last90) && Number.isFinite(priced.season)).toBe(true);
  });

  it('is found afresh for other data, even at the same cut and horizon', () => {
    const ds = shop();
    const [before] = businessStandings(ds, [cuts[1]]);
    const doubled = { ...ds, tx: { ...ds.tx, revenue: ds.tx.revenue.map((v) => 2 * v) } };
    const [after] = businessStandings(doubled, [cuts[1]]);
    expect(after).not.toBe(before);
    // Twice the money everywhere: the same index and pace.
    expect(after.index).toBeCloseTo(before.index, 12);
    expect(after.pace.quarter).toBeCloseTo(before.pace.quarter, 12);
    const shorter = { ...ds, firstDay: ds.firstDay + 30 };
    expect(businessStandings(shorter, [cuts[1]])[0]).not.toBe(before);
  });
});

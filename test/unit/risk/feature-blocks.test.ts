import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT, featureMatrix, unitFacts } from '../../../shared/analytics/risk/features';
import { priorDaysAt } from '../../../shared/analytics/risk/outcome';
import { customerSeries, relationshipSeries } from '../../../shared/analytics/risk/series';
import { dayFromIso } from '../../../shared/format/dates';
import { ONLINE_RETAIL_II, onlineRetail } from '../../integration/analysis/online-retail-data';

const cut = dayFromIso('2010-08-31');
const STEADY = { season: 0, quarter: 0, last90: 0 };
const h = 100;
let loaded: ReturnType<typeof load> | undefined;
/** Online Retail II's relationships and customers, with their facts as of 2010-08-31 (read once for both tests). */
function load() {
  const { ds } = onlineRetail(ONLINE_RETAIL_II);
  const priorDays = priorDaysAt(ds.firstDay, cut);
  const relationships = relationshipSeries(ds);
  const customers = customerSeries(ds);
  return { relationships, facts: unitFacts(relationships, ds.firstDay, cut, priorDays, h), standing: unitFacts(customers, ds.firstDay, cut, priorDays, h) };
}
const data = () => (loaded ??= load());

describe('the risk features of a block of units written over an earlier block', () => {
  it('are the rows of the whole matrix, with and without the customer standing (Online Retail II as of 2010-08-31)', () => {
    const { relationships, facts, standing } = data();
    const units = Int32Array.from({ length: relationships.count }, (_, u) => u).filter((u) => facts.prior[u] > 0);
    expect(units.length).toBeGreaterThan(5_000);
    for (const customerFacts of [standing, null]) {
      const whole = featureMatrix(facts, relationships, h, STEADY, customerFacts, units);
      // A block of 1,000 rows, dirty from the start and from every block before it.
      const block = new Float64Array(1_000 * FEATURE_COUNT).fill(7.5);
      for (let from = 0; from < units.length; from += 1_000) {
        const these = units.subarray(from, Math.min(units.length, from + 1_000));
        featureMatrix(facts, relationships, h, STEADY, customerFacts, these, block);
        expect(block.subarray(0, these.length * FEATURE_COUNT)).toEqual(whole.subarray(from * FEATURE_COUNT, (from + these.length) * FEATURE_COUNT));
      }
    }
  });

  it('refuses a block too small for the units asked for', () => {
    const { relationships, facts } = data();
    expect(() => featureMatrix(facts, relationships, h, STEADY, null, [0, 1, 2], new Float64Array(2 * FEATURE_COUNT))).toThrow(RangeError);
  });
});

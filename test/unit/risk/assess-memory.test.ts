import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../../shared/analytics/risk';
import { customerSeries, type SeriesMemory } from '../../../shared/analytics/risk/series';
import { dayFromIso } from '../../../shared/format/dates';
import { datasetFromRows, generateDistributor } from '../../../shared/sample';

function fullCollection(): void {
  v8.setFlagsFromString('--expose-gc');
  // ArrayBuffers found dead are otherwise freed by a background task after the collection returns:
  // on a busy machine their memory was still counted when the test looked.
  v8.setFlagsFromString('--no-concurrent-array-buffer-sweeping');
  (vm.runInNewContext('gc') as () => void)();
}

describe('a risk assessment', () => {
  it("lets each level's day series go once it is read for the last time: the customers' before the relationships' facts are made, the relationships' before they are priced", () => {
    const ds = datasetFromRows(generateDistributor({ seed: 8, customers: 250, endDate: '2026-10-31', months: 24, categories: 6 }).rows());
    const asOf = dayFromIso('2026-06-30');
    // Each level's days and values made in 32 MB of memory of their own, so that their going shows
    // in the process's ArrayBuffer memory (a WeakRef would keep them to the end of this turn).
    const PAD = 32 * 2 ** 20;
    const padded: SeriesMemory = {
      int32: (length) => new Int32Array(new ArrayBuffer(PAD), 0, length),
      float64: (length) => new Float64Array(new ArrayBuffer(PAD), 0, length),
    };
    const buffers = (): number => process.memoryUsage().arrayBuffers;
    let withBoth = Number.NaN;
    const atLetGo: number[] = [];
    const assessment = assessRisk(ds, asOf, 90, undefined, {
      customers: () => {
        const series = customerSeries(ds, padded);
        fullCollection();
        withBoth = buffers();
        return series;
      },
      relationshipMemory: padded,
      letGo: () => {
        fullCollection();
        atLetGo.push(withBoth - buffers());
      },
    });
    // First let-go: the customers' days and values (64 MB) gone, the relationships' still read for
    // their facts; second: the relationships' gone too, before they are priced.
    expect(atLetGo).toHaveLength(2);
    expect(atLetGo[0]).toBeGreaterThan(1.9 * PAD);
    expect(atLetGo[0]).toBeLessThan(3 * PAD);
    expect(atLetGo[1]).toBeGreaterThan(3.9 * PAD);
    // Still priced in full.
    expect(assessment.relationship.atRisk.length).toBe(assessment.relationships.count);
    expect(assessment.relationship.facts.prior.some((p) => p > 0)).toBe(true);
    expect(assessment.customer.breadth).not.toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { collectGarbage, collectIfHeapAbove } from '../../../main/backend/analysis/collect-garbage';

const MB = 2 ** 20;

/** Builds and drops objects as the stages do with their scratch lists. */
function objectsLetGo(count: number): number {
  const list = Array.from({ length: count }, (_, i) => ({ i, label: `row ${i}` }));
  return list.length;
}

/** Sums a column made and let go inside, as a stage does with its scratch arrays. */
function useAndLetGo(bytes: number): number {
  const column = new Float64Array(bytes / 8).fill(1);
  return column[column.length - 1];
}

describe('collecting what the analysis let go', () => {
  it('gives back the memory of typed arrays let go as soon as they add up to more than V8 frees soon on its own', () => {
    const before = process.memoryUsage().arrayBuffers;
    expect(useAndLetGo(256 * MB)).toBe(1);
    expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThanOrEqual(256 * MB);
    collectGarbage(256 * MB);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * MB);
  });

  it('collects the heap before the save only when it holds more than the bound given', () => {
    const heap = () => process.memoryUsage().heapUsed;
    objectsLetGo(1_000_000);
    const withGarbage = heap();
    collectIfHeapAbove(withGarbage * 2);
    expect(heap()).toBeGreaterThan(withGarbage - 16 * MB);
    collectIfHeapAbove(0);
    expect(heap()).toBeLessThan(withGarbage - 32 * MB);
  });
});

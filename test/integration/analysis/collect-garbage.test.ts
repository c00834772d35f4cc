import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../../main/backend/analysis/collect-garbage';

const MB = 2 ** 20;

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
});

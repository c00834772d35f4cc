import { describe, expect, it } from 'vitest';
import { prefaulted } from '../../../main/backend/analysis/prefault';

const zeros = (buffer: SharedArrayBuffer): boolean => new Uint8Array(buffer).every((b) => b === 0);

describe('buffers faulted in on another thread', () => {
  it('are handed over whole and zeroed, in the sizes asked for, once the thread is done with them', async () => {
    const sizes = [3 * 2 ** 20, 5 * 2 ** 20, 8];
    const { claim } = prefaulted(sizes);
    // Time enough for the thread to start and touch some or all of them.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const claimed = sizes.map((_, i) => claim(i));
    expect(claimed.map((b) => b.byteLength)).toEqual(sizes);
    expect(claimed.every(zeros)).toBe(true);
  });

  it('keep what is written once claimed, whether or not the thread had started on them', async () => {
    const { claim, buffers } = prefaulted([4 * 2 ** 20, 4 * 2 ** 20]);
    // Claimed at once: the thread never writes to it, so the data stays as written.
    const first = new Int32Array(claim(0)).fill(7);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = new Int32Array(claim(1)).fill(9);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(first.every((v) => v === 7)).toBe(true);
    expect(second.every((v) => v === 9)).toBe(true);
    expect(buffers).toHaveLength(2);
  });
});

import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Below this much let go, V8 frees it soon on its own (its soft limit on memory held outside the
 * heap between two major collections is 64 MB).
 */
const WORTH_COLLECTING = 64 * 2 ** 20;

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection right after the analysis let go of `bytes` of typed arrays (the
 * import's rows once loaded, the risk stage's day series). V8 returns an ArrayBuffer's memory only
 * when a major collection finds it unreachable, and the stages that follow allocate mostly small
 * objects, which do not call for one soon: at 20M rows over a gigabyte of rows let go stayed in
 * memory through the next stages, on top of what they allocated. One collection costs tens of
 * milliseconds per 100 MB of live heap.
 */
export function collectGarbage(bytes: number): void {
  if (bytes < WORTH_COLLECTING) return;
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    try {
      if (!exposed) v8.setFlagsFromString('--expose-gc');
      collect = exposed ?? (vm.runInNewContext('gc') as () => void);
    } catch {
      collect = null;
    }
  }
  collect?.();
  // A second collection frees what the first left for it: at 20M rows the rules' model (0.3 GB),
  // let go before features, outlived one collection and went with the second.
  collect?.();
}

/**
 * A full collection when the JS heap holds more than `bytes`, live or not: at the end of the stages
 * of a big analysis much of it is their scratch objects (at 5M rows a quarter of the heap), given
 * back before the save builds its rows.
 */
export function collectIfHeapAbove(bytes: number): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used > bytes) collectGarbage(used);
}

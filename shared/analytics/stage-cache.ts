/**
 * Keeps the latest result of each stage with the key (data + settings) it was computed from, so a
 * rerun recomputes a stage only when something it depends on changed.
 */
export class StageCache {
  private readonly entries = new Map<string, { key: string; value: unknown }>();
  /** Stage names served from the cache in the latest run, for tests and timings. */
  readonly hits: string[] = [];

  get<T>(stage: string, key: string, build: () => T): T {
    const hit = this.entries.get(stage);
    if (hit && hit.key === key) {
      this.hits.push(stage);
      return hit.value as T;
    }
    const value = build();
    this.entries.set(stage, { key, value });
    return value;
  }

  /** The kept value when its key matches, without building anything: a preview that only reads. */
  peek<T>(stage: string, key: string): T | undefined {
    const hit = this.entries.get(stage);
    return hit && hit.key === key ? (hit.value as T) : undefined;
  }

  /** Lets one stage's result go (built again when next asked for). */
  forget(stage: string): void {
    this.entries.delete(stage);
  }

  clear(): void {
    this.entries.clear();
    this.hits.length = 0;
  }
}

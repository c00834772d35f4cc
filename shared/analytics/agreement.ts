/** Adjusted Rand index (Hubert & Arabie 1985): 1 = same partition, ~0 = chance agreement. */
export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  const n = a.length;
  if (n !== b.length) throw new Error('adjustedRandIndex: both labelings must have the same length');
  const pairs = (x: number): number => (x * (x - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number | string, number>();
  const cols = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${String(a[i])}\u0000${String(b[i])}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sumRows = 0;
  for (const v of rows.values()) sumRows += pairs(v);
  let sumCols = 0;
  for (const v of cols.values()) sumCols += pairs(v);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Purity: the share of items whose cluster's majority label is their own label. */
export function purity(clusters: ArrayLike<number | string>, labels: ArrayLike<number | string>): number {
  const byCluster = new Map<number | string, Map<number | string, number>>();
  for (let i = 0; i < clusters.length; i++) {
    const m = byCluster.get(clusters[i]) ?? new Map<number | string, number>();
    m.set(labels[i], (m.get(labels[i]) ?? 0) + 1);
    byCluster.set(clusters[i], m);
  }
  let majority = 0;
  for (const m of byCluster.values()) majority += Math.max(...m.values());
  return clusters.length ? majority / clusters.length : 0;
}

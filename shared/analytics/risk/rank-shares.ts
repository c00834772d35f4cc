// Rank shares by a radix sort of the keys' bits: half a million keys in a few tens of milliseconds,
// where a numeric sort and a binary search per row (cache misses all the way down) took over a second.

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Each row's rank share by key, descending (0 = top); ties by row: (n - u + t) / n for the t-th row
 * (in row order) of the keys equal to its own, u of the keys at most its own. No key is at most
 * NaN, nor NaN at most any: the t-th NaN row gets (n + t) / n, and each NaN moves every number's
 * share down by 1 / n (as the binary search over sorted keys this replaces did).
 */
export function rankShares(key: Float64Array): Float64Array {
  const n = key.length;
  const share = new Float64Array(n);
  const rows = new Int32Array(n);
  let m = 0;
  let nanRows = 0;
  for (let row = 0; row < n; row++) {
    if (Number.isNaN(key[row])) share[row] = (n + nanRows++) / n;
    else rows[m++] = row;
  }
  // Each number's bits made to sort as unsigned integers in numeric order: -0 taken as 0, negative
  // numbers' bits all flipped (larger magnitude, smaller number), positive numbers' sign bit set.
  const hi = new Uint32Array(m);
  const lo = new Uint32Array(m);
  const one = new Float64Array(1);
  const words = new Uint32Array(one.buffer);
  const [low, high] = littleEndian ? [0, 1] : [1, 0];
  for (let i = 0; i < m; i++) {
    one[0] = key[rows[i]] + 0;
    const h = words[high];
    const l = words[low];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  // Least significant 16 bits first, each pass stable: equal keys keep their rows' order.
  let order = new Int32Array(m);
  let spare = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  const counts = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let i = 0; i < m; i++) counts[((word[i] >>> shift) & 0xffff) + 1]++;
    if (m === 0 || counts[((word[0] >>> shift) & 0xffff) + 1] === m) continue;
    for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < m; i++) {
      const at = order[i];
      spare[counts[(word[at] >>> shift) & 0xffff]++] = at;
    }
    [order, spare] = [spare, order];
  }
  for (let i = 0; i < m; ) {
    let end = i + 1;
    while (end < m && hi[order[end]] === hi[order[i]] && lo[order[end]] === lo[order[i]]) end++;
    for (let t = i; t < end; t++) share[rows[order[t]]] = (n - end + (t - i)) / n;
    i = end;
  }
  return share;
}

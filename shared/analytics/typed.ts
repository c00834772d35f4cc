/**
 * Typed arrays filled by a function of the index. `Float64Array.from(source, map)` takes the
 * generic path (the source walked as an iterator, the map called through it): 0.2-0.5 microseconds
 * an element on Node 20, a quarter of a second for half a million relationships, where a plain loop
 * takes a few milliseconds. The values are the same.
 */
export function float64Of(length: number, value: (i: number) => number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = value(i);
  return out;
}

export function int32Of(length: number, value: (i: number) => number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = value(i);
  return out;
}

type ColumnType = Float64ArrayConstructor | Int32ArrayConstructor | Float32ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;

/**
 * Zeroed columns of `length` elements each; with `oneBuffer`, all views of one buffer (the widest
 * first, so each starts aligned). Let go, a buffer of 32 MB or more goes back to the system at once:
 * the C library maps allocations that big on their own. Two dozen columns of a few megabytes each
 * were served from its heap instead and stayed in the process after they were freed (0.3 GB of the
 * rules' model at 20M rows), where only another typed array could use them again. That reuse is
 * also why separate columns are faster to fill: a fresh mapping is faulted in page by page.
 */
export function columnsOf<T extends Record<string, ColumnType>>(length: number, types: T, oneBuffer = true): { [K in keyof T]: InstanceType<T[K]> } {
  const names = Object.keys(types) as (keyof T & string)[];
  if (!oneBuffer) return namedColumns(names.map((name) => [name, new types[name](length)]));
  const widest = [...names].sort((a, b) => types[b].BYTES_PER_ELEMENT - types[a].BYTES_PER_ELEMENT);
  const offsets = new Map<string, number>();
  let bytes = 0;
  for (const name of widest) {
    offsets.set(name, bytes);
    // Every offset stays a multiple of the next column's width: widths only shrink along the way.
    bytes += types[name].BYTES_PER_ELEMENT * length;
  }
  const buffer = new ArrayBuffer(bytes);
  return namedColumns(names.map((name) => [name, new types[name](buffer, offsets.get(name), length)]));
}

/**
 * The columns as one object made whole, never grown a key at a time: past a dozen or so keys added
 * by computed name, V8 turns an object into a hash table, and each `model.column[i]` in a hot loop
 * became a lookup. The recovery rules' 26 columns were read that way 40 times per relationship
 * (1.0 s of the model's build at 556k relationships).
 */
function namedColumns<C>(entries: [string, unknown][]): C {
  return Object.fromEntries(entries) as C;
}

/** glibc's largest threshold for mapping an allocation on its own (its dynamic threshold stops there). */
const MAPPED_ALONE_BYTES = 32 * 2 ** 20;

/**
 * Columns as columnsOf makes them, in one buffer when together they reach MAPPED_ALONE_BYTES (so
 * they go back to the system when let go, whichever thread made them) and separate below (a fresh
 * mapping fills slower). A worker thread's columns of a few megabytes otherwise stay in that
 * thread's heap of the C library after the thread has gone and the columns are freed: at 20M rows
 * the risk forecasts' held 0.25 GB through the rest of the analysis.
 */
export function bigColumnsOf<T extends Record<string, ColumnType>>(length: number, types: T): { [K in keyof T]: InstanceType<T[K]> } {
  let bytes = 0;
  for (const type of Object.values(types)) bytes += type.BYTES_PER_ELEMENT * length;
  return columnsOf(length, types, bytes >= MAPPED_ALONE_BYTES);
}

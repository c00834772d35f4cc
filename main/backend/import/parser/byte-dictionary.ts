/** FNV-1a's offset and prime: the byte reader hashes a cell with them (see cellHash) only when the cell is not the line before's. */
export const HASH_START = 0x811c9dc5 | 0;
export const HASH_STEP = 16777619;

/** Beyond these a file's names are looked up as strings again: the dictionary stays correct, only slower. */
const MAX_ENTRIES = 1 << 21;
const MAX_BYTES = 1 << 26;

/**
 * The codes of one text field by the raw bytes of its cells, so a name met before is found
 * without making a string of it. Raw bytes, untrimmed: ' Acme' and 'Acme' are two entries with
 * one code. `blank` says the cell trims to nothing or is a missing-value marker ('NA', 'nan').
 */
export class ByteDictionary {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes = new Int32Array(1 << 10);
  /** Entry i's bytes are bytes[ends[i - 1] (0 for the first), ends[i]). */
  private ends = new Int32Array(1 << 10);
  private codes = new Int32Array(1 << 10);
  private blanks = new Uint8Array(1 << 10);
  private bytes = new Uint8Array(1 << 16);
  private view: DataView = new DataView(this.bytes.buffer);
  private size = 0;

  /** The entry holding bytes [start, end) of `cells` (whose hash is `hash`), or -1. */
  find(cells: DataView, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const length = end - start;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot];
      if (entry < 0) return -1;
      if (this.hashes[entry] === hash) {
        const from = entry === 0 ? 0 : this.ends[entry - 1];
        if (this.ends[entry] - from === length && sameBytes(this.view, from, cells, start, length)) return entry;
      }
      slot = (slot + 1) & mask;
    }
  }

  code(entry: number): number {
    return this.codes[entry];
  }

  blank(entry: number): boolean {
    return this.blanks[entry] === 1;
  }

  /** Remembers that buf[start, end) has `code`; ignored once the dictionary is full. */
  add(buf: Uint8Array, start: number, end: number, hash: number, code: number, blank: boolean): void {
    const n = this.size;
    const from = n === 0 ? 0 : this.ends[n - 1];
    const length = end - start;
    if (n >= MAX_ENTRIES || from + length > MAX_BYTES) return;
    if (n === this.hashes.length) {
      this.hashes = grown(this.hashes, n * 2);
      this.ends = grown(this.ends, n * 2);
      this.codes = grown(this.codes, n * 2);
      const blanks = new Uint8Array(n * 2);
      blanks.set(this.blanks);
      this.blanks = blanks;
    }
    if (from + length > this.bytes.length) {
      const bytes = new Uint8Array(Math.max(this.bytes.length * 2, from + length));
      bytes.set(this.bytes.subarray(0, from));
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer);
    }
    this.bytes.set(buf.subarray(start, end), from);
    this.ends[n] = from + length;
    this.hashes[n] = hash;
    this.codes[n] = code;
    this.blanks[n] = blank ? 1 : 0;
    this.size = n + 1;
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(n);
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[entry] & mask;
    while (this.slots[slot] >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity).fill(-1);
    for (let i = 0; i < this.size; i++) this.place(i);
  }
}

function grown(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/** Whether `length` bytes of `a` from `i` equal those of `b` from `j`: four at a time, then the rest. */
export function sameBytes(a: DataView, i: number, b: DataView, j: number, length: number): boolean {
  let k = 0;
  for (; k + 4 <= length; k += 4) if (a.getInt32(i + k, true) !== b.getInt32(j + k, true)) return false;
  for (; k < length; k++) if (a.getUint8(i + k) !== b.getUint8(j + k)) return false;
  return true;
}

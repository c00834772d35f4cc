import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { dayFromParts, isValidDate } from '../../../../shared/format/dates';
import { CsvTokenizer, SPACED, type RawRecord } from '../csv-tokenizer';
import type { DecimalStyle } from '../numbers';
import { PURCHASE_UNIT, saleColumns, TEXT, TEXT_FIELDS, type CheckPlan } from '../row-check';
import { otherCurrencyIn } from '../../../../shared/format/currency';
import { namesCredit, namesNoSale } from '../../../../shared/model/sale-status';
import type { TableSource, TextTable } from '../source';
import { streamChunks, textRecords } from '../text-source';
import type { BatchWriter } from './batch';
import { isTotalsLabel } from '../totals-row';
import { isMissingMarker, isMissingRegionMarker } from '../missing-markers';
import { ByteDictionary, HASH_START, HASH_STEP, sameBytes } from './byte-dictionary';

const LF = 10;
const CR = 13;
const QUOTE = 34;
/** A line this long without a newline is not one the byte reader can hold: the text reader takes over. */
const MAX_LINE = 1 << 20;
/** 10^k for the digits after a decimal point: exact up to 10^22. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Encodings in which every ASCII byte is its own character and no other byte is ASCII. */
export const byteReadable = (table: TextTable): boolean => (table.encoding === 'utf-8' || table.encoding === 'windows-1252') && table.delimiter !== SPACED;

/**
 * A plain amount (-12, 345.60) read from bytes, NaN for anything else (which the text checks
 * then read). m / 10^k with m below 2^53 is the correctly rounded value of the decimal, as
 * Number() of its text is: the two agree to the last bit. `dot`: false when the column writes
 * decimals with a comma, where a dotted value means something else.
 */
function plainAmount(buf: Uint8Array, start: number, end: number, dot: boolean): number {
  let i = start;
  const negative = i < end && buf[i] === 45;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  while (i < end) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
    digits++;
    i++;
  }
  if (digits === 0) return NaN;
  let fraction = 0;
  if (i < end) {
    if (buf[i] !== 46 || !dot) return NaN;
    i++;
    while (i < end) {
      const c = buf[i] - 48;
      if (c < 0 || c > 9) return NaN;
      m = m * 10 + c;
      fraction++;
      i++;
    }
    if (fraction === 0) return NaN;
  }
  if (digits + fraction > 15) return NaN;
  const value = fraction === 0 ? m : m / POW10[fraction];
  return negative ? -value : value;
}

const digit = (buf: Uint8Array, i: number): number => {
  const c = buf[i] - 48;
  return c >= 0 && c <= 9 ? c : -1000000;
};

/**
 * A YYYY-MM-DD date read from bytes as y * 10000 + m * 100 + d, or -1 for any other spelling
 * (the text checks read those).
 */
function isoKey(buf: Uint8Array, s: number, e: number): number {
  if (e - s !== 10 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return -1;
  const key =
    digit(buf, s) * 10000000 + digit(buf, s + 1) * 1000000 + digit(buf, s + 2) * 100000 + digit(buf, s + 3) * 10000 +
    digit(buf, s + 5) * 1000 + digit(buf, s + 6) * 100 + digit(buf, s + 8) * 10 + digit(buf, s + 9);
  return key >= 0 ? key : -1;
}

/** The day of a date key from isoKey, null when it is no valid date (as parseDate says). */
function keyDay(key: number): number | null {
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  return isValidDate(y, m, d) ? dayFromParts(y, m, d) : null;
}

/** Date slots: years 1900-2155, months and days as written up to 12 and 31 (a slot per spelling, valid or not). */
const FIRST_YEAR = 1900;
const YEARS = 256;
const DATE_SLOTS = YEARS * 13 * 32;
const UNSEEN = -2147483648;
const INVALID = -2147483647;

/** The slot of a date key from isoKey, -1 when it has none. */
function dateSlot(key: number): number {
  const year = Math.floor(key / 10000) - FIRST_YEAR;
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;
  return year >= 0 && year < YEARS && month <= 12 && day <= 31 ? (year * 13 + month) * 32 + day : -1;
}

/**
 * Cuts buf[start, end) at the delimiter: cell k is starts[k]..ends[k]. Returns the number of
 * cells, or -(cells + 2) when the line holds a quote or a carriage return (the text tokenizer must
 * read it), or -1 when the arrays are too short for its cells. No hashing here: most cells either
 * are no names at all (amounts, dates, invoice numbers) or repeat the line before, and a hash
 * folded into every byte was a chain of multiplications that cost more than finding the cells.
 */
function cutFields(buf: Uint8Array, start: number, end: number, d: number, special: Uint8Array, starts: Int32Array, ends: Int32Array): number {
  const room = starts.length;
  let fields = 0;
  let from = start;
  let odd = false;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (special[b] === 0) continue;
    if (b === d) {
      if (fields === room) return -1;
      starts[fields] = from;
      ends[fields] = i;
      fields++;
      from = i + 1;
    } else odd = true;
  }
  if (fields === room) return -1;
  starts[fields] = from;
  ends[fields] = end;
  fields++;
  return odd ? -fields - 1 : fields;
}

/**
 * The hash the byte dictionaries file buf[start, end) under: FNV-1a taken four bytes at a time
 * (a byte at a time was a multiplication per byte), each step folding its high bits down so every
 * byte reaches the low bits the dictionary's slots are read from.
 */
function cellHash(view: DataView, start: number, end: number): number {
  let hash = HASH_START;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    hash = Math.imul(hash ^ view.getInt32(i, true), HASH_STEP);
    hash ^= hash >>> 16;
  }
  for (; i < end; i++) hash = Math.imul(hash ^ view.getUint8(i), HASH_STEP);
  return hash;
}

/**
 * Reads a CSV file's records from its bytes in the parser worker: finds the cells of each line
 * without decoding the file, and checks the common sale row (text fields found in byte
 * dictionaries, plain amounts, YYYY-MM-DD dates) straight into the batch. Anything else goes
 * through the text path unchanged, so the stored result is the same:
 * - a row the fast checks would not store as it is (a reject, a blank line, an amount written
 *   otherwise) becomes text cells for `feed`, the same record feed and checks as in one thread;
 * - a line with a quote is tokenized as text on its own when its quotes close on the line;
 * - a quote spanning lines, a lone carriage return or a line over a megabyte hands the rest of
 *   the file to the text reader from that record on.
 */
export class ByteReader {
  private line = 1;
  private carry: Buffer | null = null;
  private text: ReturnType<typeof textRecords> | null = null;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  /** Per text field, the hash of this line's cell when it was looked up in the dictionary. */
  private readonly hashes = new Int32Array(TEXT_FIELDS);
  private fields = 0;
  /** The bytes lines() is reading, as a DataView. */
  private view: DataView = new DataView(new ArrayBuffer(0));
  private readonly delimiter: number;
  private readonly special = new Uint8Array(256);
  private readonly decoder: TextDecoder;
  private readonly dictionaries = Array.from({ length: TEXT_FIELDS }, () => new ByteDictionary());
  /** Per text field, its column (-1: none). */
  private readonly textColumns: Int32Array;
  private readonly codes = new Int32Array(TEXT_FIELDS);
  private readonly pending: string[] = Array.from({ length: TEXT_FIELDS }, () => '');
  private readonly blanks = new Uint8Array(TEXT_FIELDS);
  /** Per text field, the code of the empty text once known (-1 before): absent columns ask for it on every row. */
  private readonly emptyCodes = new Int32Array(TEXT_FIELDS).fill(-1);
  /**
   * Per text field, the last cell whose code was settled: its bytes, length (-1 before any), code
   * and blankness. Files come grouped by customer or invoice, so a line mostly repeats the
   * customer's name, rep, territory and segment of the line before: a comparison then finds the
   * code without hashing the cell or probing the dictionary.
   */
  private readonly lastBytes = Array.from({ length: TEXT_FIELDS }, () => new DataView(new ArrayBuffer(64)));
  private readonly lastLengths = new Int32Array(TEXT_FIELDS).fill(-1);
  private readonly lastCodes = new Int32Array(TEXT_FIELDS);
  private readonly lastBlanks = new Uint8Array(TEXT_FIELDS);
  /**
   * The day of the last date read, and the days of the others met: by slot (see dateSlot), or in a
   * map for a date outside the slots. A file grouped by customer changes date nearly every line,
   * where a map lookup per line cost a tenth of a second at 5M rows.
   */
  private lastKey = -1;
  /** The last status cell's bytes and whether they name a sale: statuses repeat from row to row. */
  private lastStatus = Buffer.alloc(0);
  private lastStatusSale = true;
  /** The currency column (-1: none or not checked), and its last cell's bytes that named the import's currency. */
  private readonly currencyIx: number;
  private lastCurrency = Buffer.alloc(0);
  private lastSlot = -1;
  private lastDay: number | null = null;
  private readonly slotDays = new Int32Array(DATE_SLOTS).fill(UNSEEN);
  /** 1 for a slot whose day's first text is told (in `told`). */
  private readonly toldSlots = new Uint8Array(DATE_SLOTS);
  private readonly days = new Map<number, number | null>();
  private lastTold = NaN;
  private readonly ix: ReturnType<typeof saleColumns>;
  private readonly quantityDot: boolean;
  private readonly revenueDot: boolean;
  private readonly priceDot: boolean;

  constructor(
    private readonly table: TextTable,
    private readonly headerLine: number,
    private readonly check: CheckPlan,
    private readonly writer: BatchWriter,
    private readonly told: Set<number>,
    private readonly feed: (records: RawRecord[]) => void,
  ) {
    this.delimiter = table.delimiter.charCodeAt(0);
    this.special[this.delimiter] = 1;
    this.special[QUOTE] = 2;
    this.special[CR] = 2;
    this.decoder = new TextDecoder(table.encoding, { ignoreBOM: true });
    const ix = saleColumns(check.headers, check.mapping);
    this.ix = ix;
    const columns = new Int32Array(TEXT_FIELDS);
    columns[TEXT.customer] = ix.customer;
    columns[TEXT.customerName] = ix.customerName;
    columns[TEXT.category] = ix.category;
    columns[TEXT.product] = ix.product;
    columns[TEXT.productName] = ix.productName;
    columns[TEXT.rep] = ix.rep;
    columns[TEXT.territory] = ix.territory;
    columns[TEXT.segment] = ix.segment;
    this.textColumns = columns;
    const decimals = new Map(check.decimals);
    const dot = (c: string | undefined): boolean => (c ? (decimals.get(c) ?? 'dot') : 'dot') === ('dot' satisfies DecimalStyle);
    this.quantityDot = dot(check.mapping.quantity);
    this.revenueDot = dot(check.mapping.revenue);
    this.priceDot = dot(check.mapping.unitPrice);
    this.currencyIx = check.currencyRows ? check.headers.indexOf(check.currencyRows.column) : -1;
  }

  /** Reads the next bytes of the file; a line cut at their end waits for the next ones. */
  push(chunk: Buffer): void {
    if (this.text) return this.pushText(chunk);
    let rest = chunk;
    if (this.carry) {
      const nl = chunk.indexOf(LF);
      const joined = Buffer.concat([this.carry, nl === -1 ? chunk : chunk.subarray(0, nl + 1)]);
      this.carry = null;
      if (nl === -1) {
        if (joined.length > MAX_LINE) this.toText(joined);
        else this.carry = joined;
        return;
      }
      this.lines(joined, false);
      rest = chunk.subarray(nl + 1);
      if (this.text) return this.pushText(rest);
    }
    this.lines(rest, false);
  }

  /** Reads the last line when the file does not end with a newline. */
  end(): void {
    if (this.carry) {
      const last = this.carry;
      this.carry = null;
      this.lines(last, true);
    }
    if (this.text) {
      const records: RawRecord[] = [];
      this.text.end(records);
      this.feed(records);
    }
  }

  private pushText(bytes: Buffer): void {
    const records: RawRecord[] = [];
    (this.text as ReturnType<typeof textRecords>).push(bytes, records);
    if (records.length > 0) this.feed(records);
  }

  /** From a record's start on, the text reader reads the file. */
  private toText(bytes: Buffer): void {
    this.text = textRecords(this.table, this.line);
    this.pushText(bytes);
  }

  /** Reads the complete lines of buf (and its last one when `final`), keeping the rest for later. */
  private lines(buf: Buffer, final: boolean): void {
    // Cells are compared, hashed and copied four bytes at a time through it.
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let pos = 0;
    const n = buf.length;
    while (pos < n) {
      let nl = buf.indexOf(LF, pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      if (!this.record(buf, pos, nl)) return this.toText(buf.subarray(pos));
      pos = nl + 1;
    }
    if (pos < n) this.carry = Buffer.from(buf.subarray(pos));
  }

  /** Reads the line buf[start, nl) as a record; false when it is one the text reader must read. */
  private record(buf: Buffer, start: number, nl: number): boolean {
    let end = nl;
    if (end > start && buf[end - 1] === CR) end--;
    let fields = cutFields(buf, start, end, this.delimiter, this.special, this.starts, this.ends);
    while (fields === -1) {
      this.grow();
      fields = cutFields(buf, start, end, this.delimiter, this.special, this.starts, this.ends);
    }
    const odd = fields < 0;
    this.fields = odd ? -fields - 1 : fields;
    const line = this.line;
    if (odd) {
      // A quote that closes on its own line, read by the text tokenizer alone: a record does not depend on the lines before it.
      if (nl === buf.length) return false;
      const tokenizer = new CsvTokenizer(this.table.delimiter, this.table.width, line);
      const records = tokenizer.push(this.decode(buf, start, nl + 1));
      if (records.length !== 1 || tokenizer.pending || records[0].openQuote) return false;
      this.line++;
      this.feed(records);
      return true;
    }
    this.line++;
    if (line <= this.headerLine) return true;
    // The file's last line with no line ending after it: the record feed says so, as on the text path.
    if (nl === buf.length) this.feed([{ line, cells: this.cells(buf), unterminated: true }]);
    // More values than the header names: the text checks reject the line, saying why.
    else if (this.check.fields !== undefined && this.fields > this.check.fields) this.feed([{ line, cells: this.cells(buf) }]);
    else if (this.fast(buf, line)) this.writer.records.read();
    else this.feed([{ line, cells: this.cells(buf) }]);
    return true;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const more = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = more(this.starts);
    this.ends = more(this.ends);
  }

  private decode(buf: Buffer, start: number, end: number): string {
    const bytes = buf.subarray(start, end);
    return isAscii(bytes) ? bytes.toString('latin1') : this.decoder.decode(bytes);
  }

  private cells(buf: Buffer): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.fields; k++) out.push(this.decode(buf, this.starts[k], this.ends[k]));
    return out;
  }

  /** A numeric cell from bytes: NaN when absent or empty, else plainAmount. */
  private amount(buf: Buffer, column: number, dot: boolean): number {
    if (column < 0 || column >= this.fields || this.starts[column] === this.ends[column]) return NaN;
    return plainAmount(buf, this.starts[column], this.ends[column], dot);
  }

  /** The day of date key `key` (in `slot`, -1 for none), null when it is no valid date. */
  private dayOf(key: number, slot: number): number | null {
    if (slot < 0) {
      let known = this.days.get(key);
      if (known === undefined) {
        known = keyDay(key);
        if (this.days.size > 50_000) this.days.clear();
        this.days.set(key, known);
      }
      return known;
    }
    let day = this.slotDays[slot];
    if (day === UNSEEN) {
      const known = keyDay(key);
      day = known === null ? INVALID : known;
      this.slotDays[slot] = day;
    }
    return day === INVALID ? null : day;
  }

  /** Whether bytes [start, end) of the line being read are the last settled cell of text field f, byte for byte. */
  private repeats(f: number, start: number, end: number): boolean {
    const length = end - start;
    if (length !== this.lastLengths[f]) return false;
    return sameBytes(this.lastBytes[f], 0, this.view, start, length);
  }

  /** Keeps bytes [start, end) of the line being read as text field f's last settled cell, with the code and blankness now in codes and blanks. */
  private remember(f: number, start: number, end: number): void {
    const length = end - start;
    if (length > this.lastBytes[f].byteLength) this.lastBytes[f] = new DataView(new ArrayBuffer(Math.max(length, this.lastBytes[f].byteLength * 2)));
    const last = this.lastBytes[f];
    const view = this.view;
    let k = 0;
    for (; k + 4 <= length; k += 4) last.setInt32(k, view.getInt32(start + k, true), true);
    for (; k < length; k++) last.setUint8(k, view.getUint8(start + k));
    this.lastLengths[f] = length;
    this.lastCodes[f] = this.codes[f];
    this.lastBlanks[f] = this.blanks[f];
  }

  /** Whether the row's status cell names a sale this path can store as it is (false also for a credit, or when the row has no such cell). */
  private isSale(buf: Buffer, column: number, fields: number): boolean {
    if (column >= fields) return false;
    const start = this.starts[column];
    const end = this.ends[column];
    const last = this.lastStatus;
    if (end - start === last.length && buf.compare(last, 0, last.length, start, end) === 0) return this.lastStatusSale;
    this.lastStatus = Buffer.from(buf.subarray(start, end));
    const status = buf.toString('latin1', start, end);
    // A credit memo or refund goes to rowChecker, which gives its amount the sign of a credit.
    this.lastStatusSale = !namesNoSale(status) && !namesCredit(status);
    return this.lastStatusSale;
  }

  /** Whether the row's currency cell names the import's currency (or nothing): else rowChecker rejects the row. */
  private inCurrency(buf: Buffer, column: number, fields: number): boolean {
    if (column >= fields) return true;
    const start = this.starts[column];
    const end = this.ends[column];
    const last = this.lastCurrency;
    if (end - start === last.length && buf.compare(last, 0, last.length, start, end) === 0) return true;
    if (otherCurrencyIn(this.decode(buf, start, end), (this.check.currencyRows as { code: string }).code) !== null) return false;
    this.lastCurrency = Buffer.from(buf.subarray(start, end));
    return true;
  }

  /**
   * The row checks of rowChecker for a row that passes them all with plain values, storing it;
   * false (having changed nothing) when the row needs the text checks: they decide it then.
   */
  private fast(buf: Buffer, line: number): boolean {
    const { ix, fields, starts, ends } = this;
    // A row that is no sale by its status goes to rowChecker, which skips and counts it.
    if (ix.status >= 0 && !this.isSale(buf, ix.status, fields)) return false;
    if (this.currencyIx >= 0 && !this.inCurrency(buf, this.currencyIx, fields)) return false;
    const { codes, pending, blanks, textColumns } = this;
    for (let f = 0; f < TEXT_FIELDS; f++) {
      const c = textColumns[f];
      if (c < 0 || c >= fields) {
        codes[f] = this.emptyCodes[f];
        pending[f] = '';
        blanks[f] = 1;
        continue;
      }
      const start = starts[c];
      const end = ends[c];
      if (this.repeats(f, start, end)) {
        codes[f] = this.lastCodes[f];
        blanks[f] = this.lastBlanks[f];
        continue;
      }
      const hash = cellHash(this.view, start, end);
      this.hashes[f] = hash;
      const entry = this.dictionaries[f].find(this.view, start, end, hash);
      if (entry >= 0) {
        codes[f] = this.dictionaries[f].code(entry);
        blanks[f] = this.dictionaries[f].blank(entry) ? 1 : 0;
        this.remember(f, start, end);
      } else {
        let text = this.decode(buf, start, end).trim();
        // A report's totals line goes to rowChecker, which rejects it; it never joins the dictionary, so each one comes here.
        if (f === TEXT.customer && (isTotalsLabel(text) || isMissingMarker(text))) return false;
        // A missing-value marker ('NA', 'nan') joins the dictionary as a blank cell, so rowChecker judges a blank category's row.
        if (f === TEXT.territory || f === TEXT.segment ? isMissingRegionMarker(text) : isMissingMarker(text)) text = '';
        codes[f] = -1;
        pending[f] = text;
        blanks[f] = text === '' ? 1 : 0;
      }
    }
    if (blanks[TEXT.customer] === 1) return false;
    if (ix.date < 0 || ix.date >= fields) return false;
    const key = isoKey(buf, starts[ix.date], ends[ix.date]);
    if (key < 0) return false;
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastSlot = dateSlot(key);
      this.lastDay = this.dayOf(key, this.lastSlot);
    }
    const day = this.lastDay;
    if (day === null) return false;
    let quantity = NaN;
    if (ix.quantity >= 0 && ix.quantity < fields && starts[ix.quantity] !== ends[ix.quantity]) {
      quantity = plainAmount(buf, starts[ix.quantity], ends[ix.quantity], this.quantityDot);
      if (Number.isNaN(quantity)) return false;
    }
    let revenue: number;
    if (ix.revenue >= 0) {
      revenue = this.amount(buf, ix.revenue, this.revenueDot);
      // A line taking goods back (negative quantity) with its amount written unsigned is a return.
      if (quantity < 0 && revenue > 0) revenue = -revenue;
    } else if (ix.unitPrice < 0) revenue = PURCHASE_UNIT;
    else {
      if (Number.isNaN(quantity)) return false;
      revenue = quantity * this.amount(buf, ix.unitPrice, this.priceDot);
    }
    if (!Number.isFinite(revenue) || Math.abs(revenue) > this.check.maxAmount) return false;
    if (ix.category >= 0) {
      if (blanks[TEXT.category] === 1) return false;
    } else if (ix.product >= 0 && blanks[TEXT.product] === 1) return false;
    let orders = 0;
    if (ix.orders >= 0) {
      orders = this.amount(buf, ix.orders, true);
      if (!(orders >= 0) || !Number.isInteger(orders)) return false;
    }
    // The invoice number: its bytes when they are plain ASCII with nothing to trim, else its trimmed text.
    let invoiceBuf: Buffer | null = null;
    let invoice = '';
    let first = 0;
    const hasInvoice = ix.invoice >= 0 && ix.invoice < fields;
    const is = hasInvoice ? starts[ix.invoice] : 0;
    const ie = hasInvoice ? ends[ix.invoice] : 0;
    if (hasInvoice && is < ie) {
      let plain = buf[is] > 32 && buf[ie - 1] > 32;
      for (let k = is; plain && k < ie; k++) plain = buf[k] < 127;
      if (plain) {
        invoiceBuf = buf;
        first = buf[is];
      } else {
        invoice = this.decode(buf, is, ie).trim();
        first = invoice === '' ? 0 : invoice.charCodeAt(0);
      }
    }
    // A credit note ("C536379") is a return even when its amounts were typed positive.
    if (this.check.creditInvoices && (first === 67 || first === 99) && revenue > 0) revenue = -revenue;
    const slot = this.lastSlot;
    if (day !== this.lastTold && !(slot >= 0 && this.toldSlots[slot] === 1)) {
      if (!this.told.has(day)) {
        this.told.add(day);
        this.writer.checked.dayText(day, buf.toString('latin1', starts[ix.date], ends[ix.date]));
      }
      if (slot >= 0) this.toldSlots[slot] = 1;
    }
    for (let f = 0; f < TEXT_FIELDS; f++) {
      if (codes[f] >= 0) continue;
      codes[f] = this.writer.code(f, pending[f]);
      const c = textColumns[f];
      if (c >= 0 && c < fields) {
        this.dictionaries[f].add(buf, starts[c], ends[c], this.hashes[f], codes[f], blanks[f] === 1);
        this.remember(f, starts[c], ends[c]);
      } else this.emptyCodes[f] = codes[f];
    }
    this.lastTold = day;
    this.writer.storeCodes(line, day, quantity, revenue, orders, codes, invoiceBuf, is, ie, invoice);
    return true;
  }
}

/**
 * Reads a CSV file's sale rows from its bytes into `writer` (see ByteReader); `afterChunk` runs
 * after each piece of the file, and the file is read on once the promise it returns settles.
 */
export async function readSaleBytes(
  table: TextTable,
  headerLine: number,
  check: CheckPlan,
  writer: BatchWriter,
  told: Set<number>,
  feed: (records: RawRecord[]) => void,
  afterChunk: () => void | Promise<void>,
  options: Parameters<TableSource['read']>[1],
): Promise<void> {
  const reader = new ByteReader(table, headerLine, check, writer, told, feed);
  await streamChunks(
    table,
    (bytes) => {
      reader.push(bytes);
      return afterChunk();
    },
    () => {
      reader.end();
      return afterChunk();
    },
    options,
  );
}

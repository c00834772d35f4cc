import { isoFromDay } from '../../../shared/format/dates';
import type { Db } from '../db/open';
import type { FreshChunk } from './fresh-rows';
import type { Tally } from './tally';

/**
 * Lines of this import counted among its lines first. Online Retail holds about 5,000 exact
 * duplicate lines spread over its year (kept as sales); a block repeated whole (two exports that
 * overlap, joined into one file) shows as days where nearly every sampled line is held twice.
 */
const SAMPLE_LINES = 2000;
/** A sampled day looks repeated when at least this share of its sampled lines is held an even number of times. */
const SAMPLED_SHARE = 0.75;
/** Fewest sampled lines held an even number of times, on days that look repeated, before the days are counted in full. */
const MIN_SAMPLED_EVEN = 3;
/**
 * A day is in a repeated block when at least this share of its lines is held an even number of
 * times (twice, four times): a day held twice over holds every line so. Online Retail's busiest day
 * for duplicates has 10.5% of its lines twinned; the shared days of the two UCI files 100%. Twins
 * alone are not enough: lines without an invoice or a product (a purchase log) repeat by chance on
 * every day, each as often as it happens, odd or even.
 */
const TWIN_SHARE = 0.9;
/** Fewer lines than this held an even number of times are a few duplicates, not two exports joined. */
const MIN_BLOCK_LINES = 10;
/** Days told apart in a customer-and-day number: 2^20 days, 2,870 years; with ids under 2^24 it stays an exact integer. */
const DAY_SPAN = 1 << 20;
/** Ids a statement may list at once: well under SQLite's limit on variables. */
const DELETE_BATCH = 500;

/** What a line sells: its product, or its category when it has none. */
const ITEM = 'coalesce(product_id, -category_id)';
/** The key two copies of one line share (as already-imported.ts compares lines across imports). */
const KEY = `customer_id, day, ${ITEM}, quantity, revenue, invoice`;

/** Days (first..last, both with lines) where this import holds nearly every line twice, and the copies it did not store. */
export type RepeatedBlock = { from: number; to: number; dropped: number };

type Window = { firstId: number; lastId: number };

/**
 * Copies of lines that a block of days of this import holds twice (ids from `firstId` on): a file
 * joining two exports of one system that overlap in time (the two UCI Online Retail files share
 * 2010-12-01..09) holds those days' lines twice, and stored twice they count as twice the sales.
 * Scattered duplicate lines are kept; only runs of days where at least TWIN_SHARE of the lines are
 * held an even number of times in the import are a block. Within it a line held c times keeps its
 * first ceil(c/2) copies in file order; the rest are rejected naming the row they repeat, so rows
 * read = imported + rejected + skipped still holds. A sample of SAMPLE_LINES lines is counted
 * first, in one pass over the rows `held` in memory or else over the table (it has no index to seek
 * a twin by); the days are counted in full, in one more pass over the table, only around the days
 * where the sample found most lines so.
 */
export function dropRepeatedBlocks(db: Db, firstId: number, tally: Tally, held: HeldRows | null = null): RepeatedBlock[] {
  const lastId = db.prepare('SELECT max(id) FROM transactions').pluck().get() as number | null;
  if (lastId === null || lastId < firstId || tally.dayMin === null || tally.dayMax === null) return [];
  const ids = { firstId, lastId };
  const spans = spansOfEvenDays(sampledDays(db, ids, held), tally.dayMin, tally.dayMax);
  if (spans.length === 0) return [];
  return repeatedDays(db, ids, spans)
    .map((block) => ({ ...block, dropped: dropSecondCopies(db, ids, block, tally) }))
    .filter((b) => b.dropped > 0);
}

/** The rows this import stored, as it kept them in memory for the analysis (fresh-rows.ts), in table order. */
export type HeldRows = { rows: number; chunks: readonly FreshChunk[] };

/** Every stride-th line of the import, each counted among the import's lines: per day, how many were sampled and how many are held an even number of times. */
function sampledDays(db: Db, ids: Window, held: HeldRows | null): Map<number, { sampled: number; even: number }> {
  const stride = Math.max(1, Math.ceil((ids.lastId - ids.firstId + 1) / SAMPLE_LINES));
  // Rows held in memory with no gap in their ids are the table's rows in order: the table need not be read.
  const inMemory = held && held.rows === ids.lastId - ids.firstId + 1 ? heldSampledDays(held, stride) : null;
  if (inMemory) return evenPerDay(inMemory);
  db.exec('CREATE TEMP TABLE repeat_sample (id INTEGER PRIMARY KEY, customer_id INTEGER, day INTEGER, item INTEGER, quantity REAL, revenue REAL, invoice TEXT)');
  try {
    // Ids picked by arithmetic and read through the primary key: no pass over the table for the sample itself.
    db.prepare(
      `WITH RECURSIVE pick(id) AS (SELECT @firstId UNION ALL SELECT id + @stride FROM pick WHERE id + @stride <= @lastId)
       INSERT INTO repeat_sample SELECT t.id, t.customer_id, t.day, coalesce(t.product_id, -t.category_id), t.quantity, t.revenue, t.invoice
         FROM pick JOIN transactions t ON t.id = pick.id`,
    ).run({ ...ids, stride });
    db.exec('CREATE INDEX temp.repeat_sample_key ON repeat_sample (customer_id, day)');
    const counted = db
      .prepare(
        `SELECT s.day, count(*) AS n FROM transactions t JOIN repeat_sample s
            ON s.customer_id = t.customer_id AND s.day = t.day AND s.item = coalesce(t.product_id, -t.category_id) AND s.quantity IS t.quantity AND s.revenue = t.revenue AND s.invoice IS t.invoice
          WHERE t.id >= @firstId
          GROUP BY s.id`,
      )
      .all({ firstId: ids.firstId }) as { day: number; n: number }[];
    return evenPerDay(counted);
  } finally {
    db.exec('DROP TABLE temp.repeat_sample');
  }
}

/** Per day, how many sampled lines there are and how many of them the import holds an even number of times. */
function evenPerDay(counted: readonly { day: number; n: number }[]): Map<number, { sampled: number; even: number }> {
  const perDay = new Map<number, { sampled: number; even: number }>();
  for (const { day, n } of counted) {
    const d = perDay.get(day) ?? { sampled: 0, even: 0 };
    d.sampled++;
    if (n % 2 === 0) d.even++;
    perDay.set(day, d);
  }
  return perDay;
}

/**
 * The same sample taken from the rows held in memory, each counted among them by customer, day,
 * item and amount (quantity and invoice are not held; the full count that follows compares them):
 * 0.04-0.06 s for 5M rows, where reading the sample and a pass over the table took 0.7-0.9 s.
 */
function heldSampledDays(held: HeldRows, stride: number): { day: number; n: number }[] | null {
  const at = (g: number): { chunk: FreshChunk; r: number } | null => {
    for (const chunk of held.chunks) {
      if (g < chunk.length) return { chunk, r: g };
      g -= chunk.length;
    }
    return null;
  };
  const keyOf = (chunk: FreshChunk, r: number): string => {
    const product = chunk.product ? chunk.product[r] : 0;
    return `${chunk.customer[r]}|${chunk.day[r]}|${product > 0 ? product : -chunk.category[r]}|${chunk.revenue[r]}`;
  };
  const sample: { day: number; key: string }[] = [];
  const counts = new Map<string, number>();
  // Customer ids are the table's rowids: a byte per id up to the largest sampled one beats a Set over 5M lookups.
  const customers: number[] = [];
  for (let g = 0; g < held.rows; g += stride) {
    const found = at(g);
    if (!found) break;
    const key = keyOf(found.chunk, found.r);
    sample.push({ day: found.chunk.day[found.r], key });
    counts.set(key, 0);
    customers.push(found.chunk.customer[found.r]);
  }
  const top = Math.max(0, ...customers);
  // Ids past 2^24 come from no workspace's own rowids: the table is read instead.
  if (top >= 1 << 24) return null;
  const marked = new Uint8Array(top + 1);
  for (const c of customers) marked[c] = 1;
  // Then the customer's day, as one number: a key is written out only for rows of a sampled customer
  // and day (where a few customers buy most lines, as in Online Retail, the customer alone lets most through).
  const firstDay = Math.min(...sample.map((s) => s.day));
  const pair = (customer: number, day: number): number => customer * DAY_SPAN + (day - firstDay);
  const pairs = new Set(sample.map((s, i) => pair(customers[i], s.day)));
  for (const chunk of held.chunks) {
    for (let r = 0; r < chunk.length; r++) {
      const customer = chunk.customer[r];
      if (marked[customer] !== 1 || !pairs.has(pair(customer, chunk.day[r]))) continue;
      const key = keyOf(chunk, r);
      const n = counts.get(key);
      if (n !== undefined) counts.set(key, n + 1);
    }
  }
  return sample.map((s) => ({ day: s.day, n: counts.get(s.key) ?? 0 }));
}

/** Runs of sampled days that look repeated, each widened to the sampled days that do not on either side. */
function spansOfEvenDays(perDay: ReadonlyMap<number, { sampled: number; even: number }>, dayMin: number, dayMax: number): { lo: number; hi: number }[] {
  const days = [...perDay.keys()].sort((a, b) => a - b);
  const looksRepeated = (day: number): boolean => {
    const d = perDay.get(day);
    return d !== undefined && d.even >= SAMPLED_SHARE * d.sampled;
  };
  return runsOf(days, looksRepeated, (day) => perDay.get(day)?.even ?? 0, MIN_SAMPLED_EVEN).map(([i, j]) => ({
    lo: i > 0 ? days[i - 1] + 1 : dayMin,
    hi: j < days.length ? days[j] - 1 : dayMax,
  }));
}

/** Index ranges [i, j) of the longest runs of `items` that are `inRun`, each kept when their weights add up to `least`. */
function runsOf<T>(items: readonly T[], inRun: (item: T) => boolean, weight: (item: T) => number, least: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < items.length; ) {
    if (!inRun(items[i])) {
      i++;
      continue;
    }
    let j = i;
    let sum = 0;
    while (j < items.length && inRun(items[j])) sum += weight(items[j++]);
    if (sum >= least) runs.push([i, j]);
    i = j;
  }
  return runs;
}

/** Runs of days within `spans`, each with lines, where at least TWIN_SHARE of the lines are held an even number of times in the import. */
function repeatedDays(db: Db, ids: Window, spans: readonly { lo: number; hi: number }[]): { from: number; to: number }[] {
  // The spans are disjoint (bounded by sampled days between them): one pass reads them all.
  const within = spans.map(() => 'day BETWEEN ? AND ?').join(' OR ');
  const days = db
    .prepare(
      `SELECT day, count(*) AS lines, total(c % 2 = 0) AS even
         FROM (SELECT day, count(*) OVER (PARTITION BY ${KEY}) AS c FROM transactions WHERE id >= ? AND (${within}))
        GROUP BY day ORDER BY day`,
    )
    .all(ids.firstId, ...spans.flatMap((s) => [s.lo, s.hi])) as { day: number; lines: number; even: number }[];
  const repeated = (d: { lines: number; even: number }): boolean => d.even >= TWIN_SHARE * d.lines;
  return runsOf(days, repeated, (d) => d.even, MIN_BLOCK_LINES).map(([i, j]) => ({ from: days[i].day, to: days[j - 1].day }));
}

/** Rejects and deletes the copies past the first ceil(c/2) of each line held c times on `from..to`; how many. */
function dropSecondCopies(db: Db, ids: Window, block: { from: number; to: number }, tally: Tally): number {
  const copies = db
    .prepare(
      `SELECT id, source_row AS row, day, revenue, invoice, first FROM (
         SELECT id, source_row, day, revenue, invoice, row_number() OVER same AS k, count(*) OVER same_all AS c, first_value(source_row) OVER same AS first
           FROM transactions WHERE id >= @firstId AND day BETWEEN @from AND @to
         WINDOW same_all AS (PARTITION BY ${KEY}), same AS (PARTITION BY ${KEY} ORDER BY source_row, id))
        WHERE k > (c + 1) / 2 ORDER BY row`,
    )
    .all({ firstId: ids.firstId, from: block.from, to: block.to }) as { id: number; row: number; day: number; revenue: number; invoice: string | null; first: number }[];
  const span = `${isoFromDay(block.from)}..${isoFromDay(block.to)}`;
  for (const c of copies) {
    tally.rejectStored(
      c.row,
      null,
      c.invoice,
      `repeats row ${c.first} of this file (the same customer, day, product, quantity and amount${c.invoice === null ? '' : ' on the same invoice'}): the file holds its lines of ${span} twice, as if it joined two exports that overlap; not stored twice`,
      c.revenue,
    );
  }
  for (let i = 0; i < copies.length; i += DELETE_BATCH) {
    const batch = copies.slice(i, i + DELETE_BATCH);
    db.prepare(`DELETE FROM transactions WHERE id IN (${batch.map(() => '?').join(', ')})`).run(...batch.map((c) => c.id));
  }
  tally.unstoreRows(copies.map((c) => c.day));
  return copies.length;
}

/** The import's note on the blocks it found: how many lines, which dates, and how to keep them. */
export function repeatedBlocksWarning(blocks: readonly RepeatedBlock[]): string[] {
  if (blocks.length === 0) return [];
  const lines = blocks.reduce((n, b) => n + b.dropped, 0);
  const spans = blocks.map((b) => `${isoFromDay(b.from)}..${isoFromDay(b.to)}`).join(', ');
  return [
    `${lines.toLocaleString('en-US')} ${lines === 1 ? 'line' : 'lines'} of ${spans} ${lines === 1 ? 'repeats' : 'repeat'} other lines of this file: nearly every line of those dates is in it twice, as when a file joins two exports that overlap in time, so the second copies were not stored (they are listed with the rejected rows). Lines repeated on other dates are kept as sales. If the copies are real sales, import again with --force to store them.`,
  ];
}

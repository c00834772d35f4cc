import type { Db } from '../db/open';
import { batchedInsert } from './batched-insert';
import { Dimension } from './dimensions';
import { checkPlanOf, rowChecker, saleColumns, TEXT, type StoredRows } from './row-check';
import type { ImportPlan } from './plan';
import type { OutlierDays } from './outlier-dates';
import { isoFromDay } from '../../../shared/format/dates';
import { ownString } from './source';
import type { RowSink, Tally } from './tally';
import type { FreshCollector } from './fresh-rows';
import { LastDays } from './last-days';
import { rowBatches, updateBatches } from '../db/row-batches';

/**
 * Rows DuckDB summed per customer x category x day, stored by id: the feed resolves each name once
 * per dimension, not once per row, and moves only numbers out of DuckDB.
 */
export type SummedRows = {
  customer: (code: string, name: string | null) => number;
  category: (name: string) => number;
  rep: (name: string) => number;
  territory: (name: string) => number;
  add: (line: number, customerId: number, day: number, categoryId: number, quantity: number | null, revenue: number, repId: number | null, territoryId: number | null) => void;
  /** The customer's details on its last summed line (line of the group's last row). */
  latest: (customerId: number, day: number, line: number, name: string, repId: number | null, territoryId: number | null, segment: string) => void;
};

export type TransactionsSink = RowSink & {
  summed: SummedRows;
  /** Takes rows checked elsewhere (the parser worker's batches), as `row` would after its checks. */
  checked: StoredRows;
  /** Rejects the rows already stored on these days (dates found far from the rest once all are read). */
  unstoreDays: (days: OutlierDays) => void;
};

type Latest = { day: number; line: number; name: string | null; rep: number | null; territory: number | null; segment: string | null };

const SINGLE_CATEGORY = 'All products';

const owned = (value: string): string | null => (value === '' ? null : ownString(value));

/**
 * Whether a customer column holds names rather than codes: most of its values are two words or
 * more. A code ('CUST001', '17850', a hexadecimal id) or an email is kept exactly as written: case
 * can tell two codes apart, and a dot or a dash two addresses.
 */
export function keysAreNames(values: readonly string[]): boolean {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  const named = filled.filter((v) => /\p{L}\s+\p{L}/u.test(v) && !v.includes('@')).length;
  return filled.length > 0 && named >= 0.5 * filled.length;
}

/** A whole number written with a zero fraction (17850.0): how a spreadsheet or pandas writes an id column with gaps. */
const FLOATED_ID = /^(\d+)\.0+$/;

/**
 * One row per sale (or per customer x category x period for a cube): validates each value, resolves
 * dimension ids and inserts the transaction. `summed` takes rows checked elsewhere (DuckDB's sums).
 */
export function transactionsSink(db: Db, plan: ImportPlan, importId: number, tally: Tally, fresh: FreshCollector | null = null): TransactionsSink {
  const m = plan.mapping;
  const ix = saleColumns(plan.headers, m);

  const customers = new Dimension(db, 'customers');
  // 17850.0 and 17850 are one customer: two exports of one system must meet on it.
  const floated = new Set<string>();
  // Names typed by hand ('Acme Corp', 'ACME CORP') are one customer, as reps are; codes and emails are kept as written.
  const byName = ix.customer >= 0 && keysAreNames(plan.dataSample.map((cells) => cells[ix.customer] ?? ''));
  const customerIdOf = (code: string, name: string | null): number => {
    const plain = FLOATED_ID.exec(code);
    if (!plain) return byName ? customers.idFolding(code, name) : customers.id(code, name);
    floated.add(code);
    return customers.id(plain[1], name);
  };
  if (Number(db.pragma('foreign_keys', { simple: true })) === 0) customers.deferInserts();
  const categories = new Dimension(db, 'categories');
  const products = new Dimension(db, 'products');
  const reps = new Dimension(db, 'reps');
  const territories = new Dimension(db, 'territories');
  const masterCategory = new Map<string, number>();
  const single = ix.category < 0 && ix.product < 0 ? categories.id(SINGLE_CATEGORY) : null;
  if (single !== null) {
    tally.warnings.push(`No category or product column: every sale is in one category, '${SINGLE_CATEGORY}'. Churn per customer still works; profiles and growth need a category column (--map category=<column>).`);
  } else if (ix.category < 0) {
    for (const r of db.prepare('SELECT code, category_id FROM products WHERE category_id IS NOT NULL').iterate() as Iterable<{ code: string; category_id: number }>) {
      masterCategory.set(r.code, r.category_id);
    }
    tally.warnings.push(
      `No category column: the product column '${m.product}' is used as the category level${masterCategory.size > 0 ? ' except for products the product master already groups' : ''}. ${
        // The analysis groups a level that is too fine by the product descriptions; say so rather than only asking for a master.
        ix.productName >= 0
          ? 'Where that is too fine for buying patterns, the analysis groups products by their descriptions (review them under Product groups), or import a product master (product -> category).'
          : 'Import a product master (product -> category) to group products into categories.'
      }`,
    );
  }
  const insert = batchedInsert(db, importId, { product: ix.product >= 0, quantity: ix.quantity >= 0, rep: ix.rep >= 0, territory: ix.territory >= 0, invoice: ix.invoice >= 0 });
  const setProductCategory = db.prepare('UPDATE products SET category_id = ? WHERE id = ? AND category_id IS NOT ?');
  const productCategorySet = new Set<number>();
  const latest = new Map<number, Latest>();
  /** The customer noteLatest saw last and its entry; the customer and category add put in the tally last. Forgotten when rows are taken back. */
  const lastNoted: { id: number; seen: Latest | undefined } = { id: -1, seen: undefined };
  const lastAdded = { customer: -1, category: -1 };
  const lastDays = new LastDays();
  const tracksCustomer = ix.customerName >= 0 || ix.rep >= 0 || ix.territory >= 0 || ix.segment >= 0;
  // Known before the rows come when DuckDB has counted the dates; otherwise found at the end.
  const farDays = plan.outlierDays;
  // The first text seen for each day: what a row rejected after it was stored is quoted with.
  const firstText = new Map<number, string>();
  if (ix.invoice >= 0 && plan.creditWhyNot) tally.warnings.push(plan.creditWhyNot);

  /**
   * Keeps the customer's latest name, rep, territory and segment: those of the last line of its last
   * day. Texts cut from a line are copied (a slice would keep the whole chunk alive); the parser
   * thread's dictionary texts (`fromDictionary`) are whole strings already and are kept as they are,
   * so the next row's same name is the same string and compares at once.
   */
  function noteLatest(customerId: number, day: number, line: number, name: string, repId: number | null, territoryId: number | null, segment: string, fromDictionary = false): void {
    const keep = fromDictionary ? (value: string): string | null => (value === '' ? null : value) : owned;
    // Files grouped by customer come back to the same one row after row: no map lookup for them.
    const seen = customerId === lastNoted.id ? lastNoted.seen : latest.get(customerId);
    if (!seen) {
      const entry: Latest = { day, line, name: keep(name), rep: repId, territory: territoryId, segment: keep(segment) };
      latest.set(customerId, entry);
      lastNoted.id = customerId;
      lastNoted.seen = entry;
      return;
    }
    lastNoted.id = customerId;
    lastNoted.seen = seen;
    // By day, then line, not by arrival: DuckDB's sums arrive after its doubtful rows.
    if (day > seen.day || (day === seen.day && line > seen.line)) {
      seen.day = day;
      seen.line = line;
      seen.rep = repId;
      seen.territory = territoryId;
      // A customer's rows nearly always repeat its name and segment: copy a value only when it changes.
      if (name !== (seen.name ?? '')) seen.name = keep(name);
      if (segment !== (seen.segment ?? '')) seen.segment = keep(segment);
    }
  }

  function add(line: number, customerId: number, day: number, categoryId: number, productId: number | null, quantity: number | null, revenue: number, repId: number | null, territoryId: number | null, invoice: string | null): void {
    insert.add(line, customerId, day, categoryId, productId, quantity, revenue, repId, territoryId, invoice);
    fresh?.add(customerId, day, categoryId, productId, quantity, revenue, repId, territoryId);
    tally.revenue += revenue;
    if (revenue < 0) tally.returns++;
    tally.day(day);
    // A set grows only by a new member: the row before's customer and category are in already.
    if (customerId !== lastAdded.customer) tally.customers.add((lastAdded.customer = customerId));
    lastDays.note(customerId, day);
    if (categoryId !== lastAdded.category) tally.categories.add((lastAdded.category = categoryId));
  }

  /** Stores a row that passed every check, its text trimmed (positional: no object per row for the collector to sweep). */
  function store(
    line: number,
    customer: string,
    customerName: string,
    day: number,
    category: string,
    productCode: string,
    productName: string,
    quantity: number | null,
    revenue: number,
    rep: string,
    territory: string,
    segment: string,
    invoice: string,
  ): void {
    let categoryId: number;
    if (category !== '') categoryId = categories.id(category);
    else if (single !== null) categoryId = single;
    else categoryId = masterCategory.get(productCode) ?? categories.id(productCode);
    let productId: number | null = null;
    if (productCode !== '') {
      productId = products.id(productCode, productName || null);
      tally.products.add(productId);
      if (category !== '' && !productCategorySet.has(productId)) {
        setProductCategory.run(categoryId, productId, categoryId);
        productCategorySet.add(productId);
      }
    }
    const id = customerIdOf(customer, customerName || null);
    const repId = rep === '' ? null : reps.idFolding(rep);
    const territoryId = territory === '' ? null : territories.idFolding(territory);
    add(line, id, day, categoryId, productId, quantity, revenue, repId, territoryId, invoice === '' ? null : invoice);
    if (tracksCustomer) noteLatest(id, day, line, customerName, repId, territoryId, segment);
  }

  // Ids by dictionary code, for rows replayed from the parser worker: each name is looked up once.
  const byCode = { customer: [] as number[], category: [] as number[], product: [] as number[], rep: [] as number[], territory: [] as number[] };
  /** A rep's or territory's id by its code, resolved on the code's first row; null for a blank (kept as 0). */
  const optionalId = (dimension: Dimension, known: number[], names: string[], code: number): number | null => {
    let id = known[code] ?? -1;
    if (id < 0) known[code] = id = names[code] === '' ? 0 : dimension.idFolding(names[code]);
    return id === 0 ? null : id;
  };
  const categoryField = ix.category >= 0 ? TEXT.category : TEXT.product;

  const checked: StoredRows = {
    reject: (line, column, value, reason) => tally.reject(line, column, value, reason),
    noSale: (status) => tally.skipNotSales(status, 1),
    dayText: (day, dateText) => firstText.set(day, dateText),
    store: (line, customer, customerName, day, category, productCode, productName, quantity, revenue, rep, territory, segment, invoice, orders) => {
      tally.orders += orders;
      tally.rowsImported++;
      store(line, customer, customerName, day, category, productCode, productName, quantity, revenue, rep, territory, segment, invoice);
    },
    // store's work, with each dimension resolved on a code's first row (the row store would have resolved it on).
    storeCoded: (line, texts, i, day, quantity, revenue, invoice, orders) => {
      tally.orders += orders;
      tally.rowsImported++;
      const { codes, dictionaries: d } = texts;
      let categoryId: number;
      if (single !== null) categoryId = single;
      else {
        const code = codes[categoryField][i];
        categoryId = byCode.category[code] ?? -1;
        if (categoryId < 0) {
          const name = d[categoryField][code];
          categoryId = categoryField === TEXT.category ? categories.id(name) : (masterCategory.get(name) ?? categories.id(name));
          byCode.category[code] = categoryId;
        }
      }
      let productId: number | null = null;
      if (ix.product >= 0) {
        const code = codes[TEXT.product][i];
        productId = byCode.product[code] ?? -1;
        if (productId < 0) {
          const productCode = d[TEXT.product][code];
          if (productCode === '') productId = null;
          else {
            productId = products.id(productCode, d[TEXT.productName][codes[TEXT.productName][i]] || null);
            tally.products.add(productId);
            // A stored row has a category whenever the file has the column.
            if (ix.category >= 0 && !productCategorySet.has(productId)) {
              setProductCategory.run(categoryId, productId, categoryId);
              productCategorySet.add(productId);
            }
          }
          byCode.product[code] = productId ?? 0;
        } else if (productId === 0) productId = null;
      }
      const customerCode = codes[TEXT.customer][i];
      let id = byCode.customer[customerCode] ?? -1;
      if (id < 0) {
        id = customerIdOf(d[TEXT.customer][customerCode], d[TEXT.customerName][codes[TEXT.customerName][i]] || null);
        byCode.customer[customerCode] = id;
      }
      const repId = ix.rep >= 0 ? optionalId(reps, byCode.rep, d[TEXT.rep], codes[TEXT.rep][i]) : null;
      const territoryId = ix.territory >= 0 ? optionalId(territories, byCode.territory, d[TEXT.territory], codes[TEXT.territory][i]) : null;
      add(line, id, day, categoryId, productId, quantity, revenue, repId, territoryId, invoice === '' ? null : invoice);
      if (tracksCustomer) noteLatest(id, day, line, d[TEXT.customerName][codes[TEXT.customerName][i]], repId, territoryId, d[TEXT.segment][codes[TEXT.segment][i]], true);
    },
  };

  const summed: SummedRows = {
    customer: (code, name) => customerIdOf(code, name),
    category: (name) => categories.id(name),
    rep: (name) => reps.idFolding(name),
    territory: (name) => territories.idFolding(name),
    add: (line, customerId, day, categoryId, quantity, revenue, repId, territoryId) => add(line, customerId, day, categoryId, null, quantity, revenue, repId, territoryId, null),
    latest: (customerId, day, line, name, repId, territoryId, segment) => {
      if (tracksCustomer) noteLatest(customerId, day, line, name, repId, territoryId, segment);
    },
  };

  return {
    row: rowChecker(checkPlanOf(plan), checked, farDays),
    checked,
    summed,
    unstoreDays(days) {
      if (days.size === 0) return;
      lastNoted.id = -1;
      lastAdded.customer = lastAdded.category = -1;
      insert.flush();
      // Day numbers only (integers): safe to write into the statement.
      const list = [...days.keys()].map((d) => Math.trunc(d)).join(', ');
      const rows = db.prepare(`SELECT source_row, day, revenue FROM transactions WHERE import_id = ? AND day IN (${list}) ORDER BY source_row`).all(importId) as {
        source_row: number;
        day: number;
        revenue: number;
      }[];
      for (const r of rows) {
        const value = firstText.get(r.day) ?? isoFromDay(r.day);
        tally.rejectStored(r.source_row, m.date ?? null, value, days.get(r.day)?.(value) ?? '', r.revenue);
      }
      db.prepare(`DELETE FROM transactions WHERE import_id = ? AND day IN (${list})`).run(importId);
      fresh?.dropDays(new Set(days.keys()));
      lastDays.reset(
        db.prepare('SELECT customer_id AS customerId, max(day) AS day FROM transactions WHERE import_id = ? GROUP BY customer_id').iterate(importId) as Iterable<{ customerId: number; day: number }>,
      );
      tally.unstoreDays(new Set(days.keys()));
      // A customer's rep and segment come from its latest sale: not from a rejected one.
      for (const [id, l] of latest) if (days.has(l.day)) latest.delete(id);
      const kept = (column: string): Set<number> =>
        new Set((db.prepare(`SELECT DISTINCT ${column} AS id FROM transactions WHERE import_id = ? AND ${column} IS NOT NULL`).all(importId) as { id: number }[]).map((r) => r.id));
      // Ids this import created that only rejected rows used would be names with no sales: gone too.
      const dimensions = [
        [tally.customers, 'customer_id', customers, db.prepare('DELETE FROM customers WHERE id = ?')],
        [tally.products, 'product_id', products, db.prepare('DELETE FROM products WHERE id = ?')],
        [tally.categories, 'category_id', categories, db.prepare('DELETE FROM categories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM products p WHERE p.category_id = categories.id)')],
      ] as const;
      for (const [set, column, dimension, drop] of dimensions) {
        const left = kept(column);
        for (const id of set) {
          if (left.has(id)) continue;
          set.delete(id);
          if (dimension.isNew(id)) {
            drop.run(id);
            dimension.forget(id);
          }
        }
      }
    },
    finish() {
      insert.flush();
      // Categories are kept as written: the analysis reads their spellings as one category, named
      // by the tidiest (products/level.ts). Reps and territories have no such later step.
      for (const [dimension, what] of [
        [customers, 'customer'],
        [reps, 'rep'],
        [territories, 'territory'],
      ] as const) {
        const { count, examples } = dimension.foldedVariants();
        if (count === 0) continue;
        const shown = examples.map((e) => `'${e.spelling}' as '${e.as}'`).join(', ');
        tally.warnings.push(
          `${count.toLocaleString('en-US')} ${what} ${count === 1 ? 'name differs' : 'names differ'} from another only in case or spacing and ${count === 1 ? 'was' : 'were'} read as the same ${what} (${shown}${count > examples.length ? ', ...' : ''}).`,
        );
      }
      if (floated.size > 0) {
        const [first] = floated;
        tally.warnings.push(
          `${floated.size.toLocaleString('en-US')} customer ids in '${m.customer}' are whole numbers written with a zero fraction (${first}, as a spreadsheet or pandas writes a number column with gaps): read as ${first.replace(FLOATED_ID, '$1')}, so they meet the same customers in files that write them plainly.`,
        );
      }
      // Customers new to the workspace are written now, with their latest name, rep, territory and
      // segment and their last day: what the updates below make of a customer inserted when first
      // seen (named by its first row, or by its code).
      const added = rowBatches(db, 'customers', null, ['id', 'code', 'name', 'segment', 'rep_id', 'territory_id', 'last_day']);
      for (const c of customers.takeDeferred()) {
        const l = latest.get(c.id);
        added.add(c.id, c.key, l?.name ?? (c.label || c.key), l?.segment ?? null, l?.rep ?? null, l?.territory ?? null, lastDays.dayOf(c.id));
      }
      added.flush();
      // A customer's current rep, territory and segment are those of its most recent sale. Its
      // last_day is still the last day earlier imports stored (none for a customer this import
      // added): this import's are stored after.
      const updates = updateBatches(
        db,
        6,
        (values) =>
          `WITH latest(id, name, rep, territory, segment, day) AS (VALUES ${values})
           UPDATE customers SET name = coalesce(latest.name, customers.name), rep_id = coalesce(latest.rep, customers.rep_id),
                  territory_id = coalesce(latest.territory, customers.territory_id), segment = coalesce(latest.segment, customers.segment)
             FROM latest WHERE customers.id = latest.id AND (customers.last_day IS NULL OR customers.last_day <= latest.day)`,
      );
      for (const [id, l] of latest) if (!customers.isDeferred(id)) updates.add(id, l.name, l.rep, l.territory, l.segment, l.day);
      updates.flush();
      lastDays.store(db, (id) => customers.isDeferred(id));
      // No row comes after this: what was kept per customer goes before the import's last step
      // (at 20M rows it builds the analysis's dataset, the import's crest, beside this).
      latest.clear();
      firstText.clear();
      customers.release();
    },
  };
}

import type { Db } from '../db/open';
import { describeDateFormat, parseDate } from './dates';
import { batchedInsert } from './batched-insert';
import { Dimension } from './dimensions';
import { contradictsDecimalStyle, decimalReason, DEFAULT_MAX_AMOUNT, implausibleAmount, parseAmount, type DecimalStyle } from './numbers';
import type { ImportPlan } from './plan';
import type { OutlierDays } from './outlier-dates';
import { isoFromDay } from '../../../shared/format/dates';
import { ownString } from './source';
import type { RowSink, Tally } from './tally';
import type { FreshCollector } from './fresh-rows';
import { LastDays } from './last-days';

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
  /** Rejects the rows already stored on these days (dates found far from the rest once all are read). */
  unstoreDays: (days: OutlierDays) => void;
};

type Latest = { day: number; line: number; name: string | null; rep: number | null; territory: number | null; segment: string | null };

const SINGLE_CATEGORY = 'All products';

const text = (cells: string[], i: number): string => (i < 0 ? '' : (cells[i] ?? '').trim());
const owned = (value: string): string | null => (value === '' ? null : ownString(value));

/**
 * One row per sale (or per customer x category x period for a cube): validates each value, resolves
 * dimension ids and inserts the transaction. `summed` takes rows checked elsewhere (DuckDB's sums).
 */
export function transactionsSink(db: Db, plan: ImportPlan, importId: number, tally: Tally, fresh: FreshCollector | null = null): TransactionsSink {
  const m = plan.mapping;
  const col = (c: string | undefined): number => (c === undefined ? -1 : plan.headers.indexOf(c));
  const ix = {
    customer: col(m.customer),
    customerName: m.customerName === m.customer ? -1 : col(m.customerName),
    date: col(m.date),
    category: col(m.category),
    product: col(m.product),
    productName: col(m.productName),
    quantity: col(m.quantity),
    unitPrice: col(m.unitPrice),
    revenue: col(m.revenue),
    rep: col(m.rep),
    territory: col(m.territory),
    segment: col(m.segment),
    invoice: col(m.invoice),
    orders: col(m.orders),
  };
  const style = (c: string | undefined): DecimalStyle => (c ? (plan.decimals.get(c) ?? 'dot') : 'dot');
  const qtyStyle = style(m.quantity);
  const priceStyle = style(m.unitPrice);
  const revenueStyle = style(m.revenue);
  const maxAmount = plan.maxAmount ?? DEFAULT_MAX_AMOUNT;
  const dateFormat = plan.date.detected;
  const dateWords = dateFormat ? describeDateFormat(dateFormat) : 'a date';

  const customers = new Dimension(db, 'customers');
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
  const lastDays = new LastDays();
  const tracksCustomer = ix.customerName >= 0 || ix.rep >= 0 || ix.territory >= 0 || ix.segment >= 0;
  let lastDateText = '';
  let lastDay: number | null = null;
  const dayCache = new Map<string, number | null>();
  // Known before the rows come when DuckDB has counted the dates; otherwise found at the end.
  const farDays = plan.outlierDays;
  // The first text seen for each day: what a row rejected after it was stored is quoted with.
  const firstText = new Map<number, string>();
  const credits = plan.creditInvoices;
  if (ix.invoice >= 0 && !credits) {
    tally.warnings.push(`Most invoice numbers in '${m.invoice}' start with C, so a C is not read as a credit note; returns are the negative amounts only.`);
  }

  /** Keeps the customer's latest name, rep, territory and segment: those of the last line of its last day. */
  function noteLatest(customerId: number, day: number, line: number, name: string, repId: number | null, territoryId: number | null, segment: string): void {
    const seen = latest.get(customerId);
    if (!seen) latest.set(customerId, { day, line, name: owned(name), rep: repId, territory: territoryId, segment: owned(segment) });
    // By day, then line, not by arrival: DuckDB's sums arrive after its doubtful rows.
    else if (day > seen.day || (day === seen.day && line > seen.line)) {
      seen.day = day;
      seen.line = line;
      seen.rep = repId;
      seen.territory = territoryId;
      // A customer's rows nearly always repeat its name and segment: copy a value only when it changes.
      if (name !== (seen.name ?? '')) seen.name = owned(name);
      if (segment !== (seen.segment ?? '')) seen.segment = owned(segment);
    }
  }

  function add(line: number, customerId: number, day: number, categoryId: number, productId: number | null, quantity: number | null, revenue: number, repId: number | null, territoryId: number | null, invoice: string | null): void {
    insert.add(line, customerId, day, categoryId, productId, quantity, revenue, repId, territoryId, invoice);
    fresh?.add(customerId, day, categoryId, productId, quantity, revenue, repId, territoryId);
    tally.revenue += revenue;
    if (revenue < 0) tally.returns++;
    tally.day(day);
    tally.customers.add(customerId);
    lastDays.note(customerId, day);
    tally.categories.add(categoryId);
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
    const customerId = customers.id(customer, customerName || null);
    const repId = rep === '' ? null : reps.id(rep);
    const territoryId = territory === '' ? null : territories.id(territory);
    add(line, customerId, day, categoryId, productId, quantity, revenue, repId, territoryId, invoice === '' ? null : invoice);
    if (tracksCustomer) noteLatest(customerId, day, line, customerName, repId, territoryId, segment);
  }

  const summed: SummedRows = {
    customer: (code, name) => customers.id(code, name),
    category: (name) => categories.id(name),
    rep: (name) => reps.id(name),
    territory: (name) => territories.id(name),
    add: (line, customerId, day, categoryId, quantity, revenue, repId, territoryId) => add(line, customerId, day, categoryId, null, quantity, revenue, repId, territoryId, null),
    latest: (customerId, day, line, name, repId, territoryId, segment) => {
      if (tracksCustomer) noteLatest(customerId, day, line, name, repId, territoryId, segment);
    },
  };

  return {
    row(line, cells) {
      const customer = text(cells, ix.customer);
      if (customer === '') return tally.reject(line, m.customer ?? null, '', `no customer (${m.customer} is empty)`);
      const dateText = text(cells, ix.date);
      let day = dateText === lastDateText ? lastDay : dayCache.get(dateText);
      if (day === undefined) {
        day = parseDate(dateText, dateFormat);
        // A file has a few thousand distinct dates at most; the bound only guards odd files.
        if (dayCache.size > 50_000) dayCache.clear();
        dayCache.set(ownString(dateText), day);
      }
      lastDateText = dateText;
      lastDay = day;
      if (day === null) {
        return tally.reject(line, m.date ?? null, dateText, dateText === '' ? `no date (${m.date} is empty)` : `'${dateText}' is not a valid date (expected ${dateWords})`);
      }
      const far = farDays?.get(day);
      if (far) return tally.reject(line, m.date ?? null, dateText, far(dateText));
      if (!firstText.has(day)) firstText.set(day, ownString(dateText));
      let quantity: number | null = null;
      if (ix.quantity >= 0) {
        const raw = text(cells, ix.quantity);
        quantity = raw === '' ? null : parseAmount(raw, qtyStyle);
        if (raw !== '' && quantity === null) return tally.reject(line, m.quantity ?? null, raw, `'${raw}' is not a number`);
      }
      let revenue: number | null;
      if (ix.revenue >= 0) {
        const raw = text(cells, ix.revenue);
        revenue = parseAmount(raw, revenueStyle);
        if (revenue === null) return tally.reject(line, m.revenue ?? null, raw, raw === '' ? `no revenue (${m.revenue} is empty)` : `'${raw}' is not a number`);
        if (contradictsDecimalStyle(raw, revenueStyle)) return tally.reject(line, m.revenue ?? null, raw, decimalReason(raw, revenueStyle, m.revenue));
      } else {
        const raw = text(cells, ix.unitPrice);
        const price = parseAmount(raw, priceStyle);
        if (price === null) return tally.reject(line, m.unitPrice ?? null, raw, raw === '' ? `no unit price (${m.unitPrice} is empty)` : `'${raw}' is not a number`);
        if (contradictsDecimalStyle(raw, priceStyle)) return tally.reject(line, m.unitPrice ?? null, raw, decimalReason(raw, priceStyle, m.unitPrice));
        if (quantity === null) return tally.reject(line, m.quantity ?? null, '', `no quantity (${m.quantity} is empty)`);
        revenue = quantity * price;
      }
      const absurd = implausibleAmount(revenue, maxAmount);
      if (absurd) return tally.reject(line, (ix.revenue >= 0 ? m.revenue : m.unitPrice) ?? null, text(cells, ix.revenue >= 0 ? ix.revenue : ix.unitPrice), `the amount ${absurd}`);
      const invoice = ix.invoice >= 0 ? text(cells, ix.invoice) : '';
      // A credit note ("C536379") is a return even when its amounts were typed positive.
      if (credits && invoice !== '' && (invoice.charCodeAt(0) === 67 || invoice.charCodeAt(0) === 99) && revenue > 0) revenue = -revenue;
      const productCode = text(cells, ix.product);
      let category = '';
      if (ix.category >= 0) {
        category = text(cells, ix.category);
        if (category === '') return tally.reject(line, m.category ?? null, '', `no category (${m.category} is empty)`);
      } else if (single === null && productCode === '') {
        return tally.reject(line, m.product ?? null, '', `no product (${m.product} is empty; it is the category level)`);
      }
      if (ix.orders >= 0) {
        const raw = text(cells, ix.orders);
        const orders = raw === '' ? null : parseAmount(raw, 'dot');
        if (orders === null || orders < 0 || !Number.isInteger(orders)) {
          return tally.reject(line, m.orders ?? null, raw, raw === '' ? `no orders (${m.orders} is empty)` : `'${raw}' is not a whole number of orders`);
        }
        tally.orders += orders;
      }
      tally.rowsImported++;
      store(
        line,
        customer,
        text(cells, ix.customerName),
        day,
        category,
        productCode,
        text(cells, ix.productName),
        quantity,
        revenue,
        text(cells, ix.rep),
        text(cells, ix.territory),
        text(cells, ix.segment),
        invoice,
      );
    },
    summed,
    unstoreDays(days) {
      if (days.size === 0) return;
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
        tally.reject(r.source_row, m.date ?? null, value, days.get(r.day)?.(value) ?? '');
        tally.rowsImported--;
        tally.revenue -= r.revenue;
        if (r.revenue < 0) tally.returns--;
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
          if (dimension.isNew(id)) drop.run(id);
        }
      }
    },
    finish() {
      insert.flush();
      // A customer's current rep, territory and segment are those of its most recent sale. Its
      // last_day is still the last day earlier imports stored: this import's are stored after.
      const previousLast = db.prepare('SELECT last_day AS day FROM customers WHERE id = ?');
      const update = db.prepare(
        'UPDATE customers SET name = coalesce(?, name), rep_id = coalesce(?, rep_id), territory_id = coalesce(?, territory_id), segment = coalesce(?, segment) WHERE id = ?',
      );
      for (const [id, l] of latest) {
        const before = customers.isNew(id) ? null : (previousLast.get(id) as { day: number | null }).day;
        if (before !== null && before > l.day) continue;
        update.run(l.name, l.rep, l.territory, l.segment, id);
      }
      lastDays.store(db);
    },
  };
}

import type { Db } from '../db/open';
import { describeDateFormat, parseDate } from './dates';
import { batchedInsert } from './batched-insert';
import { Dimension } from './dimensions';
import { parseAmount, type DecimalStyle } from './numbers';
import type { ImportPlan } from './plan';
import { ownString } from './source';
import type { RowSink, Tally } from './tally';

type Latest = { day: number; name: string | null; rep: number | null; territory: number | null; segment: string | null };

const SINGLE_CATEGORY = 'All products';

const text = (cells: string[], i: number): string => (i < 0 ? '' : (cells[i] ?? '').trim());
const owned = (value: string): string | null => (value === '' ? null : ownString(value));

/** One row per sale: validates each value, resolves dimension ids and inserts the transaction. */
export function transactionsSink(db: Db, plan: ImportPlan, importId: number, tally: Tally): RowSink {
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
  };
  const style = (c: string | undefined): DecimalStyle => (c ? (plan.decimals.get(c) ?? 'dot') : 'dot');
  const qtyStyle = style(m.quantity);
  const priceStyle = style(m.unitPrice);
  const revenueStyle = style(m.revenue);
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
      `No category column: the product column '${m.product}' is used as the category level${masterCategory.size > 0 ? ' except for products the product master already groups' : ''}. Import a product master (product -> category) to group products into categories.`,
    );
  }
  const insert = batchedInsert(db);
  const setProductCategory = db.prepare('UPDATE products SET category_id = ? WHERE id = ? AND category_id IS NOT ?');
  const productCategorySet = new Set<number>();
  const latest = new Map<number, Latest>();
  const tracksCustomer = ix.customerName >= 0 || ix.rep >= 0 || ix.territory >= 0 || ix.segment >= 0;
  let lastDateText = '';
  let lastDay: number | null = null;
  const dayCache = new Map<string, number | null>();
  const credits = plan.creditInvoices;
  if (ix.invoice >= 0 && !credits) {
    tally.warnings.push(`Most invoice numbers in '${m.invoice}' start with C, so a C is not read as a credit note; returns are the negative amounts only.`);
  }

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
      } else {
        const raw = text(cells, ix.unitPrice);
        const price = parseAmount(raw, priceStyle);
        if (price === null) return tally.reject(line, m.unitPrice ?? null, raw, raw === '' ? `no unit price (${m.unitPrice} is empty)` : `'${raw}' is not a number`);
        if (quantity === null) return tally.reject(line, m.quantity ?? null, '', `no quantity (${m.quantity} is empty)`);
        revenue = quantity * price;
      }
      const invoice = ix.invoice >= 0 ? text(cells, ix.invoice) : '';
      // A credit note ("C536379") is a return even when its amounts were typed positive.
      if (credits && invoice !== '' && (invoice.charCodeAt(0) === 67 || invoice.charCodeAt(0) === 99) && revenue > 0) revenue = -revenue;
      const productCode = text(cells, ix.product);
      let categoryId: number;
      if (ix.category >= 0) {
        const category = text(cells, ix.category);
        if (category === '') return tally.reject(line, m.category ?? null, '', `no category (${m.category} is empty)`);
        categoryId = categories.id(category);
      } else if (single !== null) categoryId = single;
      else {
        if (productCode === '') return tally.reject(line, m.product ?? null, '', `no product (${m.product} is empty; it is the category level)`);
        categoryId = masterCategory.get(productCode) ?? categories.id(productCode);
      }
      let productId: number | null = null;
      if (productCode !== '') {
        productId = products.id(productCode, text(cells, ix.productName) || null);
        tally.products.add(productId);
        if (ix.category >= 0 && !productCategorySet.has(productId)) {
          setProductCategory.run(categoryId, productId, categoryId);
          productCategorySet.add(productId);
        }
      }
      const customerName = text(cells, ix.customerName);
      const customerId = customers.id(customer, customerName || null);
      const rep = text(cells, ix.rep);
      const territory = text(cells, ix.territory);
      const repId = rep === '' ? null : reps.id(rep);
      const territoryId = territory === '' ? null : territories.id(territory);
      insert.add(importId, line, customerId, day, categoryId, productId, quantity, revenue, repId, territoryId, invoice === '' ? null : invoice);
      tally.rowsImported++;
      tally.revenue += revenue;
      if (revenue < 0) tally.returns++;
      tally.day(day);
      tally.customers.add(customerId);
      tally.categories.add(categoryId);
      if (tracksCustomer) {
        const seen = latest.get(customerId);
        const segment = text(cells, ix.segment);
        if (!seen) latest.set(customerId, { day, name: owned(customerName), rep: repId, territory: territoryId, segment: owned(segment) });
        else if (day >= seen.day) {
          seen.day = day;
          seen.rep = repId;
          seen.territory = territoryId;
          // A customer's rows nearly always repeat its name and segment: copy a value only when it changes.
          if (customerName !== (seen.name ?? '')) seen.name = owned(customerName);
          if (segment !== (seen.segment ?? '')) seen.segment = owned(segment);
        }
      }
    },
    finish() {
      insert.flush();
      // A customer's current rep, territory and segment are those of its most recent sale.
      const previousLast = db.prepare('SELECT max(day) AS day FROM transactions WHERE customer_id = ? AND import_id <> ?');
      const update = db.prepare(
        'UPDATE customers SET name = coalesce(?, name), rep_id = coalesce(?, rep_id), territory_id = coalesce(?, territory_id), segment = coalesce(?, segment) WHERE id = ?',
      );
      for (const [id, l] of latest) {
        const before = customers.isNew(id) ? null : (previousLast.get(id, importId) as { day: number | null }).day;
        if (before !== null && before > l.day) continue;
        update.run(l.name, l.rep, l.territory, l.segment, id);
      }
    },
  };
}

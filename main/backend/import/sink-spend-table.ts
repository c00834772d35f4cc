import type { Db } from '../db/open';
import { Dimension } from './dimensions';
import { contradictsDecimalStyle, decimalReason, DEFAULT_MAX_AMOUNT, implausibleAmount, parseAmount } from './numbers';
import type { ImportPlan } from './plan';
import { isTotalsLabel, spendTotalsReason, totalsReason } from './totals-row';
import type { RowSink, Tally } from './tally';
import { isMissingMarker, markerReason, unlessMarker, unlessRegionMarker } from './missing-markers';

/**
 * One row per customer, one column per category: each positive amount becomes one transaction
 * dated `asOfDay`, so profiles and growth work on it while the workspace knows it has no dates.
 */
export function spendTableSink(db: Db, plan: ImportPlan, importId: number, tally: Tally, asOfDay: number): RowSink {
  const m = plan.mapping;
  const col = (c: string | undefined): number => (c === undefined ? -1 : plan.headers.indexOf(c));
  const ix = { customer: col(m.customer), name: m.customerName === m.customer ? -1 : col(m.customerName), segment: col(m.segment), territory: col(m.territory), rep: col(m.rep) };
  const cats = plan.categoryColumns.map((name) => ({ name, index: plan.headers.indexOf(name), style: plan.decimals.get(name) ?? 'dot' }));
  const customers = new Dimension(db, 'customers');
  const categories = new Dimension(db, 'categories');
  const territories = new Dimension(db, 'territories');
  const reps = new Dimension(db, 'reps');
  const catIds = cats.map((c) => categories.id(c.name));
  const insert = db.prepare('INSERT INTO transactions (import_id, source_row, customer_id, day, category_id, revenue, rep_id, territory_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  // Its amounts are dated the as-of day: that is the customer's last day of sales unless a later one is stored.
  const describe = db.prepare(
    `UPDATE customers SET name = coalesce(?, name), segment = coalesce(?, segment), territory_id = coalesce(?, territory_id), rep_id = coalesce(?, rep_id),
       last_day = max(coalesce(last_day, ${Math.trunc(asOfDay)}), ${Math.trunc(asOfDay)}) WHERE id = ?`,
  );
  if (!m.customer) tally.warnings.push('No customer column: customers are numbered by their row in the table (1, 2, 3 ...).');
  const maxAmount = plan.maxAmount ?? DEFAULT_MAX_AMOUNT;
  let ordinal = 0;
  const cell = (cells: string[], i: number): string => (i < 0 ? '' : (cells[i] ?? '').trim());

  return {
    row(line, cells) {
      ordinal++;
      const code = ix.customer >= 0 ? cell(cells, ix.customer) : String(ordinal);
      if (code === '') return tally.reject(line, m.customer ?? null, '', `no customer (${m.customer} is empty)`);
      if (ix.customer >= 0 && isMissingMarker(code)) return tally.reject(line, m.customer ?? null, code, markerReason('customer', m.customer, code));
      if (ix.customer >= 0 && isTotalsLabel(code)) return tally.reject(line, m.customer ?? null, code, totalsReason(code));
      if (line === plan.totalsLine) return tally.reject(line, null, null, spendTotalsReason);
      const amounts: number[] = [];
      for (const c of cats) {
        const raw = cell(cells, c.index);
        // R writes a customer's missing spend as NA, pandas as nan: no spend, as an empty cell.
        const value = raw === '' || isMissingMarker(raw) ? 0 : parseAmount(raw, c.style);
        if (value === null) return tally.reject(line, c.name, raw, `'${raw}' is not a number`);
        if (contradictsDecimalStyle(raw, c.style)) return tally.reject(line, c.name, raw, decimalReason(raw, c.style, c.name));
        const absurd = implausibleAmount(value, maxAmount);
        if (absurd) return tally.reject(line, c.name, raw, `the amount ${absurd}`);
        amounts.push(value);
      }
      // A missing-value marker ('NA', 'nan') is no name, segment, territory or rep, as in transactions.
      const name = unlessMarker(cell(cells, ix.name));
      const customerId = customers.id(code, name || null);
      const territory = unlessRegionMarker(cell(cells, ix.territory));
      const rep = unlessMarker(cell(cells, ix.rep));
      const territoryId = territory === '' ? null : territories.id(territory);
      const repId = rep === '' ? null : reps.id(rep);
      describe.run(name || null, unlessRegionMarker(cell(cells, ix.segment)) || null, territoryId, repId, customerId);
      amounts.forEach((amount, k) => {
        if (amount <= 0) return;
        insert.run(importId, line, customerId, asOfDay, catIds[k], amount, repId, territoryId);
        tally.revenue += amount;
        tally.categories.add(catIds[k]);
      });
      tally.rowsImported++;
      tally.customers.add(customerId);
      tally.day(asOfDay);
    },
    finish() {},
  };
}

import { screenWords } from '../../app/screen-words';
import { useState } from 'react';
import { countsPurchases, DATE_FORMATS, DEFAULT_AGGREGATE_ABOVE_MB, IMPORT_FIELDS, IMPORT_SHAPES, SPEND_TABLE_FIELDS, type DateFormat, type ImportField, type ImportPreview, type ImportShape, type ImportSummary } from '../../../../shared/contract';
import { PURCHASE_UNITS } from '../../../../shared/format/currency';
import { formatMoney } from '../../../../shared/format/numbers';
import { useFormatters } from '../../app/workbench';
import { Panel, Stat } from '../../components/Feedback';
import { BigFileThreshold, suitsDuckDb } from './BigFileThreshold';
import { FIELD_LABELS, confidenceClass, currencyOfImport, duplicateColumns, guessFor, mappingFromPreview, missingFields, type Mapping } from './mapping';

import { RejectReasons } from './RejectedRows';
/** currency: null keeps what the preview settled on (read from the file, or the workspace's own). */
export type MappingChoice = {
  mapping: Mapping;
  dateFormat: DateFormat | null;
  /** With day-number dates: the date of day 1 (YYYY-MM-DD). */
  dayOne: string | null;
  shape: ImportShape;
  force: boolean;
  /** A grouped report's blank customer cells take the customer above (true) or are rejected (false). */
  fillDown: boolean;
  currency: string | null;
  /** Sales files above this size are read and summed by DuckDB. */
  aggregateAboveMb: number;
};

const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'Year-month-day (2025-03-31)',
  mdy: 'Month/day/year (03/31/2025)',
  dmy: 'Day/month/year (31/03/2025)',
  'excel-serial': 'Excel day numbers (45747)',
  unix: 'Unix time, seconds since 1970 (1743379200)',
  'day-number': 'Day numbers (1, 2, … 711) from a day 1 you give',
  yyyymm: 'Months as numbers (202301; SAP periods 2023001)',
};

const SHAPE_LABELS: Record<ImportShape, string> = {
  transactions: 'Transactions: one row per sale',
  cube: 'Cube: one row per customer × category × day or week, already summed',
  'spend-table': 'Spend table: one row per customer, a column per category',
  'product-master': 'Product list: product → category',
};

type Props = {
  preview: ImportPreview;
  busy: boolean;
  dryRun: ImportSummary | null;
  onReload: (options: { sheet?: string; shape?: ImportShape }) => void;
  onCheck: (choice: MappingChoice) => void;
  onImport: (choice: MappingChoice) => void;
  onBack: () => void;
};

function PreviewGrid({ preview }: { preview: ImportPreview }) {
  return (
    <div className="preview" tabIndex={0} role="region" aria-label="First rows of the file">
      <table>
        <thead>
          <tr>
            <th scope="col">Row</th>
            {preview.headers.map((h, i) => (
              <th key={`${h}-${i}`} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r, i) => (
            <tr key={i}>
              <td className="muted">{preview.headerRow + i + 1}</td>
              {preview.headers.map((_, j) => (
                <td key={j}>{r[j] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MappingStep({ preview, busy, dryRun, onReload, onCheck, onImport, onBack }: Props) {
  const fmt = useFormatters();
  const [mapping, setMapping] = useState<Mapping>(() => mappingFromPreview(preview));
  const [dateFormat, setDateFormat] = useState<DateFormat | null>(preview.dateFormat.detected);
  const [dayOne, setDayOne] = useState('');
  const [force, setForce] = useState(false);
  const [fillDown, setFillDown] = useState(preview.fillDown === true);
  // A purchase log's preview says XXX (no currency): mapping a money column after asks for a real one.
  const [currency, setCurrency] = useState(preview.currency.code === PURCHASE_UNITS ? '' : preview.currency.code);
  const [aggregateAboveMb, setAggregateAboveMb] = useState(DEFAULT_AGGREGATE_ABOVE_MB);
  const thresholdValid = Number.isFinite(aggregateAboveMb) && aggregateAboveMb >= 0;
  const currencyValid = /^[A-Za-z]{3}$/.test(currency);
  const missing = missingFields(mapping, preview.shape);
  const duplicates = duplicateColumns(mapping);
  const needsDateChoice = (preview.shape === 'transactions' || preview.shape === 'cube') && ((preview.dateFormat.ambiguous && !dateFormat) || (dateFormat === 'day-number' && !/^\d{4}-\d{2}-\d{2}$/.test(dayOne)));
  const counts = countsPurchases(preview.shape, mapping);
  const changedCurrency = !counts && currencyValid && currency.toUpperCase() !== preview.currency.code ? currency.toUpperCase() : null;
  const choice: MappingChoice = { mapping, dateFormat, dayOne: dateFormat === 'day-number' ? dayOne : null, shape: preview.shape, force, fillDown, currency: changedCurrency, aggregateAboveMb };
  const summary = preview.purchaseSummary ?? [];
  const ready =
    missing.length === 0 && summary.length === 0 && !needsDateChoice && !busy && (counts || currencyValid || preview.shape === 'product-master') && (thresholdValid || !suitsDuckDb(preview));
  // A spend table's categories are its numeric columns: only the fields describing a customer are mapped.
  const spendTable = preview.shape === 'spend-table';
  const fields: readonly ImportField[] = spendTable ? SPEND_TABLE_FIELDS : IMPORT_FIELDS;
  const notes = (preview.warnings ?? []).map(screenWords);

  return (
    <>
      <Panel
        title={`${preview.file.name} · ${preview.file.size < 1e6 ? `${Math.max(1, Math.round(preview.file.size / 1e3))} KB` : `${(preview.file.size / 1e6).toFixed(1)} MB`}`}
        actions={
          <div className="row">
            {preview.sheets.length > 1 && (
              <div className="field">
                <label htmlFor="import-sheet">Sheet</label>
                <select id="import-sheet" value={preview.sheet ?? ''} onChange={(e) => onReload({ sheet: e.target.value, shape: preview.shape })} disabled={busy}>
                  {preview.sheets.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor="import-shape">What the file holds</label>
              <select id="import-shape" value={preview.shape} onChange={(e) => onReload({ sheet: preview.sheet ?? undefined, shape: e.target.value as ImportShape })} disabled={busy}>
                {IMPORT_SHAPES.map((s) => (
                  <option key={s} value={s}>
                    {SHAPE_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
          </div>
        }
      >
        <p className="muted">
          {preview.headerRow > 0 ? `Header on row ${preview.headerRow}` : 'No header row: columns named by position'}
          {preview.encoding && ` · ${preview.encoding}`}
          {preview.delimiter && ` · separated by ${preview.delimiter === '\t' ? 'tabs' : preview.delimiter === ' ' ? 'spaces' : `"${preview.delimiter}"`}`}
          {preview.savedMapping && ' · reusing the mapping you confirmed for these headers before'}
        </p>
        {notes.length > 0 && (
          <ul className="reasons warnings" aria-label="About this file" data-testid="preview-notes">
            {notes.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        )}
        <PreviewGrid preview={preview} />
      </Panel>

      <Panel title="Columns">
        <p className="muted">Longtail's guesses are filled in with how sure it is. Change any that are wrong; required fields are marked *.</p>
        {preview.shape === 'transactions' && !mapping.date && (
          <div className="notice" data-testid="suggest-spend-table">
            <p>
              No column holds dates, so these cannot be transactions. If the file has one row per customer and a column of spend per category (a spend table), read it as one:
              profiles and growth work on it; recovery needs dated transactions.
            </p>
            <button type="button" onClick={() => onReload({ sheet: preview.sheet ?? undefined, shape: 'spend-table' })} disabled={busy} data-testid="use-spend-table">
              Read as a spend table
            </button>
          </div>
        )}
        {summary.length > 0 && (
          <div className="notice" data-testid="purchase-summary">
            <p>
              {summary.map((c) => `'${c}'`).join(', ')} are purchase statistics (repeat purchases, recency, the customer&apos;s age), as lifetime-value tools summarise each
              customer: this file holds no sales and no spend by category, and summed as spend its counts and weeks would read as money. Import the transactions it was made
              from (a customer, a date and an amount per sale).
            </p>
            <button type="button" onClick={() => onReload({ sheet: preview.sheet ?? undefined, shape: 'spend-table' })} disabled={busy} data-testid="summary-as-spend">
              Import its numbers as category spend all the same
            </button>
          </div>
        )}
        {spendTable && summary.length === 0 && (
          <p className="muted" data-testid="spend-columns">
            {preview.categoryColumns.length > 0
              ? `Spend per category from ${preview.categoryColumns.length} ${preview.categoryColumns.length === 1 ? 'column' : 'columns'}: ${preview.categoryColumns.join(', ')}.`
              : 'No column holds numbers to read as spend per category.'}
            {!mapping.customer && ' No customer column: customers are numbered by their row in the table (1, 2, 3 ...).'}
          </p>
        )}
        {counts && mapping.customer && mapping.date && (
          <div className="notice" data-testid="purchase-log">
            <p>
              No revenue or unit price column: each row will count as one purchase worth 1 unit, and every amount will be a count of purchases (shown as units), as
              event logs without money are judged. If a column holds money, map it as Revenue.
            </p>
          </div>
        )}
        <div className="mapping" data-testid="mapping">
          {fields.map((field) => {
            const guess = guessFor(preview, field);
            // Transactions without revenue still import, as a purchase log: only a cube must carry it.
            const required = !spendTable && (field === 'customer' || field === 'date' || (field === 'revenue' && preview.shape === 'cube'));
            const id = `map-${field}`;
            return (
              <div className="field" key={field}>
                <label htmlFor={id}>
                  {FIELD_LABELS[field]}
                  {required && ' *'}
                </label>
                <select id={id} value={mapping[field] ?? ''} onChange={(e) => setMapping((m) => ({ ...m, [field]: e.target.value || null }))} disabled={busy}>
                  <option value="">— not in this file —</option>
                  {preview.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
                {guess?.column && (
                  <span className={`confidence ${confidenceClass(guess.confidence)}`} title={guess.reason}>
                    guessed “{guess.column}”, {Math.round(guess.confidence * 100)}% sure: {guess.reason}
                  </span>
                )}
              </div>
            );
          })}
        </div>
        {(preview.shape === 'transactions' || preview.shape === 'cube') && (
          <div className="row" style={{ marginTop: '0.75rem' }}>
            <div className="field">
              <label htmlFor="import-date-format">Date format{preview.dateFormat.ambiguous ? ' (ambiguous: please choose)' : ''}</label>
              <select id="import-date-format" value={dateFormat ?? ''} onChange={(e) => setDateFormat((e.target.value || null) as DateFormat | null)} disabled={busy}>
                <option value="">{preview.dateFormat.detected ? 'As detected' : 'Choose…'}</option>
                {DATE_FORMATS.map((f) => (
                  <option key={f} value={f} disabled={f !== 'day-number' && preview.dateFormat.candidates.length > 0 && !preview.dateFormat.candidates.includes(f)}>
                    {DATE_FORMAT_LABELS[f]}
                    {f === preview.dateFormat.detected ? ' · detected' : ''}
                  </option>
                ))}
              </select>
            </div>
            {dateFormat === 'day-number' && (
              <div className="field">
                <label htmlFor="import-day-one">Day 1 is</label>
                <input id="import-day-one" type="date" value={dayOne} onChange={(e) => setDayOne(e.target.value)} disabled={busy} />
              </div>
            )}
            <p className="muted">Amounts: the decimal mark (1,234.50 or 1.234,50) is detected per column; currency signs and thousands separators are ignored.</p>
          </div>
        )}
        {preview.shape === 'transactions' && (
          <label className="check" title="A report that writes each customer once, on the first line of its group, leaves the lines below it blank: those are the same customer's sales">
            <input type="checkbox" checked={fillDown} onChange={(e) => setFillDown(e.target.checked)} disabled={busy} data-testid="import-fill-down" /> Blank customer cells are the customer above them (a report that names each customer once){preview.fillDown ? ': this file looks like one' : ''}
          </label>
        )}
        {counts && (
          <p className="muted" data-testid="import-units">
            Amounts: purchase counts, shown as units. A workspace holds money or counts, never both: a workspace that already holds money refuses this file.
          </p>
        )}
        {preview.shape !== 'product-master' && !counts && (
          <div className="row" style={{ marginTop: '0.75rem' }}>
            <div className="field">
              <label htmlFor="import-currency">Currency</label>
              <input
                id="import-currency"
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                maxLength={3}
                size={5}
                pattern="[A-Za-z]{3}"
                title="Three-letter ISO code, e.g. GBP, EUR, USD"
                aria-describedby="import-currency-why"
                disabled={busy}
              />
            </div>
            <p className="muted" id="import-currency-why" data-testid="import-currency-why">
              {changedCurrency
                ? `${changedCurrency}, as you chose: every figure of this workspace will be shown in it.`
                : preview.currency.code === PURCHASE_UNITS
                  ? 'Type the currency of the amounts, e.g. GBP, EUR or USD.'
                  : `${preview.currency.code}: ${preview.currency.reason}. Type another code if that is wrong.`}
            </p>
          </div>
        )}
        {suitsDuckDb(preview) && <BigFileThreshold preview={preview} aboveMb={aggregateAboveMb} onChange={setAggregateAboveMb} busy={busy} />}
        {(missing.length > 0 || duplicates.length > 0 || needsDateChoice) && (
          <div className="notice error" role="alert">
            <p>
              {missing.length > 0 && `Map these before importing: ${missing.join(', ')}. `}
              {duplicates.length > 0 && `Each column should feed one field; used twice: ${duplicates.join(', ')}. `}
              {needsDateChoice && (dateFormat === 'day-number' ? 'Dates are day numbers: give the date of day 1.' : 'The dates could be day/month or month/day: choose the date format.')}
            </p>
          </div>
        )}
      </Panel>

      {dryRun && (
        <Panel title="Validation summary">
          <div className="stats" data-testid="validation-summary">
            <Stat label="Rows read" value={fmt.count(dryRun.rowsRead)} />
            <Stat label="Would import" value={fmt.count(dryRun.rowsImported)} detail={`${fmt.count(dryRun.returns)} ${dryRun.returns === 1 ? 'return or credit' : 'returns or credits'}`} />
            <Stat label="Rejected" value={fmt.count(dryRun.rowsRejected)} detail={`${fmt.count(dryRun.rowsSkipped)} skipped (blank, or no sale by status)`} />
            <Stat label="Customers" value={fmt.count(dryRun.customers)} detail={fmt.counted(dryRun.categories, 'category', 'categories')} />
            <Stat label="Dates" value={fmt.range(dryRun.dateFrom, dryRun.dateTo)} small />
            <Stat label="Revenue" value={formatMoney(dryRun.revenue, counts ? PURCHASE_UNITS : currencyOfImport(currency, preview), fmt.locale)} />
          </div>
          {dryRun.warnings.length > 0 && (
            <ul className="reasons">
              {dryRun.warnings.map((text) => (
                <li key={text}>{screenWords(text)}</li>
              ))}
            </ul>
          )}
          <RejectReasons rows={dryRun.rejectsSample.slice(0, 8)} />
        </Panel>
      )}

      <div className="row">
        <button type="button" onClick={onBack} disabled={busy}>
          ← Another file
        </button>
        <label className="check">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Import even if this file or its lines were imported before
        </label>
        <span style={{ flex: 1 }} />
        <button type="button" onClick={() => onCheck(choice)} disabled={!ready}>
          Check all rows
        </button>
        <button type="button" className="primary" onClick={() => onImport(choice)} disabled={!ready}>
          Import
        </button>
      </div>
    </>
  );
}

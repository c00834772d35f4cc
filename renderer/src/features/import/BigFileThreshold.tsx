import { DEFAULT_AGGREGATE_ABOVE_MB, type ImportPreview } from '../../../../shared/contract';

type Props = { preview: ImportPreview; aboveMb: number; onChange: (mb: number) => void; busy: boolean };

const MB = 1024 * 1024;

/** Whether this file could go through DuckDB at all: sales rows in CSV or Parquet. */
export const suitsDuckDb = (preview: ImportPreview): boolean => preview.shape === 'transactions' && (preview.file.format === 'csv' || preview.file.format === 'parquet');

/**
 * The size above which a sales file is read and summed by DuckDB instead of line by line, with what
 * that means for this file: an analyst trades products and invoice numbers for speed knowingly.
 */
export function BigFileThreshold({ preview, aboveMb, onChange, busy }: Props) {
  const valid = Number.isFinite(aboveMb) && aboveMb >= 0;
  const summed = valid && preview.file.size > aboveMb * MB;
  return (
    <div className="row" style={{ marginTop: '0.75rem' }}>
      <div className="field">
        <label htmlFor="import-aggregate-above">Sum with DuckDB above (MB)</label>
        <input
          id="import-aggregate-above"
          type="number"
          min={0}
          step={50}
          value={Number.isFinite(aboveMb) ? aboveMb : ''}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          aria-describedby="import-aggregate-why"
          aria-invalid={!valid}
          style={{ width: '7rem' }}
          disabled={busy}
        />
      </div>
      <p className="muted" id="import-aggregate-why" data-testid="import-aggregate-why">
        {!valid
          ? 'Type a size in MB (0 sends every file through DuckDB).'
          : summed
            ? 'This file is above it: if its first lines show that many share a customer, category and day, DuckDB reads it and sums its rows per customer × category × day before they reach the workspace; otherwise it is read line by line, which is faster then. The import says which happened. When summed, products and invoice numbers are not kept; rows it doubts are still checked line by line, with the same reasons.'
            : `This file is below it: read line by line, keeping every product and invoice number. Files above ${aboveMb.toLocaleString('en-US')} MB are summed by DuckDB${aboveMb === DEFAULT_AGGREGATE_ABOVE_MB ? ' (the default)' : ''}.`}
      </p>
    </div>
  );
}

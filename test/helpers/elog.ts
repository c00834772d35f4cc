import fs from 'node:fs';
import { dayFromIso } from '../../shared/format/dates';
import type { Dataset } from '../../shared/model/dataset';
import { oneCategoryDataset, type DatedRow } from './one-category';

export const DATA_DIR = process.env.LONGTAIL_DATA ?? '/work/shared/data';

/**
 * A Dataset from an event log with one category: rows of customer, date (YYYYMMDD or YYYY-MM-DD) and
 * money. Without a money column (the grocery log) every purchase counts as one unit, as the
 * benchmark literature judges that set.
 */
export function elogDataset(file: string, columns: { customer: string; date: string; money?: string }, currency = 'USD'): Dataset {
  const lines = fs.readFileSync(`${DATA_DIR}/${file}`, 'utf8').trim().split(/\r?\n/);
  // CDNOW_master.txt separates its columns with runs of spaces; the others are comma-separated.
  const separator = lines[0].includes(',') ? ',' : /\s+/;
  const split = (line: string) => line.trim().split(separator);
  const header = split(lines[0]);
  const [ic, id, im] = [header.indexOf(columns.customer), header.indexOf(columns.date), columns.money ? header.indexOf(columns.money) : -1];
  const codes = new Map<string, number>();
  const rows: DatedRow[] = [];
  for (const line of lines.slice(1)) {
    const cells = split(line);
    const raw = cells[id];
    const iso = raw.includes('-') ? raw : `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
    let c = codes.get(cells[ic]);
    if (c === undefined) codes.set(cells[ic], (c = codes.size));
    rows.push({ customer: c, day: dayFromIso(iso), revenue: im >= 0 ? Number(cells[im]) : 1 });
  }
  return oneCategoryDataset([...codes.keys()], rows, { currency });
}

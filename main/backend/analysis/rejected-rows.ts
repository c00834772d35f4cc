import type { Db } from '../db/open';
import { formatCount, formatShare } from '../../../shared/format/numbers';

/** Rejected on this share of the rows read, the imports say so among the run's notes; on the larger, as a caveat. */
const NOTE_SHARE = 0.05;
const CAVEAT_SHARE = 0.2;
const REASON_SAMPLE = 5000;

/**
 * What the imports left out, beside the figures made without it: Online Retail rejects a quarter of
 * its lines (no customer id), which no screen but the import's summary had said.
 */
export function rejectedRowsNote(db: Db): { note: string; caveat: boolean } | null {
  const t = db.prepare("SELECT coalesce(sum(rows_read), 0) AS rowsRead, coalesce(sum(rows_rejected), 0) AS rejected FROM imports WHERE status = 'done'").get() as { rowsRead: number; rejected: number };
  if (t.rowsRead === 0 || t.rejected / t.rowsRead < NOTE_SHARE) return null;
  // The commonest reason among the first rejects, read in the file's order: grouping all of Online
  // Retail's 135,080 took 0.2 s of every analysis.
  const sample = db
    .prepare(`SELECT reason, count(*) AS n FROM (SELECT r.reason FROM rejects r JOIN imports i ON i.id = r.import_id WHERE i.status = 'done' LIMIT ${REASON_SAMPLE}) GROUP BY reason ORDER BY n DESC, reason`)
    .all() as { reason: string; n: number }[];
  const seen = sample.reduce((s, r) => s + r.n, 0);
  const most = sample.length === 0 ? '' : sample.length === 1 && seen === t.rejected ? `; every one: ${sample[0].reason}` : `; most often: ${sample[0].reason}`;
  return {
    note: `${formatCount(t.rejected, 'en-US')} of the ${formatCount(t.rowsRead, 'en-US')} rows the imports read (${formatShare(t.rejected / t.rowsRead, 0, 'en-US')}) were rejected and count in no figure here${most}. The Workspaces screen counts them by import.`,
    caveat: t.rejected / t.rowsRead >= CAVEAT_SHARE,
  };
}

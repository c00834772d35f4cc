import type { Db } from '../db/open';
import { formatCount, formatShare } from '../../../shared/format/numbers';

/** Rejected on this share of the rows read, the imports say so among the run's notes; on the larger, as a caveat. */
const NOTE_SHARE = 0.05;
const CAVEAT_SHARE = 0.2;

/**
 * What the imports left out, beside the figures made without it: Online Retail rejects a quarter of
 * its lines (no customer id), which no screen but the import's summary had said.
 */
export function rejectedRowsNote(db: Db): { note: string; caveat: boolean } | null {
  const t = db.prepare("SELECT coalesce(sum(rows_read), 0) AS rowsRead, coalesce(sum(rows_rejected), 0) AS rejected FROM imports WHERE status = 'done'").get() as { rowsRead: number; rejected: number };
  if (t.rowsRead === 0 || t.rejected / t.rowsRead < NOTE_SHARE) return null;
  const top = db.prepare("SELECT r.reason AS reason, count(*) AS n FROM rejects r JOIN imports i ON i.id = r.import_id WHERE i.status = 'done' GROUP BY r.reason ORDER BY n DESC, r.reason LIMIT 1").get() as { reason: string; n: number } | undefined;
  const most = top ? `; ${top.n === t.rejected ? 'every one' : `${formatCount(top.n, 'en-US')} of them`}: ${top.reason}` : '';
  return {
    note: `${formatCount(t.rejected, 'en-US')} of the ${formatCount(t.rowsRead, 'en-US')} rows the imports read (${formatShare(t.rejected / t.rowsRead, 0, 'en-US')}) were rejected and count in no figure here${most}. The Workspaces screen counts them by import.`,
    caveat: t.rejected / t.rowsRead >= CAVEAT_SHARE,
  };
}

import fs from 'node:fs';
import type { Db } from './open';

/**
 * Starts writing the workspace file's pages to disk on the I/O thread pool while this thread goes
 * on with a bulk load's last steps, so the commit's own sync finds most of them written: at 5M rows
 * the commit waited 0.3-0.4 s for the quarter gigabyte the rows had left in the page cache. The
 * file is opened and the sync queued here, at once: chained on a promise they would wait for this
 * thread to finish the import. Writing pages early changes nothing SQLite relies on (the system may
 * write them back at any time). Where a file opened for reading cannot be synced (Windows), nothing
 * is gained and nothing lost; a real write error is the commit's to report, as it syncs again.
 */
export function flushEarly(db: Db): void {
  let fd: number;
  try {
    fd = fs.openSync(db.name, 'r');
  } catch {
    return;
  }
  fs.fdatasync(fd, () => fs.close(fd, () => undefined));
}

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Tally } from '../../../main/backend/import/tally';

const tally = (): Tally => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE rejects (import_id INTEGER, source_row INTEGER, column_name TEXT, raw_value TEXT, reason TEXT)');
  return new Tally(db, 1);
};

describe('rows stored per day', () => {
  it('are counted alike for days near the first one and centuries away, in any order, and taken back by day', () => {
    const t = tally();
    const days = [20000, 20001, 20000, -719000, 20000, 340000, 20001, 340000, 20002];
    for (const d of days) t.day(d);
    expect([...t.daysStored()].sort((a, b) => a[0] - b[0])).toEqual([
      [-719000, 1],
      [20000, 3],
      [20001, 2],
      [20002, 1],
      [340000, 2],
    ]);
    expect([t.dayMin, t.dayMax]).toEqual([-719000, 340000]);
    // Rows counted after a first look are added to it, not lost.
    t.day(20002);
    t.unstoreDays(new Set([340000, -719000]));
    expect([...t.daysStored()].sort((a, b) => a[0] - b[0])).toEqual([
      [20000, 3],
      [20001, 2],
      [20002, 2],
    ]);
    expect([t.dayMin, t.dayMax]).toEqual([20000, 20002]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/analytics/rng';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

type Row = { line: number; code: string; name: string; day: number; rep: string; territory: string; segment: string };

/**
 * A file big enough to be a bulk load (so new customers are written at its end), whose customers
 * change name, rep, territory and segment from sale to sale and sometimes leave them blank; one
 * customer's only sale and another's latest sale carry a date typed centuries off, which the import
 * takes back after reading.
 */
function writeFile(dir: string): { file: string; rows: Row[] } {
  const random = seededRandom(20261203);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const first = dayFromIso('2024-01-01');
  const rows: Row[] = [];
  const lines = ['Customer,Name,Date,Category,Revenue,Rep,Territory,Segment'];
  const add = (code: string, name: string, iso: string, rep: string, territory: string, segment: string): void => {
    lines.push(`${code},${name},${iso},${pick(['Dairy', 'Bakery', 'Paper'])},${(1 + random() * 500).toFixed(2)},${rep},${territory},${segment}`);
    rows.push({ line: lines.length, code, name, day: dayFromIso(iso), rep, territory, segment });
  };
  for (let i = 0; i < 160_000; i++) {
    const c = Math.floor(random() * 3000);
    const name = random() < 0.1 ? '' : random() < 0.2 ? `Renamed ${c}` : `Name ${c}`;
    add(`K${c}`, name, isoFromDay(first + Math.floor(random() * 700)), pick(['', 'Ann', 'Bo', 'Cy']), pick(['', 'North', 'South']), pick(['', 'Cafe', 'Hotel']));
  }
  add('GONE', 'Only a typo', '2925-06-01', 'Ann', 'North', 'Cafe');
  add('K7', 'Typo name', '2925-06-02', 'Bo', 'South', 'Hotel');
  const file = path.join(dir, 'bulk-customers.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, rows };
}

/** Each customer as the file says it should end up, worked out here from the rows the import keeps. */
function expectedCustomers(rows: Row[]): Map<string, { name: string; rep: string | null; territory: string | null; segment: string | null; lastDay: number }> {
  const far = dayFromIso('2900-01-01');
  const byCode = new Map<string, Row[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  const out = new Map<string, { name: string; rep: string | null; territory: string | null; segment: string | null; lastDay: number }>();
  for (const [code, all] of byCode) {
    const kept = all.filter((r) => r.day < far);
    if (kept.length === 0) continue;
    // Named on its first row (or by its code), then by its latest sale's name where that is not blank.
    const label = all[0].name || code;
    const latestKept = kept.reduce((a, b) => (b.day > a.day || (b.day === a.day && b.line > a.line) ? b : a));
    // A latest sale taken back leaves the customer as first named, with no rep, territory or segment.
    const latestTakenBack = all.some((r) => r.day >= far && (r.day > latestKept.day || (r.day === latestKept.day && r.line > latestKept.line)));
    const latest = latestTakenBack ? null : latestKept;
    out.set(code, {
      name: latest?.name || label,
      rep: latest?.rep || null,
      territory: latest?.territory || null,
      segment: latest?.segment || null,
      lastDay: Math.max(...kept.map((r) => r.day)),
    });
  }
  return out;
}

describe('a bulk import of new customers', () => {
  it("names each one, and gives it its rep, territory, segment and last day, as its latest kept sale says", async () => {
    const w = await workspace();
    const { file, rows } = writeFile(w.dir);
    const summary = await w.backend.call('import-run', { path: file });
    expect(summary).toMatchObject({ rowsRead: 160_002, rowsRejected: 2 });
    const db = w.backend.session.db;
    const stored = db
      .prepare(
        `SELECT c.id, c.code, c.name, r.name AS rep, t.name AS territory, c.segment, c.last_day AS lastDay
           FROM customers c LEFT JOIN reps r ON r.id = c.rep_id LEFT JOIN territories t ON t.id = c.territory_id ORDER BY c.id`,
      )
      .all() as { id: number; code: string; name: string; rep: string | null; territory: string | null; segment: string | null; lastDay: number }[];
    const expected = expectedCustomers(rows);
    expect(stored).toHaveLength(expected.size);
    expect(Object.fromEntries(stored.map(({ code, name, rep, territory, segment, lastDay }) => [code, { name, rep, territory, segment, lastDay }]))).toEqual(Object.fromEntries(expected));
    // Ids run in order of first sight, as one insert per new customer numbered them; every sale names a stored customer.
    const firstSeen = [...new Set(rows.filter((r) => expected.has(r.code)).map((r) => r.code))];
    expect(stored.map((c) => c.code)).toEqual(firstSeen);
    expect(stored.map((c) => c.id)).toEqual(firstSeen.map((_, i) => i + 1));
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

import type { RepKind, RosterRep } from '../../../shared/contract/assignment';
import { spellingKey } from '../../../shared/analytics/products/level';
import type { Db } from '../db/open';
import { AppError } from '../../../shared/contract/errors';

export type RosterEntry = {
  name: string;
  kind: RepKind;
  territory: string | null;
  capacity: number | null;
  active: boolean;
};

/**
 * The roster: every rep the data names plus those added by hand or by a roster file. A rep whose
 * territory was never set falls back to the territory most of its customers are in, so an
 * unedited roster still plans by territory.
 */
export function listRoster(db: Db): RosterRep[] {
  const rows = db
    .prepare(
      `SELECT r.name, r.kind, r.capacity, r.active, t.name AS territory,
         (SELECT count(*) FROM customers c WHERE c.rep_id = r.id) AS data_accounts,
         (SELECT t2.name FROM customers c2 JOIN territories t2 ON t2.id = c2.territory_id
           WHERE c2.rep_id = r.id GROUP BY t2.id ORDER BY count(*) DESC, t2.name LIMIT 1) AS data_territory
       FROM reps r LEFT JOIN territories t ON t.id = r.territory_id
       ORDER BY r.name`,
    )
    .all() as {
    name: string;
    kind: RepKind;
    capacity: number | null;
    active: number;
    territory: string | null;
    data_accounts: number;
    data_territory: string | null;
  }[];
  return rows.map((r) => ({
    name: r.name,
    kind: r.kind,
    territory: r.territory ?? r.data_territory,
    capacity: r.capacity,
    active: r.active === 1,
    dataAccounts: r.data_accounts,
  }));
}

/**
 * The stored spelling of a name written another way ("Ben Carter" in a roster, "BEN CARTER" in the
 * data), as the import reads rep and territory names: the roster then updates the rep the data
 * names instead of adding a second one with no accounts.
 */
function storedSpelling(db: Db, table: 'reps' | 'territories', name: string): string {
  const names = (db.prepare(`SELECT name FROM ${table} ORDER BY id`).all() as { name: string }[]).map((r) => r.name);
  if (names.includes(name)) return name;
  const key = spellingKey(name);
  return names.find((n) => spellingKey(n) === key) ?? name;
}

function territoryId(db: Db, name: string | null): number | null {
  if (name === null || name === '') return null;
  const stored = storedSpelling(db, 'territories', name);
  db.prepare('INSERT INTO territories (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(stored);
  return (db.prepare('SELECT id FROM territories WHERE name = ?').get(stored) as { id: number }).id;
}

/** What a rep's row holds besides its name: a roster file without one of these columns leaves it as it was. */
export type RosterField = 'kind' | 'territory' | 'capacity' | 'active';
const ROSTER_FIELDS: readonly RosterField[] = ['kind', 'territory', 'capacity', 'active'];
const COLUMN_OF: Record<RosterField, string> = { kind: 'kind', territory: 'territory_id', capacity: 'capacity', active: 'active' };

/**
 * Upserts by rep name (its stored spelling, see storedSpelling); returns how many reps were new.
 * `fields` are those the entries really give (a file of names and capacities gives no kind): a rep
 * already in the roster keeps the others, where a file of names alone had wiped every rep's
 * territory and capacity.
 */
export function saveRoster(db: Db, entries: readonly RosterEntry[], now: Date, fields: ReadonlySet<RosterField> = new Set(ROSTER_FIELDS)): { created: number; updated: number } {
  // Names are matched whatever their case and spacing, so two rows of one rep would silently become
  // one, the second's territory and capacity winning: refuse, naming both.
  const seen = new Map<string, string>();
  for (const e of entries) {
    const key = spellingKey(e.name);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new AppError('INVALID_INPUT', `'${other}' and '${e.name}' are one rep: names are matched whatever their case and spacing. Keep one row for them, with the territory and capacity you mean, and save again.`);
    }
    seen.set(key, e.name);
  }
  let created = 0;
  let updated = 0;
  const exists = db.prepare('SELECT 1 FROM reps WHERE name = ?');
  const updates = ROSTER_FIELDS.filter((f) => fields.has(f)).map((f) => `${COLUMN_OF[f]} = excluded.${COLUMN_OF[f]}`);
  const upsert = db.prepare(
    `INSERT INTO reps (name, kind, territory_id, capacity, active, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET ${[...updates, 'updated_at = excluded.updated_at'].join(', ')}`,
  );
  db.transaction(() => {
    for (const e of entries) {
      const name = storedSpelling(db, 'reps', e.name);
      if (exists.get(name)) updated += 1;
      else created += 1;
      upsert.run(name, e.kind, territoryId(db, e.territory), e.capacity, e.active ? 1 : 0, now.toISOString());
    }
  })();
  return { created, updated };
}

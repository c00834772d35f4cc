import type Database from 'better-sqlite3';

/**
 * Numbered and append-only: a shipped migration is never edited, a change is a new entry.
 * Each runs in its own transaction and moves user_version to its number. Every one has a test.
 * Numbers are reserved per area so parallel work never collides:
 * 1 core store, 2 analysis runs, 3 roster and assignment, 4 reports and benchmarks.
 */
export type Migration = { version: number; name: string; up: (db: Database.Database) => void };

const m001: Migration = {
  version: 1,
  name: 'core store: workspace, imports, dimensions, transactions, rejects, settings',
  up: (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_path TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        sheet TEXT,
        shape TEXT NOT NULL CHECK (shape IN ('transactions', 'spend-table', 'product-master')),
        mapping_json TEXT NOT NULL,
        date_format TEXT,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_imported INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        rows_skipped INTEGER NOT NULL DEFAULT 0,
        returns INTEGER NOT NULL DEFAULT 0,
        revenue REAL NOT NULL DEFAULT 0,
        date_from INTEGER,
        date_to INTEGER,
        warnings_json TEXT NOT NULL DEFAULT '[]',
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed'))
      ) STRICT;
      CREATE INDEX imports_sha ON imports (sha256);

      CREATE TABLE territories (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;

      CREATE TABLE reps (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'unknown' CHECK (kind IN ('inside', 'outside', 'unknown')),
        territory_id INTEGER REFERENCES territories (id),
        capacity INTEGER
      ) STRICT;

      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        segment TEXT,
        rep_id INTEGER REFERENCES reps (id),
        territory_id INTEGER REFERENCES territories (id)
      ) STRICT;

      CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;

      CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT,
        category_id INTEGER REFERENCES categories (id)
      ) STRICT;

      CREATE TABLE transactions (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        source_row INTEGER NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        day INTEGER NOT NULL,
        category_id INTEGER NOT NULL REFERENCES categories (id),
        product_id INTEGER REFERENCES products (id),
        quantity REAL,
        revenue REAL NOT NULL,
        rep_id INTEGER REFERENCES reps (id),
        territory_id INTEGER REFERENCES territories (id),
        invoice TEXT
      ) STRICT;
      CREATE INDEX transactions_customer_category_day ON transactions (customer_id, category_id, day);
      CREATE INDEX transactions_day ON transactions (day);
      CREATE INDEX transactions_import ON transactions (import_id);

      CREATE TABLE rejects (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        source_row INTEGER NOT NULL,
        column_name TEXT,
        raw_value TEXT,
        reason TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rejects_import_row ON rejects (import_id, source_row);

      CREATE TABLE mappings (
        header_signature TEXT PRIMARY KEY,
        shape TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        date_format TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL) STRICT;
    `);
  },
};

export const migrations: Migration[] = [m001];

export const latestSchemaVersion = (): number => migrations[migrations.length - 1].version;

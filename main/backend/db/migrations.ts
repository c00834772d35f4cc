import type Database from 'better-sqlite3';

/**
 * Numbered and append-only: a shipped migration is never edited, a change is a new entry.
 * Each runs in its own transaction and moves user_version to its number. Every one has a test.
 * 1 core store, 2 analysis runs, 3 roster and assignment, 4, 5 and 7 leaner indexes for bulk writes,
 * 6 recovery action parts, 8 each run customer's bar in the BG/NBD holdout check.
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

const m002: Migration = {
  version: 2,
  name: 'analysis runs: settings, summary and timings per run, plus per-run customers and actions',
  up: (db) => {
    db.exec(`
      CREATE TABLE analysis_runs (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        as_of TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        settings_json TEXT NOT NULL,
        summary_json TEXT,
        timings_json TEXT,
        data_hash TEXT NOT NULL,
        error TEXT
      ) STRICT;

      CREATE TABLE run_customers (
        run_id INTEGER NOT NULL REFERENCES analysis_runs (id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        tier TEXT NOT NULL CHECK (tier IN ('strategic', 'long-tail', 'inactive')),
        profile INTEGER,
        affinity REAL,
        is_best INTEGER NOT NULL CHECK (is_best IN (0, 1)),
        revenue12m REAL NOT NULL,
        breadth INTEGER NOT NULL,
        purchases INTEGER NOT NULL,
        recency_days INTEGER,
        tenure_days INTEGER,
        p_alive REAL,
        at_risk_revenue REAL NOT NULL,
        growth_revenue REAL NOT NULL,
        rep TEXT,
        territory TEXT,
        segment TEXT,
        mix_json TEXT NOT NULL,
        PRIMARY KEY (run_id, code)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX run_customers_revenue ON run_customers (run_id, revenue12m);
      CREATE INDEX run_customers_tier ON run_customers (run_id, tier, revenue12m);
      CREATE INDEX run_customers_profile ON run_customers (run_id, profile, revenue12m);

      -- position = rank by priority within the run, so the default listing is an index range scan.
      CREATE TABLE run_actions (
        run_id INTEGER NOT NULL REFERENCES analysis_runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('growth', 'recovery')),
        customer_code TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        category TEXT NOT NULL,
        expected_revenue REAL NOT NULL,
        priority REAL NOT NULL,
        reason TEXT NOT NULL,
        facts_json TEXT NOT NULL,
        tier TEXT NOT NULL,
        profile INTEGER,
        rep TEXT,
        territory TEXT,
        PRIMARY KEY (run_id, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX run_actions_position ON run_actions (run_id, position);
      CREATE INDEX run_actions_kind ON run_actions (run_id, kind, position);
      CREATE INDEX run_actions_customer ON run_actions (run_id, customer_code);
    `);
  },
};

const m003: Migration = {
  version: 3,
  name: 'roster and assignment: rep activity, manager overrides, stored plans',
  up: (db) => {
    db.exec(`
      ALTER TABLE reps ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
      ALTER TABLE reps ADD COLUMN updated_at TEXT;

      -- Keyed by customer code and rep name, not ids: an override must survive re-import and re-analysis.
      CREATE TABLE assignment_overrides (
        customer_code TEXT PRIMARY KEY,
        rep_name TEXT NOT NULL,
        note TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE assignment_plans (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        as_of TEXT NOT NULL,
        currency TEXT NOT NULL,
        settings_json TEXT NOT NULL,
        summary_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE assignment_plan_accounts (
        plan_id INTEGER NOT NULL REFERENCES assignment_plans (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        customer_code TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        tier TEXT NOT NULL CHECK (tier IN ('strategic', 'long-tail', 'inactive')),
        territory TEXT,
        current_rep TEXT,
        rep TEXT,
        rep_kind TEXT CHECK (rep_kind IN ('inside', 'outside', 'unknown')),
        status TEXT NOT NULL CHECK (status IN ('kept', 'assigned', 'overridden', 'unassigned')),
        reason TEXT NOT NULL,
        actions INTEGER NOT NULL,
        recovery REAL NOT NULL,
        growth REAL NOT NULL,
        expected_revenue REAL NOT NULL,
        priority REAL NOT NULL,
        PRIMARY KEY (plan_id, customer_code)
      ) STRICT;
      CREATE INDEX assignment_plan_accounts_rep ON assignment_plan_accounts (plan_id, rep, position);

      -- The actions as planned: an export reads one consistent snapshot, whatever re-analysis does later.
      CREATE TABLE assignment_plan_actions (
        plan_id INTEGER NOT NULL REFERENCES assignment_plans (id) ON DELETE CASCADE,
        customer_code TEXT NOT NULL,
        action_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('growth', 'recovery')),
        category TEXT NOT NULL,
        expected_revenue REAL NOT NULL,
        priority REAL NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (plan_id, action_id)
      ) STRICT;
      CREATE INDEX assignment_plan_actions_customer ON assignment_plan_actions (plan_id, customer_code);
    `);
  },
};

const m004: Migration = {
  version: 4,
  name: 'lean transaction indexes: drop the by-import index nothing queries',
  up: (db) => {
    // No query seeks transactions by import, yet a bulk import rebuilt it (about 0.25 s per million
    // rows). Deleting an import (rare) scans the table instead. The by-day index stays:
    // workspace-info reads min(day) and max(day) through it.
    db.exec('DROP INDEX IF EXISTS transactions_import');
  },
};

const m005: Migration = {
  version: 5,
  name: 'lean run indexes: a run is written whole far more often than its rows are paged',
  up: (db) => {
    // Each analysis run (every k switch) writes ~50k rows; six secondary indexes doubled that
    // write (~0.4 s -> ~0.2 s at 30,000 customers). The listing queries stay on the primary keys'
    // run_id prefix and sort one run's rows in ~10 ms without them.
    for (const name of [
      'run_customers_revenue',
      'run_customers_tier',
      'run_customers_profile',
      'run_actions_position',
      'run_actions_kind',
      'run_actions_customer',
    ]) {
      db.exec(`DROP INDEX IF EXISTS ${name}`);
    }
  },
};

const m006: Migration = {
  version: 6,
  name: 'the categories a whole-account recovery carries, each with its part of the money',
  up: (db) => {
    // A win-back or slipping account is one action on 'All categories'; its parts let a category
    // slice list it and count only that category's money, as the leakage by category does.
    db.exec(`
      CREATE TABLE run_action_parts (
        run_id INTEGER NOT NULL REFERENCES analysis_runs (id) ON DELETE CASCADE,
        category TEXT NOT NULL,
        action_id TEXT NOT NULL,
        at_risk REAL NOT NULL,
        PRIMARY KEY (run_id, category, action_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX run_action_parts_action ON run_action_parts (run_id, action_id);
    `);
  },
};

const m007: Migration = {
  version: 7,
  name: 'no by-day transaction index: the date range is read from the imports',
  up: (db) => {
    // Building the by-day index was the dearest step of a bulk import (3.4 s of a 20 s import of
    // 5M rows: days arrive unsorted), and its only reader was the workspace's date range. Each
    // import records the first and last day it stored (after far-date rejects), as it records its
    // revenue. Workspaces written before that was kept exactly get it from their rows, once.
    const rows = db.prepare('SELECT (SELECT min(day) FROM transactions) AS lo, (SELECT max(day) FROM transactions) AS hi').get() as { lo: number | null; hi: number | null };
    const recorded = db.prepare("SELECT min(date_from) AS lo, max(date_to) AS hi FROM imports WHERE status = 'done'").get() as { lo: number | null; hi: number | null };
    if (rows.lo !== recorded.lo || rows.hi !== recorded.hi) {
      db.exec(`
        UPDATE imports SET date_from = r.lo, date_to = r.hi
          FROM (SELECT import_id, min(day) AS lo, max(day) AS hi FROM transactions GROUP BY import_id) AS r
         WHERE r.import_id = imports.id;
      `);
    }
    db.exec('DROP INDEX IF EXISTS transactions_day');
  },
};

const m008: Migration = {
  version: 8,
  name: "each run customer's bucket in the BG/NBD holdout check (calibration repeat purchases)",
  up: (db) => {
    // The holdout check's bars group customers by repeat purchases before the held-back period; kept
    // per customer, a bar opens exactly the customers it counts. Earlier runs keep NULL (re-run to drill).
    db.exec('ALTER TABLE run_customers ADD COLUMN holdout_group INTEGER CHECK (holdout_group BETWEEN 0 AND 7)');
  },
};

const m009: Migration = {
  version: 9,
  name: "each customer's last day of sales; no customer x category x day index",
  up: (db) => {
    // The index's one reader was an import asking, per customer, for the last day earlier imports
    // stored (so an older file does not overwrite a newer rep). Kept on the customer, that is one
    // read per customer, and a bulk import no longer sorts every row into an index (2-3 s of a
    // 5M-row import). Filled here through the index, before it goes.
    db.exec(`
      ALTER TABLE customers ADD COLUMN last_day INTEGER;
      UPDATE customers SET last_day = (SELECT max(day) FROM transactions t WHERE t.customer_id = customers.id);
      DROP INDEX IF EXISTS transactions_customer_category_day;
    `);
  },
};

const m010: Migration = {
  version: 10,
  name: 'the dataset a load built, kept as column blobs so a reopened workspace need not walk every row',
  up: (db) => {
    // A copy of what the analysis reads, valid for the data hash named in meta 'loaded-columns'
    // (analysis/loaded-columns.ts); the transaction table stays the record.
    db.exec(`
      CREATE TABLE loaded_columns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        chunk INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT;
    `);
  },
};

const m011: Migration = {
  version: 11,
  name: "each part of a whole-account recovery: what the customer kept in its category, and whether the category slips or carries the account's wider slide",
  up: (db) => {
    // A slipping account's money beyond what its slipping categories kept lies on its other
    // categories; the Customer screen shows which parts are which. Earlier runs keep NULL and 0.
    db.exec(`
      ALTER TABLE run_action_parts ADD COLUMN kept REAL;
      ALTER TABLE run_action_parts ADD COLUMN spread INTEGER NOT NULL DEFAULT 0 CHECK (spread IN (0, 1));
    `);
  },
};

export const migrations: Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011];

export const latestSchemaVersion = (): number => migrations[migrations.length - 1].version;

import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { openDatabase, type Db } from './db/open';
import { tableExists } from './db/meta';
import { failInterruptedRuns } from './analysis/store';

/**
 * The backend's state between calls: at most one open workspace, plus in-memory caches that
 * belong to it (e.g. an analysis kept warm so a threshold change re-evaluates in milliseconds).
 * Caches are dropped whenever the workspace changes.
 */
export class Session {
  readonly appDataDir: string;
  private current: { path: string; db: Db } | null = null;
  private readonly caches = new Map<string, unknown>();

  constructor(appDataDir: string) {
    this.appDataDir = appDataDir;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  get path(): string {
    return this.requireOpen().path;
  }

  get db(): Db {
    return this.requireOpen().db;
  }

  open(file: string, options: { create: boolean } = { create: false }): Db {
    const absolute = path.resolve(file);
    const db = openDatabase(absolute, options);
    if (tableExists(db, 'analysis_runs')) failInterruptedRuns(db);
    this.close();
    this.current = { path: absolute, db };
    return db;
  }

  close(): boolean {
    const was = this.current !== null;
    if (this.current) {
      this.current.db.close();
      this.current = null;
    }
    this.caches.clear();
    return was;
  }

  cache<T>(key: string, build: () => T): T {
    if (!this.caches.has(key)) this.caches.set(key, build());
    return this.caches.get(key) as T;
  }

  setCache(key: string, value: unknown): void {
    this.caches.set(key, value);
  }

  getCache<T>(key: string): T | undefined {
    return this.caches.get(key) as T | undefined;
  }

  dropCaches(prefix = ''): void {
    for (const key of [...this.caches.keys()]) if (key.startsWith(prefix)) this.caches.delete(key);
  }

  private requireOpen(): { path: string; db: Db } {
    if (!this.current) {
      throw new AppError('NO_WORKSPACE', 'No workspace is open. Open or create a workspace first.');
    }
    return this.current;
  }
}

export const ensureDir = (dir: string): void => {
  fs.mkdirSync(dir, { recursive: true });
};

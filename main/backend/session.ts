import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { openDatabase, type Db } from './db/open';
import { tableExists } from './db/meta';
import { isBusy, storageError } from './db/errors';
import { failInterruptedRuns } from './analysis/store';
import { markClosed, markOpen, othersHaveItOpen } from './db/live-processes';

/** A typed place in the session for what one domain keeps warm; the object itself is the key. */
export type SessionSlot<T> = { readonly name: string; readonly __value?: T };
export const sessionSlot = <T>(name: string): SessionSlot<T> => ({ name });

/**
 * The backend's state between calls: at most one open workspace, plus what domains keep warm for
 * it in typed slots (the analysis keeps its dataset and stage cache, so a threshold change
 * re-evaluates in milliseconds). Slots are emptied whenever the workspace changes.
 */
export class Session {
  readonly appDataDir: string;
  private current: { path: string; db: Db } | null = null;
  private readonly caches = new Map<SessionSlot<unknown>, unknown>();

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
    try {
      if (!db.readonly && tableExists(db, 'analysis_runs')) {
        db.transaction(() => {
          if (!othersHaveItOpen(db, new Date())) failInterruptedRuns(db);
          markOpen(db, new Date());
        }).immediate();
      }
    } catch (e) {
      // Another process holds the write lock: its own runs may well be running; leave them.
      if (!isBusy(e)) {
        db.close();
        throw storageError(e, absolute) ?? e;
      }
    }
    this.close();
    this.current = { path: absolute, db };
    return db;
  }

  close(): boolean {
    const was = this.current !== null;
    if (this.current) {
      const { db } = this.current;
      try {
        if (!db.readonly) markClosed(db);
      } catch {
        // Busy or gone read-only: the next open finds this process gone and forgets it.
      }
      db.close();
      this.current = null;
    }
    this.caches.clear();
    return was;
  }

  get<T>(slot: SessionSlot<T>): T | undefined {
    return this.caches.get(slot) as T | undefined;
  }

  set<T>(slot: SessionSlot<T>, value: T): void {
    this.caches.set(slot, value);
  }

  drop<T>(slot: SessionSlot<T>): void {
    this.caches.delete(slot);
  }

  /** Forgets everything kept for the open workspace (an import changed its data). */
  dropCaches(): void {
    this.caches.clear();
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

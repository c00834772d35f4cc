import path from 'node:path';
import { listRoster, saveRoster } from '../roster/store';
import { readRosterFile } from '../roster/file';
import type { DomainHandlers } from './types';

export const rosterHandlers = {
  'roster-list': (ctx) => listRoster(ctx.session.db),
  'roster-save': (ctx, args) => {
    saveRoster(ctx.session.db, args.reps, ctx.now());
    return listRoster(ctx.session.db);
  },
  'roster-import': (ctx, args) => {
    const { entries, fields, warnings } = readRosterFile(path.resolve(args.path), args.sheet);
    const { created, updated } = saveRoster(ctx.session.db, entries, ctx.now(), fields);
    return { read: entries.length, created, updated, warnings, reps: listRoster(ctx.session.db) };
  },
} satisfies DomainHandlers<'roster'>;

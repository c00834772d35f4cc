import { exportRejects, listImports, listRejects } from '../import/history';
import { keepImportedColumns } from '../analysis/warm';
import { previewImport, runImport } from '../import/run';
import type { DomainHandlers } from './types';

export const importHandlers = {
  'import-preview': (ctx, args) => previewImport(ctx, args),
  'import-run': async (ctx, args) => {
    const summary = await runImport(ctx, args);
    const unprepared = args.dryRun ? null : keepImportedColumns(ctx.session, ctx.progress, ctx.signal);
    return unprepared ? { ...summary, warnings: [...summary.warnings, unprepared] } : summary;
  },
  'import-list': (ctx) => listImports(ctx.session.db),
  'import-rejects': (ctx, args) => listRejects(ctx.session.db, args.importId, args.offset, args.limit),
  'import-rejects-export': (ctx, args) => exportRejects(ctx.session.db, args.importId, args.out),
} satisfies DomainHandlers<'import'>;

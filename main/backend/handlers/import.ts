import { exportRejects, listImports, listRejects } from '../import/history';
import { previewImport, runImport } from '../import/run';
import { removeImport } from '../import/remove';
import type { DomainHandlers } from './types';

export const importHandlers = {
  'import-preview': (ctx, args) => previewImport(ctx, args),
  'import-run': (ctx, args) => runImport(ctx, args),
  'import-list': (ctx) => listImports(ctx.session.db),
  'import-rejects': (ctx, args) => listRejects(ctx.session.db, args.importId, args.offset, args.limit),
  'import-rejects-export': (ctx, args) => exportRejects(ctx.session.db, args.importId, args.out),
  'import-remove': (ctx, args) => removeImport(ctx.session.db, args.importId),
} satisfies DomainHandlers<'import'>;

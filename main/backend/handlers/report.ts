import { appVersion } from '../version';
import { buildReportHtml, writeOutputFile } from '../report/build';
import type { DomainHandlers } from './types';

export const reportHandlers = {
  'report-build': async (ctx, args) => {
    const built = await buildReportHtml({
      workspace: args.workspace ?? ctx.session.path,
      appDataDir: ctx.session.appDataDir,
      now: ctx.now,
      runId: args.runId,
      anonymise: args.anonymise,
      topActions: args.topActions,
    });
    const written = writeOutputFile(args.out, built.html, args.overwrite);
    return {
      ...written,
      format: 'html' as const,
      runId: built.runId,
      asOf: built.asOf,
      dataHash: built.dataHash,
      version: appVersion,
      anonymised: args.anonymise,
    };
  },
} satisfies DomainHandlers<'report'>;

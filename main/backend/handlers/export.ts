import { writeAssignments } from '../export/assignments';
import { planExportData } from '../export/plan-data';
import { resolveTarget } from '../export/target';
import { writeTerritories } from '../export/territories';
import type { DomainHandlers } from './types';

export const exportHandlers = {
  'export-assignments': (ctx, args) => {
    const target = resolveTarget(args.out, args.format, args.perRep, 'assignments');
    const data = planExportData(ctx, args.planId);
    const { files, rows } = writeAssignments(target, data);
    return { files, rows, planId: data.summary.planId, accounts: data.accounts.length };
  },
  'export-territories': (ctx, args) => {
    const target = resolveTarget(args.out, args.format, false, 'territories');
    const data = planExportData(ctx, args.planId);
    const { files, rows } = writeTerritories(target, data);
    return { files, rows, planId: data.summary.planId, accounts: data.accounts.length };
  },
} satisfies DomainHandlers<'export'>;

import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { formatCount, formatMoney } from '../../../shared/format/numbers';
import { rosterCoverage, rosterCoverageWarning } from '../../../shared/analytics/assignment-loads';
import type { Command } from '../command';

export const exportCommand: Command = {
  usage:
    'longtail export --workspace FILE --out FILE.xlsx|FILE.csv|DIR [--format xlsx|csv] [--plan reps|territories] [--per-rep] [--roster FILE] [--new-plan] [--json]',
  help: `
Options:
  --workspace, -w FILE  The client's workspace (analysed first with longtail analyze)
  --out, -o PATH     A .xlsx or .csv file (the extension picks the format), or a folder
  --format F         xlsx or csv, for a folder output [xlsx]
  --plan P           reps: one list per rep with a summary sheet; territories: the territory plan [reps]
  --per-rep          CSV into a folder: one file per rep (plus Unassigned.csv) instead of one file
  --roster FILE      Import this roster first (CSV/XLSX with Rep, Kind, Territory, Capacity); implies --new-plan
  --new-plan         Plan again from the latest analysis and roster (default: the latest stored plan,
                     or a new one when there is none)
  --json             Print the result as JSON

Strategic accounts keep their rep; long-tail accounts with actions go by value to the outside reps
of their territory up to capacity, then to inside reps; manager overrides set in the app win.
Accounts nobody can take are listed as Unassigned with the reason. A roster whose territories the
data does not have is warned of, naming them and the data's territories left with no rep.

Examples:
  longtail export --workspace acme.longtail --out assignments.xlsx
  longtail export -w acme.longtail --roster roster.csv --out lists/ --format csv --per-rep
  longtail export -w acme.longtail --plan territories --out territory-plan.xlsx
`,
  options: {
    workspace: { type: 'string', short: 'w' },
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    plan: { type: 'string' },
    'per-rep': { type: 'boolean' },
    roster: { type: 'string' },
    'new-plan': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const workspace = args.values.workspace as string | undefined;
    const out = args.values.out as string | undefined;
    if (!workspace || !out) throw new AppError('INVALID_INPUT', 'Give both --workspace FILE and --out FILE.xlsx|FILE.csv|DIR.');
    const format = args.values.format as string | undefined;
    if (format !== undefined && format !== 'xlsx' && format !== 'csv') {
      throw new AppError('INVALID_INPUT', `--format ${format} is not known: use xlsx or csv.`, { format });
    }
    const plan = (args.values.plan as string | undefined) ?? 'reps';
    if (plan !== 'reps' && plan !== 'territories') {
      throw new AppError('INVALID_INPUT', `--plan ${plan} is not known: use reps or territories.`, { plan });
    }
    const { backend } = io;
    await backend.call('workspace-open', { path: path.resolve(io.cwd, workspace) });
    const roster = args.values.roster as string | undefined;
    if (roster !== undefined) {
      const r = await backend.call('roster-import', { path: path.resolve(io.cwd, roster) });
      if (!args.values.json) for (const line of [`Roster: ${r.read} reps read (${r.created} new, ${r.updated} updated).`, ...r.warnings]) io.err(line);
    }
    if (roster !== undefined || args.values['new-plan']) await backend.call('assignment-plan', { limit: 1 });
    const target = path.resolve(io.cwd, out);
    const result =
      plan === 'reps'
        ? await backend.call('export-assignments', { out: target, format, perRep: Boolean(args.values['per-rep']) })
        : await backend.call('export-territories', { out: target, format });
    const summary = await backend.call('assignment-get', { planId: result.planId, limit: 1 });
    // A plan holds one analysis's actions: exported after a newer run, the lists are the old run's.
    const [latest] = await backend.call('analysis-runs', {});
    if (latest && latest.runId !== summary.runId) {
      io.err(
        `Warning: plan ${result.planId} was made from analysis ${summary.runId}, and the latest analysis is ${latest.runId}: these lists hold analysis ${summary.runId}'s actions. Add --new-plan to plan the latest analysis (manager overrides carry over).`,
      );
    }
    // As the Assignment screen says it: the roster was saved or imported after this plan was made.
    if (summary.rosterChanged) {
      io.err(
        `Warning: plan ${result.planId} was made before the roster was last saved: these lists give accounts to the earlier roster's reps. Add --new-plan to plan with the roster as it is now.`,
      );
    }
    // As the About sheet and the Assignment screen say it: a roster of territories the data does not have.
    const rosterWarning = rosterCoverageWarning(rosterCoverage(summary.reps, summary.territories, summary.settings.unknownKindAs));
    if (rosterWarning) io.err(`Warning: ${rosterWarning}`);
    if (args.values.json) {
      io.out(JSON.stringify(result));
      return 0;
    }
    const t = summary.totals;
    io.out(
      [
        `Wrote ${result.files.length === 1 ? result.files[0] : `${result.files.length} files in ${path.dirname(result.files[0] ?? target)}`} (${formatCount(result.rows)} rows).`,
        `Plan ${result.planId}: ${formatCount(t.accounts)} accounts with actions worth ${formatMoney(t.expectedRevenue, summary.currency)}; ` +
          `${formatCount(t.kept)} kept by strategic reps, ${formatCount(t.assigned)} assigned, ${formatCount(t.overridden)} overridden, ${formatCount(t.unassigned)} unassigned${t.unassignedStrategic ? ` (${formatCount(t.unassignedStrategic)} of them strategic with no rep in the data, for senior reps)` : ''}.`,
        // As the Assignment screen says it: an all-unassigned list is no plan, and the user should know why.
        ...(t.accounts === 0
          ? ['No actions to plan: this analysis found no recovery or growth actions, so the lists are empty. Analyse again with other settings, or import more history, to find some.']
          : summary.reps.length === 0
          ? [
              `No reps to plan with: every one of the ${formatCount(t.accounts)} accounts with actions stays unassigned. Give a roster (--roster FILE with Rep, Kind, Territory and Capacity columns) or import data with a rep column, then export again.`,
            ]
          : []),
      ].join('\n'),
    );
    return 0;
  },
};

import fs from 'node:fs';
import path from 'node:path';
import { rosterCoverage, rosterCoverageWarning } from '../../../shared/analytics/assignment-loads';
import { contract } from '../../../shared/contract';
import { AppError, isAppError } from '../../../shared/contract/errors';
import { formatCount } from '../../../shared/format/numbers';
import type { Action, CustomerResult } from '../../../shared/model/results';
import { outputError } from '../../backend/db/errors';
import { moveWorkspaceFiles, removeWorkspaceFiles } from '../../backend/workspace/files';
import { forgetRecent } from '../../backend/workspace/recent';
import type { CliIO, Command } from '../command';
import { clientNameOf, readingArgs, readingHelp, readingOptions } from '../import-options';
import { checkOptions, optionsByField } from '../option-errors';
import { describeSummary, progressPrinter, settingsFromArgs, settingsHelp, settingsOptions } from './analyze';

const PAGE = 50_000;

async function allActions(io: CliIO, runId: number): Promise<Action[]> {
  const rows: Action[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await io.backend.call('analysis-actions', { runId, sort: 'priority', dir: 'desc', offset, limit: PAGE });
    rows.push(...page.rows);
    if (page.rows.length < PAGE) return rows;
  }
}

async function allCustomers(io: CliIO, runId: number): Promise<CustomerResult[]> {
  const rows: CustomerResult[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await io.backend.call('analysis-customers', { runId, sort: 'revenue12m', dir: 'desc', offset, limit: PAGE });
    rows.push(...page.rows);
    if (page.rows.length < PAGE) return rows;
  }
}

/** Who calls each customer under the plan, by customer id (null: unassigned). */
async function assignedReps(io: CliIO, planId: number): Promise<Map<string, string | null>> {
  const reps = new Map<string, string | null>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await io.backend.call('assignment-get', { planId, offset, limit: PAGE });
    for (const a of page.accounts) reps.set(a.customerCode, a.rep);
    if (page.accounts.length < PAGE) return reps;
  }
}

/**
 * Where the run imports. A given workspace is opened, or created (and removed again if the import
 * fails). The default one in <out> is the run's own and is rebuilt; the one a run before left is
 * kept aside until the import has succeeded, so a failed run leaves it as it was.
 */
type Target = { workspace: string; created: boolean; previous: string | null; clientName: string };

async function prepareWorkspace(io: CliIO, clientName: string, given: string | undefined, outDir: string, currency: string | undefined): Promise<Target> {
  if (given) {
    const target = path.resolve(io.cwd, given);
    if (fs.existsSync(target)) {
      const opened = await io.backend.call('workspace-open', { path: target });
      return { workspace: target, created: false, previous: null, clientName: opened.clientName };
    }
    await io.backend.call('workspace-create', { path: target, clientName, currency });
    return { workspace: target, created: true, previous: null, clientName };
  }
  const workspace = path.join(outDir, 'workspace.longtail');
  let previous: string | null = null;
  if (fs.existsSync(workspace)) {
    previous = `${workspace}.previous`;
    moveWorkspaceFiles(workspace, previous);
  }
  try {
    await io.backend.call('workspace-create', { path: workspace, clientName, currency, overwrite: true });
  } catch (e) {
    if (previous) moveWorkspaceFiles(previous, workspace);
    throw e;
  }
  return { workspace, created: true, previous, clientName };
}

/** The import failed: a workspace this run made is removed, and the one that was there before is back. */
async function discard(io: CliIO, t: Target): Promise<void> {
  if (!t.created) return;
  await io.backend.call('workspace-close', {});
  removeWorkspaceFiles(t.workspace);
  if (t.previous) moveWorkspaceFiles(t.previous, t.workspace);
  else forgetRecent(io.backend.session, t.workspace);
}

export const runCommand: Command = {
  usage: 'longtail run FILE --out DIR [--workspace FILE] [--client NAME] [--roster FILE] [--currency USD] [--sheet NAME] [--map field=Column ...] [--date-format F] [--shape S] [settings] [--json]',
  help: `
Options:
  --out, -o DIR               Folder for the results (created if missing)
  --workspace, -w FILE        Import into this workspace (created if missing) instead of DIR/workspace.longtail
  --client NAME               Client name for the workspace the run makes, as in the report title, Portfolio
                              and the workbooks [the data file's name without its extensions:
                              online_retail for online_retail.csv.gz]; an existing --workspace keeps its own
  --roster FILE               Import this rep roster (CSV/XLSX with Rep, Kind, Territory, Capacity) before
                              planning assignments.xlsx [the workspace's roster: the reps the data names,
                              of unknown kind, planned as outside reps at the default capacity]
  --currency CODE             Currency of the amounts, e.g. GBP [read from the file: a currency
                              column, symbols or codes in the amounts, the customers' country;
                              else this computer's region]
  --json                      Print the run summary and written files as JSON

Reading the file (as longtail import reads it):
${readingHelp}
${settingsHelp}
Writes:
  actions.csv     one row per action: customer_id, customer_name, action, category, expected_revenue,
                  priority, reason, current_rep, territory, tier, profile, action_id, expected_low, expected_high,
                  chance, call_value, assigned_rep
                  expected_low, expected_high: a growth action's likely range of expected_revenue, the same
                    estimate at the peers' lower and upper quartile, so weighted like it by the share of
                    peers that buy the category; its reason quotes it as "likely range" (its "middle half
                    of peers" is their spend at the customer's size before that weighting); empty for recovery
                  chance: recovery, the chance of the slide; growth, the share of peers that buy the category
                  call_value: the list's order value (recovery)
                  current_rep: the rep the data names; assigned_rep: who calls it in assignments.xlsx
  customers.csv   customer_id, customer_name, tier, profile, revenue_12m, categories_bought, p_alive
                  (empty where the BG/NBD fit is degenerate), at_risk_revenue, growth_revenue, current_rep,
                  territory, profile_label, assigned_rep
  profiles.csv    profile, label, customers, best_customers, revenue, share_<category>..., penetration_<category>...
  summary.json    settings, as_of, revenue_12m, leakage, k, quality per k (silhouette, stability;
                  at the suggested k, reference: a cloud with no groups), structure (clear / weak /
                  none), product_level (which level and why, non-product
                  lines left out), counts, timings
  assignments.xlsx  the assignment plan for the run's actions

Examples:
  longtail run sales-2025.csv --out results/
  longtail run export.csv --out results/ --map customer=Kundennummer --map revenue="Umsatz netto"
  longtail run wholesale.csv --out out/ --k 3 --json
`,
  allowPositionals: true,
  options: {
    out: { type: 'string', short: 'o' },
    workspace: { type: 'string', short: 'w' },
    client: { type: 'string' },
    roster: { type: 'string' },
    currency: { type: 'string' },
    json: { type: 'boolean' },
    ...readingOptions,
    ...settingsOptions,
  },
  async run(args, io) {
    const [file, ...extra] = args.positionals;
    const out = args.values.out;
    if (!file || extra.length || typeof out !== 'string') {
      throw new AppError('INVALID_INPUT', 'Give one data file and the output folder: longtail run FILE --out DIR.');
    }
    const source = path.resolve(io.cwd, file);
    if (!fs.existsSync(source)) throw new AppError('FILE_NOT_FOUND', `No file at ${source}. Check the path.`, { path: source });
    const roster = typeof args.values.roster === 'string' ? path.resolve(io.cwd, args.values.roster) : null;
    if (roster !== null && !fs.existsSync(roster)) throw new AppError('FILE_NOT_FOUND', `No roster file at ${roster}. Check the --roster path.`, { path: roster });
    // Read before anything is created, so a wrong option leaves no folder or workspace behind.
    const settings = settingsFromArgs(args);
    const reading = readingArgs(args.values);
    const client = typeof args.values.client === 'string' ? args.values.client : undefined;
    const clientName = client ?? clientNameOf(source);
    // The name is checked as the workspace will take it, before the folder or workspace is made.
    checkOptions(contract['workspace-create'].input, { path: source, clientName }, optionsByField({ clientName: { flag: 'client', given: client } }));
    const outDir = path.resolve(io.cwd, out);
    const madeOut = !fs.existsSync(outDir);
    if (!madeOut && !fs.statSync(outDir).isDirectory()) {
      throw new AppError('FILE_NOT_FOUND', `--out ${out}: ${outDir} is a file, not a folder. Give a folder for the outputs.`, { flag: 'out', path: outDir });
    }
    try {
      fs.mkdirSync(outDir, { recursive: true });
    } catch (e) {
      throw outputError(e, outDir);
    }
    // A run that fails before writing anything leaves no folder it made behind.
    const dropOut = (): void => {
      if (madeOut && fs.existsSync(outDir) && fs.readdirSync(outDir).length === 0) fs.rmdirSync(outDir);
    };
    const currency = typeof args.values.currency === 'string' ? args.values.currency.toUpperCase() : undefined;
    const given = typeof args.values.workspace === 'string' ? args.values.workspace : undefined;
    const target = await prepareWorkspace(io, clientName, given, outDir, currency).catch((e: unknown) => {
      dropOut();
      throw e;
    });
    const { workspace } = target;
    const notes: string[] = [];
    if (client !== undefined && target.clientName !== client) notes.push(`--client was not used: ${workspace} already existed, and keeps its client name '${target.clientName}'.`);
    try {
      const imported = await io.backend.call('import-run', { path: source, currency, ...reading }, { onProgress: progressPrinter(io) });
      notes.push(`Imported ${formatCount(imported.rowsImported)} rows (${formatCount(imported.rowsRejected)} rejected) from ${imported.file}.`);
      if (imported.currency) notes.push(`Currency ${imported.currency.code}: ${imported.currency.reason}.`);
    } catch (e) {
      // Re-running into the same workspace: the data is already there, so analyse it as it is.
      if (!(isAppError(e) && e.code === 'IMPORT_DUPLICATE_FILE')) {
        await discard(io, target);
        dropOut();
        throw e;
      }
      notes.push(`${path.basename(source)} was already imported into ${workspace}; analysing the data as it is.`);
    }
    const summary = await io.backend.call('analysis-run', { settings }, { onProgress: progressPrinter(io) }).catch(async (e: unknown) => {
      // Ctrl-C: the run leaves nothing it made, and the workspace that was there before is back, as after a failed import.
      if (isAppError(e) && e.code === 'CANCELLED') {
        await discard(io, target);
        dropOut();
      } else if (target.previous) removeWorkspaceFiles(target.previous);
      throw e;
    });
    if (target.previous) removeWorkspaceFiles(target.previous);
    if (roster !== null) {
      const r = await io.backend.call('roster-import', { path: roster });
      notes.push(`Roster: ${r.read} reps read (${r.created} new, ${r.updated} updated).`, ...r.warnings);
    }
    // Planned before the CSVs are written, so they can name who calls each customer.
    let planId: number | null = null;
    try {
      const plan = await io.backend.call('assignment-plan', { runId: summary.runId, limit: 1 });
      planId = plan.planId;
      // As export, the About sheet and the Assignment screen say it: a roster of territories the data does not have.
      const rosterWarning = rosterCoverageWarning(rosterCoverage(plan.reps, plan.territories, plan.settings.unknownKindAs));
      if (rosterWarning) notes.push(`Warning: ${rosterWarning}`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      notes.push(`No assignments.xlsx: ${e.message}`);
    }
    const { writeRunFiles } = await import('../../backend/analysis/export-files');
    const assigned = planId === null ? new Map<string, string | null>() : await assignedReps(io, planId);
    const files: Record<string, string> = { ...writeRunFiles(outDir, summary, await allCustomers(io, summary.runId), await allActions(io, summary.runId), assigned) };
    if (planId !== null) {
      const written = await io.backend.call('export-assignments', { out: path.join(outDir, 'assignments.xlsx'), format: 'xlsx', planId });
      files.assignments = written.files.join(', ');
    }
    if (args.values.json) io.out(JSON.stringify({ workspace, files, notes, summary }));
    else {
      io.out([...notes, describeSummary(summary), `Wrote ${Object.values(files).join(', ')}`].join('\n'));
    }
    return 0;
  },
};

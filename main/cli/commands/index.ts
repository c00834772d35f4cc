import type { Command } from '../command';

/**
 * Every `longtail` command, in the order --help lists them. Each command's module (and what it
 * imports, e.g. the contract's zod schemas) loads only when that command runs or shows its help,
 * so `longtail --help` starts in about the time Node itself does.
 */
export type CommandEntry = { name: string; summary: string; load: () => Promise<Command> };

export const commands: CommandEntry[] = [
  { name: 'import', summary: 'Import a CSV or Excel file of sales (or a spend table, or a product master) into a workspace.', load: async () => (await import('./import')).importCommand },
  { name: 'analyze', summary: 'Analyse a workspace: tiers, profiles, recovery and growth actions, leakage; stored as a run.', load: async () => (await import('./analyze')).analyzeCommand },
  { name: 'backtest', summary: 'Replay recovery as of an earlier date and compare its flags and money with what happened next, beside naive rules.', load: async () => (await import('./backtest')).backtestCommand },
  { name: 'run', summary: 'Import a file, analyse it and write actions.csv, customers.csv, profiles.csv, summary.json and assignments.xlsx.', load: async () => (await import('./run')).runCommand },
  { name: 'serve', summary: 'Open the workbench in a browser: serves the UI and the backend on 127.0.0.1 with a one-time token.', load: async () => (await import('./serve')).serveCommand },
  { name: 'report', summary: 'Write the client report: one self-contained HTML file with figures, charts, method and settings.', load: async () => (await import('./report')).reportCommand },
  { name: 'benchmark', summary: 'Compare clients side by side: revenue, long tail, leakage against the 7-30% band and each other.', load: async () => (await import('./benchmark')).benchmarkCommand },
  { name: 'export', summary: 'Write who calls whom: rep call lists (assignments.xlsx / CSV) or the territory plan.', load: async () => (await import('./export')).exportCommand },
  { name: 'sql', summary: "Print the query that sums a warehouse's invoice lines into the cube Longtail imports.", load: async () => (await import('./sql')).sqlCommand },
];

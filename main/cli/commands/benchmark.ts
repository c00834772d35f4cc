import fs from 'node:fs';
import path from 'node:path';
import { contract } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import type { Portfolio, PortfolioRow } from '../../../shared/contract/report';
import { leakageShareCoverage } from '../../backend/report/portfolio';
import { GROWTH_ALONE, TOO_SHORT } from '../../../shared/format/band-words';
import { formatMoney, formatShare } from '../../../shared/format/numbers';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import type { Command } from '../command';
import { checkOptions, optionsByField } from '../option-errors';
import { outputFile } from '../output-file';

/** Where a client's leakage share stands among the others: at either end in words, else the share it is above. */
const standing = (pct: number | null): string => {
  if (pct === null) return '';
  if (pct === 1) return ', the highest of the clients compared';
  if (pct === 0) return ', the lowest of the clients compared';
  return `, above ${formatShare(pct, 0)} of the other clients`;
};

const line = (r: PortfolioRow): string => {
  if (r.status !== 'ok') return `${r.label}: ${r.problem ?? r.status}`;
  return [
    `${r.label}:`,
    `revenue 12m ${formatMoney(r.revenue12m ?? 0, r.currency)},`,
    `leakage ${formatMoney(r.leakage ?? 0, r.currency)} = ${formatShare(r.leakageShare ?? 0)} (${
      r.growthOnly
        ? `${GROWTH_ALONE}: a spend table, so set against neither the 7-30% band nor the other clients`
        : r.band === null
          ? `${TOO_SHORT}, so set against neither the 7-30% band nor the other clients`
          : `${r.band} the 7-30% band${standing(r.percentile.leakageShare)}${r.currency === PURCHASE_UNITS ? '; purchase counts, not money: a share of purchases, set beside revenue shares only as a rough guide' : ''}`
    })`,
  ].join(' ');
};

/**
 * The leakage share's spread and the clients it leaves out, by name: "ranges 11.6%-11.6%" had
 * stood for one client, and a spend table left out went unsaid.
 */
export function spreadLines(portfolio: Portfolio): string[] {
  const range = portfolio.leakageShareRange;
  const { compared, leftOut } = leakageShareCoverage(portfolio);
  const spread = !range
    ? []
    : compared.length === 1
      ? [`Leakage share: one client is set against the band, ${compared[0].label}, at ${formatShare(range.min)}.`]
      : [`Leakage share ranges ${formatShare(range.min)}-${formatShare(range.max)} (median ${formatShare(range.median)}) across the ${compared.length} clients set against the band.`];
  const left = leftOut.length ? [`Left out of the leakage share's spread and ranking: ${leftOut.map((l) => `${l.row.label} (${l.why})`).join('; ')}.`] : [];
  return [...spread, ...left];
}

/**
 * The workspaces named on the command line, each of which must be there: a mistyped path had come
 * out as one more row saying it could not be read, beside a comparison written as if complete.
 */
function namedWorkspaces(cwd: string, given: string[]): string[] {
  const files = given.map((p) => path.resolve(cwd, p));
  const folder = given.find((_, i) => fs.existsSync(files[i]) && fs.statSync(files[i]).isDirectory());
  if (folder !== undefined) {
    throw new AppError('INVALID_INPUT', `${folder} is a folder: give --folder ${folder} to compare every workspace in it.`, { path: path.resolve(cwd, folder) });
  }
  const missing = given.filter((_, i) => !fs.existsSync(files[i]));
  if (missing.length > 0) {
    const which = missing.length === 1 ? `No workspace file at ${missing[0]}` : `No workspace files at ${missing.join(', ')}`;
    throw new AppError('WORKSPACE_NOT_FOUND', `${which}: check the ${missing.length === 1 ? 'path' : 'paths'}. Nothing was compared or written.`, {
      paths: missing.map((m) => path.resolve(cwd, m)),
    });
  }
  return files;
}

export const benchmarkCommand: Command = {
  usage: 'longtail benchmark <workspace>... --out comparison.xlsx|.csv [--folder DIR] [--anonymise] [--backtest] [--json]',
  help: `
Options:
  --out, -o FILE     comparison.xlsx or comparison.csv (the extension picks the format), in a folder that exists
  --folder DIR       Also compare every *.longtail file in this folder
  --anonymise        Show clients as Client A, B, ... and leave out every client and customer name
  --backtest         Run a backtest per client as of 180 days before its last sale, watched for the
                     180 days after: precision, recall, loss captured, growth take-up (slower; left
                     blank where too few customers slid to judge; the client's own last backtest is kept)
  --json             Print the comparison as JSON

Every workspace named must exist (nothing is written otherwise). With no workspace and no --folder,
the recently opened workspaces are compared.
Clients are listed highest leakage share first.

Examples:
  longtail benchmark acme.longtail bravo.longtail --out comparison.xlsx
  longtail benchmark --folder clients/ --out comparison.csv --anonymise
`,
  allowPositionals: true,
  options: {
    out: { type: 'string', short: 'o' },
    folder: { type: 'string' },
    anonymise: { type: 'boolean' },
    anonymize: { type: 'boolean' },
    backtest: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const out = args.values.out as string | undefined;
    if (!out) throw new AppError('INVALID_INPUT', 'Give --out comparison.xlsx or --out comparison.csv.');
    checkOptions(contract['benchmark-export'].input, { out }, optionsByField({ out: { flag: 'out', given: out } }));
    const folder = args.values.folder as string | undefined;
    const set = {
      ...(args.positionals.length ? { paths: namedWorkspaces(io.cwd, args.positionals) } : {}),
      ...(folder ? { folder: path.resolve(io.cwd, folder) } : {}),
      anonymise: Boolean(args.values.anonymise || args.values.anonymize),
      backtest: Boolean(args.values.backtest),
    };
    const written = await io.backend.call('benchmark-export', { ...set, out: outputFile(io.cwd, 'out', out) });
    if (args.values.json) {
      io.out(JSON.stringify(written));
      return 0;
    }
    const portfolio = written.portfolio;
    for (const row of portfolio.rows) (row.status === 'ok' ? io.out : io.err)(line(row));
    if (portfolio.currencies) {
      const words = portfolio.currencies.map((c) => (c === PURCHASE_UNITS ? 'purchase counts (units)' : c));
      io.out(`Clients count in ${words.join(' and ')}: amounts are not converted, so revenue is not ranked across them; compare their shares.`);
    }
    for (const text of spreadLines(portfolio)) io.out(text);
    io.out(`Wrote ${written.path} (${written.rows} client${written.rows === 1 ? '' : 's'}).`);
    // Nothing compared is a failed comparison, whatever the file says.
    if (!portfolio.rows.some((r) => r.status === 'ok')) {
      io.err(`${portfolio.rows.length === 1 ? 'The workspace given could not be compared' : `None of the ${portfolio.rows.length} workspaces given could be compared`} (${portfolio.rows.length === 1 ? 'the line above says' : 'each line above says'} why).`);
      return 1;
    }
    return 0;
  },
};

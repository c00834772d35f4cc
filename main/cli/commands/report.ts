import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { formatCount } from '../../../shared/format/numbers';
import type { Command } from '../command';

const parseCount = (raw: string | undefined, flag: string, fallback: number): number => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new AppError('INVALID_INPUT', `${flag} ${raw} is not a whole number above 0.`);
  return n;
};

export const reportCommand: Command = {
  usage: 'longtail report --workspace FILE --out report.html [--anonymise] [--top N] [--run ID] [--json]',
  help: `
Options:
  --workspace, -w FILE  The client's workspace (analysed first with longtail analyze)
  --out, -o FILE     Where to write the report (.html); overwritten if it exists
  --anonymise        Replace client, customer, rep and file names with stand-ins
  --top N            How many actions to list (default 25)
  --run ID           Report an earlier analysis run (default: the latest)
  --json             Print the result as JSON

The report opens offline in any browser and prints to PDF; it states the as-of date, the data's
hash, the settings and the Longtail version so the figures can be reproduced.

Examples:
  longtail report --workspace acme.longtail --out acme-report.html
  longtail report -w acme.longtail -o client-a.html --anonymise
`,
  options: {
    workspace: { type: 'string', short: 'w' },
    out: { type: 'string', short: 'o' },
    anonymise: { type: 'boolean' },
    anonymize: { type: 'boolean' },
    top: { type: 'string' },
    run: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const workspace = args.values.workspace as string | undefined;
    const out = args.values.out as string | undefined;
    if (!workspace || !out) {
      throw new AppError('INVALID_INPUT', 'Give both --workspace FILE and --out report.html.');
    }
    // The command line writes HTML (the desktop app's File > Report... saves a PDF): report.pdf had held HTML.
    if (!/\.html?$/i.test(out)) throw new AppError('INVALID_INPUT', `--out ${out}: the report is an HTML file, so name it .html (print it from a browser for a PDF).`);
    const result = await io.backend.call('report-build', {
      workspace: path.resolve(io.cwd, workspace),
      out: path.resolve(io.cwd, out),
      anonymise: Boolean(args.values.anonymise || args.values.anonymize),
      topActions: parseCount(args.values.top as string | undefined, '--top', 25),
      ...(args.values.run !== undefined ? { runId: parseCount(args.values.run as string, '--run', 1) } : {}),
    });
    if (args.values.json) io.out(JSON.stringify(result));
    else io.out(`Wrote ${result.path} (${formatCount(result.bytes)} bytes): as of ${result.asOf}, data hash ${result.dataHash}, Longtail ${result.version}.`);
    return 0;
  },
};

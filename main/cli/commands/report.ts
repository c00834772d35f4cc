import path from 'node:path';
import { contract } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatCount } from '../../../shared/format/numbers';
import type { Command } from '../command';
import { checkOptions, numberOption, optionsByField } from '../option-errors';
import { outputFile } from '../output-file';

const runNumber = (raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new AppError('INVALID_INPUT', `--run ${raw} is not a whole number above 0.`, { flag: 'run', value: raw });
  return n;
};

// Read from the schema, so the help and the check never disagree.
const topRange = contract['report-build'].input.shape.topActions.unwrap();

export const reportCommand: Command = {
  usage: 'longtail report --workspace FILE --out report.html [--anonymise] [--top N] [--run ID] [--json]',
  help: `
Options:
  --workspace, -w FILE  The client's workspace (analysed first with longtail analyze)
  --out, -o FILE     Where to write the report (.html), in a folder that exists; overwritten if it exists
  --anonymise        Replace client, customer, rep and file names with stand-ins
  --top N            How many actions to list, ${topRange.minValue} to ${topRange.maxValue} (default 25)
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
    const top = args.values.top as string | undefined;
    const numbers = {
      ...(top !== undefined ? { topActions: numberOption(top, 'top') } : {}),
      ...(args.values.run !== undefined ? { runId: runNumber(String(args.values.run)) } : {}),
    };
    const request = { workspace: path.resolve(io.cwd, workspace), anonymise: Boolean(args.values.anonymise || args.values.anonymize), ...numbers };
    checkOptions(contract['report-build'].input, { ...request, out }, optionsByField({ topActions: { flag: 'top', given: top, unit: 'actions' } }));
    const result = await io.backend.call('report-build', { ...request, out: outputFile(io.cwd, 'out', out) });
    if (args.values.json) io.out(JSON.stringify(result));
    else io.out(`Wrote ${result.path} (${formatCount(result.bytes)} bytes): as of ${result.asOf}, data hash ${result.dataHash}, Longtail ${result.version}.`);
    return 0;
  },
};

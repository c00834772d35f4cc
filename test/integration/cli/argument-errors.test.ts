import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { SETTINGS } from '../../../shared/contract/settings-meta';
import { runCommand, type CliResult } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/import/basic.csv');
const NOW = new Date('2026-01-15T09:00:00Z');
// Handler names and request paths a user never typed: none may reach a message.
const INTERNAL_WORDS = /analysis-run|analysis-backtest|benchmark-export|report-build|import-run|workspace-create|Invalid input for|settings\.|horizonDays|topActions/;

let t: ReturnType<typeof tempDir>;
let backend: Backend;
const longtail = (...args: string[]): Promise<CliResult> => runCommand(args, backend, t.dir);

beforeAll(async () => {
  t = tempDir();
  backend = new Backend({ appDataDir: path.join(t.dir, 'app-data'), now: () => NOW });
  const imported = await longtail('import', fixture, '-w', 'client.longtail');
  expect(imported.code).toBe(0);
});
afterAll(() => {
  backend.close();
  t.cleanup();
});

describe('a settings flag out of range', () => {
  it('is named with its bound and the value given: analyze --horizon 5 must be at least 30 days', async () => {
    const r = await longtail('analyze', '-w', 'client.longtail', '--horizon', '5');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail analyze: --horizon must be at least 30 days (got 5). [INVALID_INPUT]');
  });

  it.each(SETTINGS.filter((m) => m.min !== null))('is refused by --$flag below its lowest value, before anything is analysed', async (m) => {
    const below = String((m.min ?? 0) - 1);
    const r = await longtail('analyze', '-w', 'client.longtail', `--${m.flag}=${below}`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^longtail analyze: --${m.flag} must be (at least|above) ${m.min}\\b.*\\(got ${below}[);]`));
    expect(r.err).not.toMatch(INTERNAL_WORDS);
    expect(await backend.call('analysis-runs', {})).toEqual([]);
  });

  it.each(SETTINGS.filter((m) => m.max !== null))('is refused by --$flag above its highest value', async (m) => {
    const above = String((m.max ?? 0) + 1);
    const r = await longtail('analyze', '-w', 'client.longtail', '--k-max', '15', `--${m.flag}`, above);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`--${m.flag} must be at most ${m.max}`);
    expect(r.err).toContain(`(got ${above}`);
  });

  it('says a whole number is needed, and reads a share typed as a percentage as one', async () => {
    expect((await longtail('analyze', '-w', 'client.longtail', '--seed', '1.5')).err).toBe('longtail analyze: --seed must be a whole number (got 1.5). [INVALID_INPUT]');
    expect((await longtail('analyze', '-w', 'client.longtail', '--strategic-share', '80')).err).toBe(
      'longtail analyze: --strategic-share must be at most 0.99 (got 80; it is a share, so 80% is 0.8). [INVALID_INPUT]',
    );
  });

  it('states a rule between two flags in flags: --k 3 with --k-min 5', async () => {
    const r = await longtail('analyze', '-w', 'client.longtail', '--k', '3', '--k-min', '5');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail analyze: --k 3 is outside the range tried, 5 to 12: widen --k-min or --k-max to take it. [INVALID_INPUT]');
  });

  it('is refused the same way by backtest, which had failed as an internal error (exit 3)', async () => {
    const r = await longtail('backtest', '-w', 'client.longtail', '--lateness', '0');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail backtest: --lateness must be at least 1 cycle (got 0). [INVALID_INPUT]');
    const date = await longtail('backtest', '-w', 'client.longtail', '--as-of', '2011-02-30');
    expect(date.code).toBe(1);
    expect(date.err).toMatch(/^longtail backtest: --as-of 2011-02-30: must be a real date/);
  });

  it('is refused by run before it imports anything', async () => {
    const r = await longtail('run', fixture, '--out', 'results', '--min-peers', '1');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail run: --min-peers must be at least 2 peers (got 1). [INVALID_INPUT]');
    expect(fs.existsSync(path.join(t.dir, 'results', 'workspace.longtail'))).toBe(false);
  });

  it('comes out as JSON with its stable code under --json', async () => {
    const r = await longtail('analyze', '-w', 'client.longtail', '--horizon', '5', '--json');
    expect(JSON.parse(r.err)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '--horizon must be at least 30 days (got 5).', details: { flag: 'horizon', value: '5' } } });
  });
});

describe('a negative number after an option', () => {
  it('is read as that option’s value: report --top -3 says what --top=-3 says', async () => {
    const spaced = await longtail('report', '-w', 'client.longtail', '--out', 'r.html', '--top', '-3');
    const joined = await longtail('report', '-w', 'client.longtail', '--out', 'r.html', '--top=-3');
    expect(spaced).toEqual(joined);
    expect(spaced.code).toBe(1);
    expect(spaced.err).toBe('longtail report: --top must be at least 1 action (got -3). [INVALID_INPUT]');
  });

  it('is read by a short option and by any command: -o -3 and import --max-amount -5', async () => {
    expect((await longtail('analyze', '-w', 'client.longtail', '--lateness', '-1')).err).toBe('longtail analyze: --lateness must be at least 1 cycle (got -1). [INVALID_INPUT]');
    expect((await longtail('report', '-w', 'client.longtail', '-o', '-3')).err).toMatch(/^longtail report: --out -3: the report is an HTML file/);
    const r = await longtail('import', fixture, '-w', 'new.longtail', '--max-amount', '-5');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail import: --max-amount must be above 0 (got -5). [INVALID_INPUT]');
    expect(fs.existsSync(path.join(t.dir, 'new.longtail'))).toBe(false);
  });

  it('gives report --top its upper bound too', async () => {
    const r = await longtail('report', '-w', 'client.longtail', '--out', 'r.html', '--top', '900');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail report: --top must be at most 500 actions (got 900). [INVALID_INPUT]');
  });
});

describe('an output file', () => {
  it('for benchmark names --out and the extensions it takes', async () => {
    const r = await longtail('benchmark', 'client.longtail', '--out', 'b.pdf');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail benchmark: --out b.pdf: the output file must end in .xlsx or .csv. [INVALID_INPUT]');
  });

  it.each([
    ['report', '-w', 'client.longtail', '--out', 'missing/dir/r.html'],
    ['benchmark', 'client.longtail', '--out', 'missing/dir/b.xlsx'],
    ['sql', '--dialect', 'duckdb', '--table', 'lines', '--out', 'missing/dir/cube.sql'],
  ])('in a folder that does not exist is refused, and the folder is not made: %s', async (...args) => {
    const r = await longtail(...args);
    expect(r.code).toBe(1);
    const given = args[args.length - 1];
    expect(r.err).toBe(`longtail ${args[0]}: --out ${given}: the folder ${path.join(t.dir, 'missing', 'dir')} does not exist. Create it first, or give a file in a folder that exists. [FILE_NOT_FOUND]`);
    expect(fs.existsSync(path.join(t.dir, 'missing'))).toBe(false);
  });

  it('for import --rejects-out in a missing folder is refused before the file is imported', async () => {
    const r = await longtail('import', fixture, '-w', 'other.longtail', '--rejects-out', 'missing/rejects.csv');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^longtail import: --rejects-out missing\/rejects\.csv: the folder .*missing does not exist\./);
    expect(fs.existsSync(path.join(t.dir, 'other.longtail'))).toBe(false);
  });
});

describe('benchmark given a workspace that is not there', () => {
  it('names it and writes nothing, even beside one that is', async () => {
    const alone = await longtail('benchmark', 'nonexist.longtail', '--out', 'x.xlsx');
    expect(alone.code).toBe(1);
    expect(alone.err).toBe('longtail benchmark: No workspace file at nonexist.longtail: check the path. Nothing was compared or written. [WORKSPACE_NOT_FOUND]');
    const mixed = await longtail('benchmark', 'nonexist.longtail', 'client.longtail', 'typo.longtail', '--out', 'x.xlsx');
    expect(mixed.code).toBe(1);
    expect(mixed.err).toContain('No workspace files at nonexist.longtail, typo.longtail: check the paths.');
    expect(fs.existsSync(path.join(t.dir, 'x.xlsx'))).toBe(false);
  });

  it('points a folder given as a workspace to --folder', async () => {
    fs.mkdirSync(path.join(t.dir, 'clients'));
    const r = await longtail('benchmark', 'clients', '--out', 'x.xlsx');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail benchmark: clients is a folder: give --folder clients to compare every workspace in it. [INVALID_INPUT]');
  });
});

describe('an import option', () => {
  it('names --currency for a code that is none, and leaves no new workspace behind', async () => {
    const r = await longtail('import', fixture, '-w', 'fresh.longtail', '--currency', 'euro');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail import: --currency euro: use a three-letter ISO currency code such as GBP. [INVALID_INPUT]');
    expect(fs.existsSync(path.join(t.dir, 'fresh.longtail'))).toBe(false);
  });

  it('names --max-unpacked-mb with its bound', async () => {
    const r = await longtail('import', fixture, '-w', 'client.longtail', '--max-unpacked-mb', '0', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail import: --max-unpacked-mb must be above 0 MB (got 0). [INVALID_INPUT]');
  });
});

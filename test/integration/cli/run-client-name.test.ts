import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/backend/db/open';
import { clientNameOf } from '../../../main/cli/import-options';
import { runInNewBackend, type CliResult } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { writeSampleCsv } from '../analysis/sample-csv';

let t: { dir: string; cleanup: () => void };
let gz: string;

beforeAll(() => {
  t = tempDir();
  const csv = path.join(t.dir, 'acme sales.csv');
  writeSampleCsv(csv, { seed: 4, customers: 120, categories: 6 });
  gz = path.join(t.dir, 'acme sales.csv.gz');
  fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(csv)));
});
afterAll(() => t.cleanup());

const cli = (args: string[]): Promise<CliResult> => runInNewBackend(args, t.dir, new Date('2026-01-15T09:00:00Z'));

/** The client name stored in a workspace file, as the report title, Portfolio and the workbooks read it. */
function storedClient(workspace: string): string | undefined {
  const db = openDatabase(workspace, { create: false });
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'client_name'").get() as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
}

describe("the client name a run's file gives", () => {
  it('drops the whole compressed extension: online_retail.csv.gz, .tsv.gz and .txt.gz read as the name alone', () => {
    expect(clientNameOf('/data/online_retail.csv.gz')).toBe('online_retail');
    expect(clientNameOf('exports/sales.TSV.GZ')).toBe('sales');
    expect(clientNameOf('ledger.txt.gz')).toBe('ledger');
    expect(clientNameOf('orders.xlsx')).toBe('orders');
  });

  it('keeps a dot that is part of the name, and a name that is all extension', () => {
    expect(clientNameOf('sales.2024.csv')).toBe('sales.2024');
    expect(clientNameOf('sales.2024.csv.gz')).toBe('sales.2024');
    expect(clientNameOf('.gz')).toBe('.gz');
  });
});

describe('longtail run --client', () => {
  it("names a gzipped file's client without '.csv' when no name is given", async () => {
    const r = await cli(['run', gz, '--out', 'plain', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(storedClient(path.join(t.dir, 'plain', 'workspace.longtail'))).toBe('acme sales');
  });

  it('names the client as given, as longtail import --client does', async () => {
    const r = await cli(['run', gz, '--out', 'named', '--client', 'Acme Foods', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(storedClient(path.join(t.dir, 'named', 'workspace.longtail'))).toBe('Acme Foods');
  });

  it('says an existing workspace keeps its own name rather than taking --client silently', async () => {
    const r = await cli(['run', gz, '--out', 'again', '-w', path.join('named', 'workspace.longtail'), '--client', 'Another Name', '--json']);
    expect(r.code, r.err).toBe(0);
    const { notes } = JSON.parse(r.out) as { notes: string[] };
    expect(notes).toContain(`--client was not used: ${path.join(t.dir, 'named', 'workspace.longtail')} already existed, and keeps its client name 'Acme Foods'.`);
    expect(storedClient(path.join(t.dir, 'named', 'workspace.longtail'))).toBe('Acme Foods');
  });

  it('refuses an empty --client by its flag before it makes the output folder', async () => {
    const r = await cli(['run', gz, '--out', 'unnamed', '--client', '']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail run: --client must not be empty. [INVALID_INPUT]');
    expect(fs.existsSync(path.join(t.dir, 'unnamed'))).toBe(false);
  });

  it('lists --client in its help with the default it takes', async () => {
    const r = await cli(['run', '--help']);
    expect(r.out).toMatch(/--client NAME\s+Client name for the workspace the run makes/);
    expect(r.out).toContain('online_retail for online_retail.csv.gz');
  });
});

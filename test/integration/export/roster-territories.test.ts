import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAccounts } from '../../../main/backend/assignment/store';
import type { AccountAssignment } from '../../../shared/contract/assignment';
import { runCommand, runInNewBackend } from '../../helpers/cli';
import { newWorkspace } from '../../helpers/workspace';

const ONLINE_RETAIL = path.resolve(__dirname, '../../../../shared/data/online_retail.csv.gz');
const SAMPLE_ROSTER = path.resolve(__dirname, '../../../resources/sample/roster.csv');

type Workspace = Awaited<ReturnType<typeof newWorkspace>>;
let w: Workspace;

/** Online Retail's lines for one customer in six: every country's kind of account, in a few seconds. */
function onlineRetailSlice(dir: string): string {
  const lines = zlib.gunzipSync(fs.readFileSync(ONLINE_RETAIL)).toString('utf8').split('\n');
  const header = lines[0].split(',');
  const customer = header.indexOf('CustomerID');
  const kept = lines.slice(1).filter((l) => {
    const id = Number(l.split(',').at(customer - header.length));
    return Number.isInteger(id) && id % 6 === 0;
  });
  const file = path.join(dir, 'online-retail-slice.csv');
  fs.writeFileSync(file, `${lines[0]}\n${kept.join('\n')}\n`);
  return file;
}

/** The roster file's rows as written, read apart from the app's roster reader. */
function rosterRows(file: string): { rep: string; kind: string; territory: string; capacity: number }[] {
  const [, ...rows] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  return rows.map((line) => {
    const [rep, kind, territory, capacity] = line.split(',');
    return { rep, kind, territory, capacity: Number(capacity) };
  });
}

/** The sample roster, its five regions and thirteen reps, at a tenth of the capacity: the slice holds a sixth of the accounts. */
function tenthRoster(dir: string): string {
  const [header, ...rows] = fs.readFileSync(SAMPLE_ROSTER, 'utf8').trim().split(/\r?\n/);
  const file = path.join(dir, 'roster-tenth.csv');
  fs.writeFileSync(file, [header, ...rows.map((l) => l.replace(/,(\d+)$/, (_, c: string) => `,${Math.ceil(Number(c) / 10)}`))].join('\n'));
  return file;
}

const aboutText = (file: string, what: string): unknown =>
  XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(fs.readFileSync(file)).Sheets.About).find((r) => r.What === what)?.Text;

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Online Retail slice', currency: 'GBP' });
  await w.backend.call('import-run', { path: onlineRetailSlice(w.dir) });
  await w.backend.call('analysis-run', { settings: {} });
}, 120_000);
afterAll(() => w.cleanup());

describe('a roster whose territories the data does not have', () => {
  let err = '';
  let accounts: AccountAssignment[] = [];
  let planId = 0;
  let rosterFile = '';

  beforeAll(async () => {
    rosterFile = tenthRoster(w.dir);
    const r = await runCommand(['export', '-w', w.file, '--roster', rosterFile, '--out', 'reps.xlsx'], w.backend, w.dir);
    expect(r.code).toBe(0);
    err = r.err;
    planId = (await w.backend.call('assignment-get', { limit: 1 })).planId;
    accounts = planAccounts(w.backend.session.db, planId);
  }, 60_000);

  it('warns on the command line that none of the roster territories has an account, naming them', () => {
    const names = [...new Set(rosterRows(rosterFile).map((r) => r.territory))].sort((x, y) => x.localeCompare(y));
    expect(names).toHaveLength(5);
    expect(accounts.some((a) => a.territory !== null && names.includes(a.territory))).toBe(false);
    expect(err).toContain(
      `Warning: The roster's territories match none of the data's: none of its 5 territories (${names.map((n) => `'${n}'`).join(', ')}) has an account in the data.`,
    );
  });

  it("names the data's largest territories without a rep, by accounts with actions, and how many there are", async () => {
    const perTerritory = new Map<string, number>();
    for (const a of accounts) if (a.territory !== null) perTerritory.set(a.territory, (perTerritory.get(a.territory) ?? 0) + 1);
    const summary = await w.backend.call('analysis-summary', {});
    const withRevenue = summary.leakage.by.territory.filter((t) => t.revenue12m > 0 && t.key !== '(none)').map((t) => t.key);
    const dataTerritories = new Set([...perTerritory.keys(), ...withRevenue]);
    const largest = [...perTerritory].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 3);
    expect(dataTerritories.size).toBeGreaterThan(3);
    const named = largest.map(([t, n]) => `${t} (${n.toLocaleString('en-US')} account${n === 1 ? '' : 's'})`).join(', ');
    expect(err).toContain(
      `${dataTerritories.size} of the data's ${dataTerritories.size} territories have no rep, the largest ${named} and ${dataTerritories.size - 3} more;`,
    );
  });

  it('counts the outside reps and seats that can take nothing, and the inside reps left only with the fallback', () => {
    const roster = rosterRows(rosterFile);
    const outside = roster.filter((r) => r.kind === 'outside');
    const inside = roster.filter((r) => r.kind === 'inside');
    const seats = outside.reduce((s, r) => s + r.capacity, 0);
    expect(err).toContain(
      `${outside.length} outside reps (${seats.toLocaleString('en-US')} seats) are in territories with no accounts and can take nothing; ${inside.length} inside reps there take only other territories' accounts.`,
    );
    for (const r of outside) expect(accounts.filter((a) => a.rep === r.rep)).toEqual([]);
    expect(err).toMatch(/Give the roster's Territory column the data's own territory names \(such as '[^']+'\), then plan again\./);
  });

  it("says so first on the About sheet of both workbooks, as the command line says it", async () => {
    const said = err.split('\n').find((l) => l.startsWith('Warning: The roster'))?.replace('Warning: ', '');
    expect(said).toBeDefined();
    expect(aboutText(path.join(w.dir, 'reps.xlsx'), 'Roster warning')).toBe(said);
    const r = await runCommand(['export', '-w', w.file, '--plan', 'territories', '--out', 'plan.xlsx'], w.backend, w.dir);
    expect(r.code).toBe(0);
    expect(aboutText(path.join(w.dir, 'plan.xlsx'), 'Roster warning')).toBe(said);
  });

  it('gives an account of a territory with no rep, whose fallback inside reps are full, that reason rather than "at capacity"', () => {
    const unplaced = accounts.filter((a) => a.status === 'unassigned' && a.tier !== 'strategic');
    expect(unplaced.length).toBeGreaterThan(0);
    for (const a of unplaced) {
      expect(a.reason).toContain(`no rep in ${a.territory}; the inside reps who take other territories' accounts are full`);
      expect(a.reason).not.toContain('every rep who could take it is at capacity');
    }
    // The fallback itself is as documented: every account placed went to an inside rep, who are all full.
    const inside = rosterRows(rosterFile).filter((r) => r.kind === 'inside');
    for (const rep of inside) expect(accounts.filter((a) => a.rep === rep.rep && a.status === 'assigned')).toHaveLength(rep.capacity);
  });
});

describe('a roster of which some territories are the data\'s', () => {
  it('names the roster territories the data does not have, a typo among them', async () => {
    const roster = path.join(w.dir, 'partial-roster.csv');
    fs.writeFileSync(
      roster,
      ['Rep,Kind,Territory,Capacity', 'Una Kay,outside,United Kingdom,20', 'Gerd Mann,inside,Germany,10', 'Nora Vale,outside,Nort Valley,30'].join('\n'),
    );
    // The sample roster's reps, imported before, stay in the roster: mark them inactive so the plan is this roster's.
    const inactive = path.join(w.dir, 'inactive.csv');
    fs.writeFileSync(inactive, ['Rep,Active', ...rosterRows(SAMPLE_ROSTER).map((r) => `${r.rep},no`)].join('\n'));
    expect((await runCommand(['export', '-w', w.file, '--roster', inactive, '--out', 'ignored.xlsx'], w.backend, w.dir)).code).toBe(0);
    const r = await runCommand(['export', '-w', w.file, '--roster', roster, '--out', 'partial.xlsx'], w.backend, w.dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain("2 of the roster's 3 territories occur in the data; not found there: 'Nort Valley'.");
    expect(r.err).toContain("1 outside rep (30 seats) is in territories with no accounts and can take nothing.");
    expect(r.err).not.toContain("'Germany'");
  });

  it('says nothing of territories when every roster territory is the data\'s', async () => {
    const roster = path.join(w.dir, 'fixed-roster.csv');
    fs.writeFileSync(roster, ['Rep,Kind,Territory,Capacity', 'Nora Vale,outside,United Kingdom,30'].join('\n'));
    const r = await runCommand(['export', '-w', w.file, '--roster', roster, '--out', 'fixed.xlsx'], w.backend, w.dir);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('occur in the data');
    expect(r.err).not.toContain("match none of the data's");
    expect(aboutText(path.join(w.dir, 'fixed.xlsx'), 'Roster warning')).toBeUndefined();
  });
});

describe('longtail run with a roster whose territories the data does not have', () => {
  it('says so among its notes, as export does', async () => {
    const r = await runInNewBackend(['run', onlineRetailSlice(w.dir), '--out', 'run-out', '--roster', SAMPLE_ROSTER, '--json'], w.dir, new Date('2026-01-15T09:00:00Z'));
    expect(r.code, r.err).toBe(0);
    const notes = (JSON.parse(r.out) as { notes: string[] }).notes;
    expect(notes.find((n) => n.startsWith('Warning: The roster'))).toMatch(/^Warning: The roster's territories match none of the data's: none of its 5 territories \('Coastal', 'High Plains', 'Lakes', 'Metro', 'North Valley'\) has an account in the data\./);
  }, 120_000);
});

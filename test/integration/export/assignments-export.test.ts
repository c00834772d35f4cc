import { moneyWords } from '../../../main/backend/export/about';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { planAccounts, planActionsByCustomer, planSummary } from '../../../main/backend/assignment/store';
import { HOSTILE_NAMES, sampleActions, sampleRoster, workspaceWithPlan } from './plan-fixture';
import { createPlan } from '../../../main/backend/assignment/store';
import { assignmentSettingsSchema } from '../../../shared/contract/assignment';
import { newWorkspace } from '../../helpers/workspace';

const SAMPLE = path.resolve(__dirname, '../../../resources/sample/distributor.csv');

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function setup(currency = 'USD') {
  const w = await workspaceWithPlan(currency);
  cleanups.push(w.cleanup);
  return w;
}

const readBook = (file: string) => XLSX.read(fs.readFileSync(file), { cellNF: true, cellStyles: true, dense: true });

/** The sheet XML as written, for what the SheetJS reader does not parse (frozen panes). */
function sheetXml(file: string, index: number): string {
  const cfb = XLSX.CFB.read(fs.readFileSync(file), { type: 'buffer' });
  const i = cfb.FullPaths.findIndex((p: string) => p.endsWith(`/xl/worksheets/sheet${index}.xml`));
  return Buffer.from(cfb.FileIndex[i].content as Uint8Array).toString('utf8');
}

const rowsOf = (ws: XLSX.WorkSheet) => XLSX.utils.sheet_to_json<Record<string, unknown>>(ws, { raw: true });
const cell = (ws: XLSX.WorkSheet, ref: string) => {
  const { r, c } = XLSX.utils.decode_cell(ref);
  return ws['!data']?.[r]?.[c];
};

describe('the assignment workbook', () => {
  it('has a Summary sheet, one sheet per rep with accounts, an Unassigned sheet and an About sheet', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'out', 'assignments.xlsx');
    const result = await w.backend.call('export-assignments', { out: file });
    expect(result.files).toEqual([file]);
    const wb = readBook(file);
    expect(wb.SheetNames).toEqual(['Summary', 'Ann Key', 'Ines In', '=Evil Rep Name With Too Many Ch', 'Unassigned', 'About']);
    for (const name of wb.SheetNames) expect(name.length).toBeLessThanOrEqual(31);
  });

  it("names each rep in full on every line of their sheet, and gives on the Summary the sheet that is each rep's", async () => {
    const w = await setup();
    const file = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: file });
    const wb = readBook(file);
    const summary = rowsOf(wb.Sheets.Summary);
    const evil = '=Evil/Rep:Name*With[Too]Many?Characters';
    // Clipped to 31 characters and scrubbed, the sheet's name alone could not be matched to its rep.
    expect(summary.find((r) => r.Rep === evil)?.Sheet).toBe('=Evil Rep Name With Too Many Ch');
    for (const row of summary.filter((r) => r.Sheet !== undefined)) {
      const lines = rowsOf(wb.Sheets[String(row.Sheet)]);
      expect(lines.length).toBeGreaterThan(0);
      const expected = row.Rep === '(unassigned accounts)' ? undefined : row.Rep;
      for (const line of lines) expect(line.Rep).toBe(expected);
    }
    // A rep with no accounts has no sheet, and the Summary says none.
    expect(summary.find((r) => r.Rep === 'Rita Field')).toMatchObject({ Accounts: 0 });
    expect(summary.find((r) => r.Rep === 'Rita Field')?.Sheet).toBeUndefined();
  });

  it('leaves kind and capacity blank on the line of unassigned accounts, which is no rep', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: file });
    const line = rowsOf(readBook(file).Sheets.Summary).find((r) => r.Rep === '(unassigned accounts)');
    expect(line).toBeDefined();
    expect(line).not.toHaveProperty('Kind');
    expect(line).not.toHaveProperty('Active');
    expect(line).not.toHaveProperty('Capacity');
    expect(line).not.toHaveProperty('Capacity use');
  });

  it('freezes the header row and turns the filter on in every table sheet', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: file });
    const wb = readBook(file);
    wb.SheetNames.forEach((name, i) => {
      const ws = wb.Sheets[name];
      expect(ws['!autofilter']?.ref).toBe(ws['!ref']);
      const xml = sheetXml(file, i + 1);
      if (name === 'About') expect(xml).not.toContain('state="frozen"');
      else expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    });
  });

  it('matches the store: per rep accounts, actions, money and capacity use', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: file });
    const summary = planSummary(w.backend.session.db, w.planId);
    const rows = rowsOf(readBook(file).Sheets.Summary);
    const byRep = new Map(rows.map((r) => [r.Rep, r]));
    for (const load of summary.reps.filter((r) => r.accounts > 0)) {
      expect(byRep.get(load.rep)).toMatchObject({
        Kind: load.kind,
        Accounts: load.accounts,
        'Strategic kept': load.keptAccounts,
        Actions: load.actions,
        'Expected revenue': load.expectedRevenue,
        Capacity: load.capacity,
        'Capacity use': load.capacityUse,
      });
    }
    expect(byRep.get('(unassigned accounts)')).toMatchObject({ Sheet: 'Unassigned', Accounts: 1, 'Expected revenue': 500 });
    expect(byRep.get('Ines In')).toMatchObject({ Accounts: 5, 'Capacity use': 1 });
  });

  it('uses currency, percent and date formats and sensible widths', async () => {
    const w = await setup('EUR');
    const file = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: file });
    const wb = readBook(file);
    const summary = wb.Sheets.Summary;
    expect(cell(summary, 'K2')?.z).toBe('"€"#,##0;-"€"#,##0');
    expect(cell(summary, 'M2')?.z).toBe('0.0%');
    const rep = wb.Sheets['Ann Key'];
    const header = rowsOf(rep).length ? XLSX.utils.sheet_to_json<string[]>(rep, { header: 1 })[0] : [];
    const asOfCol = header.indexOf('As of');
    const asOf = rep['!data']?.[1]?.[asOfCol];
    expect(asOf).toMatchObject({ t: 'n', z: 'yyyy-mm-dd', w: '2025-06-30' });
    const widths = (rep['!cols'] ?? []).map((c) => c.wch ?? 0);
    expect(widths.length).toBe(header.length);
    for (const wch of widths) expect(wch).toBeGreaterThanOrEqual(8);
  });

  it('writes hostile and non-Latin names as plain text cells that round-trip', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: file });
    const wb = readBook(file);
    const names = new Map<string, XLSX.CellObject>();
    for (const name of wb.SheetNames) {
      for (const row of wb.Sheets[name]['!data'] ?? []) {
        for (const c of row ?? []) {
          if (!c) continue;
          expect(c.f).toBeUndefined();
          if (c.t === 's') names.set(String(c.v), c);
        }
      }
    }
    for (const hostile of HOSTILE_NAMES) expect(names.get(hostile)).toMatchObject({ t: 's', v: hostile });
    expect(names.has('=Evil/Rep:Name*With[Too]Many?Characters')).toBe(true);
  });

  it('lists every customer with an action on exactly one rep sheet or as unassigned', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'assignments.xlsx');
    const result = await w.backend.call('export-assignments', { out: file });
    const wb = readBook(file);
    const where = new Map<string, string>();
    let actionRows = 0;
    const storedActions = planActionsByCustomer(w.backend.session.db, w.planId);
    for (const name of wb.SheetNames.filter((n) => n !== 'Summary' && n !== 'About')) {
      for (const r of rowsOf(wb.Sheets[name])) {
        actionRows += 1;
        const stored = storedActions.get(String(r['Customer code']))?.find((a) => a.category === r.Category && a.kind === r.Action);
        expect(stored).toMatchObject({ expectedRevenue: r['Expected revenue'], priority: r.Priority, reason: r['Why this action'] });
        const code = String(r['Customer code']);
        const seen = where.get(code);
        expect(seen === undefined || seen === name, `${code} on ${seen} and ${name}`).toBe(true);
        where.set(code, name);
      }
    }
    const codes = new Set(w.actions.map((a) => a.customerCode));
    expect([...where.keys()].sort()).toEqual([...codes].sort());
    expect(actionRows).toBe(w.actions.length);
    expect(where.get('E0')).toBe('Unassigned');
    expect(result).toMatchObject({ accounts: codes.size, planId: w.planId });
    const stored = planAccounts(w.backend.session.db, w.planId);
    for (const a of stored) expect(where.get(a.customerCode)).toEqual(a.rep === null ? 'Unassigned' : expect.any(String));
  });
});

describe('the call list of an analysed workspace', () => {
  it("names the categories of each whole-account call with their money, as the analysis split it, for the rep who makes the call", async () => {
    const w = await newWorkspace({ currency: 'USD', clientName: 'Sample' });
    cleanups.push(w.cleanup);
    await w.backend.call('import-run', { path: SAMPLE });
    const run = await w.backend.call('analysis-run', { settings: {} });
    await w.backend.call('assignment-plan', {});
    const file = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: file });
    const wb = readBook(file);
    let accounts = 0;
    for (const name of wb.SheetNames.filter((n) => n !== 'Summary' && n !== 'About')) {
      for (const r of rowsOf(wb.Sheets[name])) {
        const said = r['Categories at risk'];
        if (r.Category !== 'All categories') {
          expect(said, `${String(r['Customer code'])} ${String(r.Category)}`).toBeUndefined();
          continue;
        }
        accounts++;
        const detail = await w.backend.call('analysis-customer', { runId: run.runId, code: String(r['Customer code']) });
        const parts = detail.actions.find((a) => a.category === 'All categories')?.breakdown ?? [];
        expect(parts.length).toBeGreaterThan(0);
        // Every category the call carries, with its money in whole dollars, in the analysis's order.
        const named = parts.filter((p) => !p.spread).map((p) => `${p.category} $${Math.round(p.atRisk).toLocaleString('en-US')}`);
        expect(String(said).startsWith(named.join('; ')), String(said)).toBe(true);
      }
    }
    expect(accounts).toBeGreaterThan(0);
  });
});

describe('assignment CSV exports', () => {
  it('writes one combined CSV with a rep column, neutralising formula-like text', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'plan.csv');
    const result = await w.backend.call('export-assignments', { out: file });
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFRep,Rep kind,Customer code,Customer')).toBe(true);
    expect(result.rows).toBe(w.actions.length);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain("'+1");
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain('شركة الأمل');
    expect(text).toContain('Crème Brûlée SARL');
    expect(text).toContain("'=Evil/Rep:Name*With[Too]Many?Characters");
    expect(text.match(/\r\n/g)).toHaveLength(w.actions.length + 1);
  });

  it('writes one CSV per rep into a folder, with safe and unique file names', async () => {
    const w = await setup();
    const dir = path.join(w.dir, 'per-rep');
    const result = await w.backend.call('export-assignments', { out: dir, format: 'csv', perRep: true });
    expect(result.files.map((f) => path.basename(f)).sort()).toEqual(
      ['=Evil_Rep_Name_With[Too]Many_Characters.csv', 'Ann Key.csv', 'Ines In.csv', 'Unassigned.csv'].sort(),
    );
    const rows = result.files.reduce((n, f) => n + fs.readFileSync(f, 'utf8').split('\r\n').length - 2, 0);
    expect(rows).toBe(w.actions.length);
  });

  it('refuses a .xlsx path with the csv format and says what to change', async () => {
    const w = await setup();
    const outcome = await w.backend.invoke('export-assignments', { out: path.join(w.dir, 'x.xlsx'), format: 'csv' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!outcome.ok && outcome.error.message).toMatch(/ends in \.xlsx but the format asked for is csv/);
  });
});

describe('the territory plan', () => {
  it('lists territories with reps, accounts, capacity use, expected value and leakage, matching the store', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'territories.xlsx');
    await w.backend.call('export-territories', { out: file });
    const wb = readBook(file);
    expect(wb.SheetNames).toEqual(['Territories', 'Reps', 'About']);
    const rows = rowsOf(wb.Sheets.Territories);
    const stored = planSummary(w.backend.session.db, w.planId).territories;
    expect(rows.map((r) => r.Territory)).toEqual(stored.map((t) => t.territory));
    const west = rows.find((r) => r.Territory === 'West');
    const storedWest = stored.find((t) => t.territory === 'West');
    expect(west).toMatchObject({
      Reps: 2,
      'Accounts with actions': storedWest?.accounts,
      'Leakage a year': storedWest?.leakage,
      'Revenue 12m': 100_000,
      'Leakage share': storedWest?.leakageShare,
      'Capacity use': storedWest?.capacityUse,
    });
    expect(sheetXml(file, 1)).toContain('state="frozen"');
    expect(wb.Sheets.Territories['!autofilter']).toBeDefined();
    // A territory that bought nothing in the last 12 months has no leakage share, not 0%.
    const unsold = stored.filter((t) => t.revenue12m === 0);
    expect(unsold.length).toBeGreaterThan(0);
    for (const t of unsold) expect(rows.find((r) => r.Territory === t.territory)?.['Leakage share']).toBeUndefined();
    // What the money is over travels with it: the fixture's run states recovery over a year.
    const about = rowsOf(wb.Sheets.About);
    expect(about.find((r) => r.What === 'Money')?.Text).toBe(moneyWords(365));
  });

  it("counts each territory's accounts placed with another territory's reps, and each rep's kept strategic accounts", async () => {
    const w = await setup();
    const file = path.join(w.dir, 'territories.xlsx');
    await w.backend.call('export-territories', { out: file });
    const wb = readBook(file);
    const db = w.backend.session.db;
    const summary = planSummary(db, w.planId);
    const home = new Map(summary.reps.map((r) => [r.rep, r.territory]));
    const elsewhere = new Map<string, number>();
    for (const a of planAccounts(db, w.planId)) {
      if (a.rep === null || a.status === 'unassigned') continue;
      const territory = a.territory ?? '(no territory)';
      if (home.get(a.rep) !== territory) elsewhere.set(territory, (elsewhere.get(territory) ?? 0) + 1);
    }
    const rows = rowsOf(wb.Sheets.Territories);
    for (const r of rows) expect([r.Territory, r["Of them, to other territories' reps"]]).toEqual([r.Territory, elsewhere.get(String(r.Territory)) ?? 0]);
    const reps = rowsOf(wb.Sheets.Reps);
    for (const load of summary.reps) expect(reps.find((r) => r.Rep === load.rep)).toMatchObject({ Accounts: load.accounts, 'Strategic kept': load.keptAccounts });
    expect(reps.find((r) => r.Rep === 'Ann Key')?.['Strategic kept']).toBe(1);
  });

  it('marks an inactive rep who still keeps a strategic account inactive, with no capacity counted for its territory', async () => {
    const w = await newWorkspace({ currency: 'USD', clientName: 'Inactive Rep' });
    cleanups.push(w.cleanup);
    await w.backend.call('roster-save', { reps: sampleRoster.map((r) => (r.name === 'Ann Key' ? { ...r, active: false } : r)) });
    const db = w.backend.session.db;
    const planId = createPlan(
      db,
      { runId: 1, asOf: '2025-06-30', currency: 'USD', actions: sampleActions(), revenue12mByTerritory: new Map([['West', 100_000]]), recoveryHorizonDays: 365, revenueWindowDays: 365 },
      assignmentSettingsSchema.parse({ minOutsideValue: 505 }),
      new Date('2026-01-15T09:00:00Z'),
    );
    const plan = path.join(w.dir, 'territories.xlsx');
    await w.backend.call('export-territories', { out: plan, planId });
    const book = readBook(plan);
    const ann = rowsOf(book.Sheets.Reps).find((r) => r.Rep === 'Ann Key');
    expect(ann).toMatchObject({ Active: 'no: keeps its accounts, takes no new ones', 'Strategic kept': 1, Capacity: 0 });
    // Ann's 20 accounts of capacity had counted for West beside Rita's 4, and Ann as one of its reps.
    expect(rowsOf(book.Sheets.Territories).find((r) => r.Territory === 'West')).toMatchObject({ Reps: 1, 'Outside reps': 1, Capacity: 4 });
    const lists = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: lists, planId });
    const summary = rowsOf(readBook(lists).Sheets.Summary);
    expect(summary.find((r) => r.Rep === 'Ann Key')).toMatchObject({ Active: 'no: keeps its accounts, takes no new ones', Accounts: 1, Capacity: 0 });
    expect(summary.find((r) => r.Rep === 'Rita Field')).toMatchObject({ Active: 'yes' });
  });

  it('lists on the Summary the reps with no accounts too, with their capacity, but gives them no sheet', async () => {
    const w = await setup();
    const file = path.join(w.dir, 'assignments.xlsx');
    await w.backend.call('export-assignments', { out: file });
    const wb = readBook(file);
    const idle = planSummary(w.backend.session.db, w.planId).reps.filter((r) => r.accounts === 0);
    expect(idle.length).toBeGreaterThan(0);
    const rows = rowsOf(wb.Sheets.Summary);
    for (const load of idle) {
      expect(rows.find((r) => r.Rep === load.rep)).toMatchObject({ Accounts: 0, Capacity: load.capacity });
      expect(wb.SheetNames).not.toContain(load.rep);
    }
  });

  it('carries the analysis caveats into both workbooks\' About sheets', async () => {
    const w = await newWorkspace({ currency: 'USD', clientName: 'Short History' });
    cleanups.push(w.cleanup);
    const csv = path.join(w.dir, 'sales.csv');
    const lines = ['customer,date,category,revenue'];
    for (let c = 0; c < 40; c++) for (let m = 0; m < 8; m++) if ((c + m) % 5 !== 0 && !(c % 4 === 0 && m > 4)) lines.push(`C${c},2024-0${1 + m}-1${c % 9},${['Dairy', 'Bakery', 'Meat'][(c + m) % 3]},${100 + 7 * c + 11 * m}`);
    fs.writeFileSync(csv, `${lines.join('\n')}\n`);
    await w.backend.call('import-run', { path: csv });
    const run = await w.backend.call('analysis-run', { settings: {} });
    expect(run.caveats?.length).toBeGreaterThan(0);
    await w.backend.call('assignment-plan', { runId: run.runId, limit: 1 });
    for (const [handler, name] of [['export-assignments', 'lists.xlsx'], ['export-territories', 'plan.xlsx']] as const) {
      const file = path.join(w.dir, name);
      await w.backend.call(handler, { out: file });
      const about = rowsOf(readBook(file).Sheets.About);
      expect(about.filter((r) => r.What === 'Caveat').map((r) => r.Text)).toEqual(run.caveats);
    }
  });

  it('writes the territory table as CSV into a folder', async () => {
    const w = await setup();
    const result = await w.backend.call('export-territories', { out: w.dir, format: 'csv' });
    expect(result.files).toEqual([path.join(w.dir, 'territories.csv')]);
    expect(fs.readFileSync(result.files[0], 'utf8')).toMatch(/^\uFEFFTerritory,Reps,Outside reps/);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { createPlan, planSummary } from '../../../main/backend/assignment/store';
import { assignmentSettingsSchema } from '../../../shared/contract/assignment';
import { sampleActions, sampleRoster } from '../export/plan-fixture';

const fixtures = path.resolve('test/fixtures/assignment');
const workspace = freshWorkspaces();

describe('the rep roster', () => {
  it('imports a CSV roster under synonym headers, keeping names in any script as text', async () => {
    const w = await workspace();
    const result = await w.backend.call('roster-import', { path: path.join(fixtures, 'roster.csv') });
    expect(result).toMatchObject({ read: 6, created: 6, updated: 0 });
    const byName = new Map(result.reps.map((r) => [r.name, r]));
    expect(byName.get('Ann Key')).toMatchObject({ kind: 'outside', territory: 'West', capacity: 20, active: true });
    expect(byName.get('Rita Field')).toMatchObject({ kind: 'outside', capacity: 4 });
    expect(byName.get('Ines In')).toMatchObject({ kind: 'inside', territory: 'East', capacity: 1000 });
    expect(byName.get('شركة الأمل')).toMatchObject({ kind: 'inside', territory: null, capacity: null });
    expect(byName.get('=HYPERLINK("http://x")')).toMatchObject({ kind: 'outside', territory: 'East', capacity: 3 });
    expect(byName.get('Crème Brûlée SARL')).toMatchObject({ kind: 'unknown' });
  });

  it('imports the roster sheet of a workbook, including inactive reps', async () => {
    const w = await workspace();
    const result = await w.backend.call('roster-import', { path: path.join(fixtures, 'roster.xlsx'), sheet: 'Reps 2026' });
    expect(result.reps).toEqual([
      { name: 'Gone Rep', kind: 'outside', territory: 'North', capacity: 10, active: false, dataAccounts: 0 },
      { name: 'Ivy Phone', kind: 'inside', territory: null, capacity: 80, active: true, dataAccounts: 0 },
      { name: 'Olly Out', kind: 'outside', territory: 'North', capacity: 12, active: true, dataAccounts: 0 },
    ]);
  });

  it('names the sheets it has when the asked sheet is missing', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('roster-import', { path: path.join(fixtures, 'roster.xlsx'), sheet: 'Reps' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_SHEET_NOT_FOUND' } });
    expect(!outcome.ok && outcome.error.message).toContain('Sheets: Read me, Reps 2026');
  });

  it('rejects a rep kind it does not know, naming file, row, column and value', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('roster-import', { path: path.join(fixtures, 'bad-kind.csv') });
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'bad-kind.csv, row 3, column "Kind": "manager" is not a rep kind: use inside or outside.',
        details: expect.objectContaining({ row: 3, column: 'Kind', value: 'manager' }),
      },
    });
    expect(await w.backend.call('roster-list', {})).toEqual([]);
  });

  it('rejects a capacity that is not a whole number, naming the row', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('roster-import', { path: path.join(fixtures, 'bad-capacity.csv') });
    expect(!outcome.ok && outcome.error.message).toBe(
      'bad-capacity.csv, row 2, column "Capacity": "twenty" is not a whole number of accounts (0 or more).',
    );
  });

  it('rejects a capacity above the most a rep can be given, naming file, row, column and value, and saves no rep', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('roster-import', { path: path.join(fixtures, 'huge-capacity.csv') });
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'huge-capacity.csv, row 3, column "Capacity": "1,000,000" is more than 100,000 accounts, the most a rep can be given: give a smaller capacity, or leave it empty for the plan\'s default.',
        details: expect.objectContaining({ row: 3, column: 'Capacity', value: '1,000,000' }),
      },
    });
    expect(await w.backend.call('roster-list', {})).toEqual([]);
  });

  it('asks for a rep name column when there is none, listing the headers found', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('roster-import', { path: path.join(fixtures, 'no-name.csv') });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'IMPORT_MAPPING_INCOMPLETE' } });
    expect(!outcome.ok && outcome.error.message).toContain('found: Person, Kind');
  });

  it('answers FILE_NOT_FOUND for a roster path that does not exist', async () => {
    const w = await workspace();
    const outcome = await w.backend.invoke('roster-import', { path: path.join(fixtures, 'nope.csv') });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
  });

  it('edits reps in place and keeps them in the workspace across a reopen', async () => {
    const w = await workspace();
    await w.backend.call('roster-import', { path: path.join(fixtures, 'roster.csv') });
    await w.backend.call('roster-save', { reps: [{ name: 'Ann Key', kind: 'inside', territory: 'East', capacity: 7, active: false }] });
    await w.backend.call('workspace-open', { path: w.file });
    const ann = (await w.backend.call('roster-list', {})).find((r) => r.name === 'Ann Key');
    expect(ann).toEqual({ name: 'Ann Key', kind: 'inside', territory: 'East', capacity: 7, active: false, dataAccounts: 0 });
  });

  it('refuses two rows of one rep written in another case, naming both, and changes nothing', async () => {
    const w = await workspace();
    await w.backend.call('roster-save', { reps: [{ name: 'Ann Lee', kind: 'outside', territory: 'United Kingdom', capacity: 20, active: true }] });
    const outcome = await w.backend.invoke('roster-save', {
      reps: [
        { name: 'Ann Lee', kind: 'outside', territory: 'United Kingdom', capacity: 20, active: true },
        { name: 'ann lee', kind: 'outside', territory: null, capacity: 5, active: true },
      ],
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining("'Ann Lee' and 'ann lee' are one rep") } });
    expect(await w.backend.call('roster-list', {})).toEqual([{ name: 'Ann Lee', kind: 'outside', territory: 'United Kingdom', capacity: 20, active: true, dataAccounts: 0 }]);
  });

  it("updates the rep the data names when the roster spells it another way, rather than adding one with no accounts", async () => {
    const w = await workspace();
    const sales = path.join(w.dir, 'sales.csv');
    fs.writeFileSync(sales, 'Customer,Date,Category,Revenue,Sales Rep,Territory\nA,2024-01-05,Dairy,10.00,BEN CARTER,NORTH\nB,2024-01-06,Dairy,12.00,BEN CARTER,NORTH\n');
    await w.backend.call('import-run', { path: sales });
    const roster = path.join(w.dir, 'roster.csv');
    fs.writeFileSync(roster, 'Rep,Kind,Territory,Capacity\nBen Carter,outside,North,5\nIvy Phone,inside,,80\n');
    const result = await w.backend.call('roster-import', { path: roster });
    expect(result).toMatchObject({ read: 2, created: 1, updated: 1 });
    expect(result.reps).toEqual([
      { name: 'BEN CARTER', kind: 'outside', territory: 'NORTH', capacity: 5, active: true, dataAccounts: 2 },
      { name: 'Ivy Phone', kind: 'inside', territory: null, capacity: 80, active: true, dataAccounts: 0 },
    ]);
  });

  it('leaves what a roster file has no column for as it was, and says which columns it did not read', async () => {
    const w = await workspace();
    await w.backend.call('roster-import', { path: path.join(fixtures, 'roster.csv') });
    const capacities = path.join(w.dir, 'capacities.csv');
    fs.writeFileSync(capacities, 'Name,Cap,Email\nAnn Key,35,ann@example.com\nNew Rep,12,new@example.com\n');
    const result = await w.backend.call('roster-import', { path: capacities });
    expect(result).toMatchObject({ read: 2, created: 1, updated: 1 });
    expect(result.warnings).toEqual([
      'Columns "Cap", "Email" were not read: a roster\'s columns are "Rep", "Kind", "Territory", "Capacity", "Active" (or their usual synonyms, e.g. "Type", "Region", "Accounts").',
      "No Kind, Territory or Capacity column: reps already in the roster keep theirs; new reps are of unknown kind (planned as outside reps), with no territory of their own (the one most of their customers are in), at the plan's default capacity.",
    ]);
    const byName = new Map(result.reps.map((r) => [r.name, r]));
    expect(byName.get('Ann Key')).toMatchObject({ kind: 'outside', territory: 'West', capacity: 20, active: true });
    expect(byName.get('New Rep')).toMatchObject({ kind: 'unknown', territory: null, capacity: null, active: true });
  });

  it('says nothing more of a roster whose columns were all read', async () => {
    const w = await workspace();
    const result = await w.backend.call('roster-import', { path: path.join(fixtures, 'roster.csv') });
    expect(result.warnings).toEqual([]);
  });

  it('says a plan made before the roster was last saved is stale, and one made after it is not', async () => {
    const w = await workspace();
    const db = w.backend.session.db;
    const source = { runId: 1, asOf: '2025-06-30', currency: 'USD', actions: sampleActions(), revenue12mByTerritory: new Map(), recoveryHorizonDays: 365, revenueWindowDays: 365 };
    const settings = assignmentSettingsSchema.parse({});
    // The workspace's clock reads 2026-01-15T09:00Z: the roster is saved then.
    const before = createPlan(db, source, settings, new Date('2026-01-15T08:00:00Z'));
    expect(planSummary(db, before).rosterChanged).toBe(false);
    await w.backend.call('roster-save', { reps: sampleRoster });
    expect(planSummary(db, before).rosterChanged).toBe(true);
    const after = createPlan(db, source, settings, new Date('2026-01-15T10:00:00Z'));
    expect(planSummary(db, after).rosterChanged).toBe(false);
    expect((await w.backend.call('assignment-get', { planId: before, limit: 1 })).rosterChanged).toBe(true);
  });
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { newWorkspace } from '../../helpers/workspace';

const SAMPLE = path.join(__dirname, '../../../resources/sample/distributor.csv');

type Row = { customer_name: string; category: string; reason: string; expected_revenue: number; facts_json: string };

let w: Awaited<ReturnType<typeof newWorkspace>>;
let runId: number;

/** A fresh session on the same workspace file, as after closing and reopening the app. */
async function reopened(): Promise<Backend> {
  const backend = new Backend({ appDataDir: path.join(w.dir, 'app-data'), now: () => new Date('2026-01-15T10:00:00Z') });
  await backend.call('workspace-open', { path: w.file });
  return backend;
}

const recoveryOf = (b: Backend, run: number): Row[] =>
  b.session.db.prepare("SELECT customer_name, category, reason, expected_revenue, facts_json FROM run_actions WHERE run_id = ? AND kind = 'recovery' ORDER BY position").all(run) as Row[];

const reasonOf = (rows: readonly Row[], customer: string, category: string): string => {
  const row = rows.find((r) => r.customer_name === customer && r.category === category);
  if (!row) throw new Error(`no recovery action for ${customer}, ${category}`);
  return row.reason;
};

/** "$49,000" -> 49000; "$1.2M" is not a form the reasons use. */
const dollars = (text: string): number => Number(text.replace(/[$,]/g, ''));
/** Half a unit of the two significant digits reasons round money to. */
const roundingOf = (x: number): number => 0.5 * 10 ** (Math.floor(Math.log10(x)) - 1);

let rows: Row[];

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Sample Foods' });
  await w.backend.call('import-run', { path: SAMPLE, engine: 'lines' });
  runId = (await w.backend.call('analysis-run', { settings: {} })).runId;
  rows = recoveryOf(w.backend, runId);
  w.backend.close();
}, 120_000);
afterAll(() => w.cleanup());

describe('a win-back silent further past its own rhythm than any customer the model learned from', () => {
  it('says its chance was not measured on this data, and why, instead of quoting the model\'s reach as how such customers fared', () => {
    // Cedar Point Seafood Co. ordered about every 5 days and has been silent 271: no customer buying
    // to a rhythm at the training cuts had gone more than about ten of its cycles.
    expect(reasonOf(rows, 'Cedar Point Seafood Co.', 'All categories')).toMatch(
      /\(98% chance it falls below half by the rhythm rules' confidence, not measured on this data: no customer at the earlier dates it learned from had gone this far past its own rhythm \(this one 55\.\d cycles, none more than 10\.\d\)\)$/,
    );
    const unmeasured = rows.filter((r) => r.reason.includes('not measured on this data: no customer at the earlier dates'));
    expect(unmeasured.length).toBeGreaterThanOrEqual(10);
    for (const r of unmeasured) expect(r.reason).not.toContain('how such customers fared');
  });

  it('still quotes how such customers fared where the training cuts held customers as far past their rhythm', () => {
    // Silent 107 days at a 24-day rhythm: 4.4 cycles, well within what the training cuts showed.
    expect(reasonOf(rows, 'Copper Kettle School District', 'All categories')).toMatch(/by the rhythm rules' confidence; how such customers fared in this data puts it at \d+%\)$/);
  });

  it('keeps the measured words where the risk models were kept by a version that did not record the longest silence', async () => {
    const editor = await reopened();
    const db = editor.session.db;
    const kept = db.prepare("SELECT value FROM meta WHERE key = 'analysis-saved:risk'").pluck().get() as string;
    expect(kept).toContain('"longestSilenceCycles"');
    db.prepare("UPDATE meta SET value = ? WHERE key = 'analysis-saved:risk'").run(kept.replace(/,"longestSilenceCycles":[0-9.e+-]+/g, ''));
    editor.close();

    const old = await reopened();
    const again = recoveryOf(old, (await old.call('analysis-run', { settings: {} })).runId);
    old.close();
    expect(reasonOf(again, 'Cedar Point Seafood Co.', 'All categories')).toMatch(/by the rhythm rules' confidence; how such customers fared in this data puts it at 0%\)$/);
    // Only words: every action's money, order and facts as before.
    expect(again.map((r) => [r.customer_name, r.category, r.expected_revenue, r.facts_json])).toEqual(rows.map((r) => [r.customer_name, r.category, r.expected_revenue, r.facts_json]));
  }, 120_000);
});

describe('a relationship priced at its pace while it bought', () => {
  it('quotes the days its yearly rate is counted over, so the spend over them comes to the rate a year', () => {
    const paced = rows.filter((r) => r.reason.includes('a year at its pace while it bought'));
    expect(paced.length).toBeGreaterThan(0);
    for (const r of paced) {
      const m = /about (\$[\d,]+) a year at its pace while it bought \((\$[\d,]+) over (\d+) days: /.exec(r.reason);
      expect(m, r.reason).not.toBeNull();
      const [rate, spent, span] = [dollars(m![1]), dollars(m![2]), Number(m![3])];
      // Each figure is rounded as shown: the sum may be off by that rounding, and no more.
      const slack = roundingOf(rate) + (roundingOf(spent) * 365) / span + (spent * 365) / span / (2 * span);
      expect(Math.abs((spent * 365) / span - rate), r.reason).toBeLessThanOrEqual(slack);
    }
  });

  it('says why the days run from before its first order: Windmill Deli\'s paper is counted from its first order of anything, less one of its gaps', () => {
    expect(reasonOf(rows, 'Windmill Deli', 'Paper & Disposables')).toContain(
      'about $57,000 a year at its pace while it bought ($49,000 over 313 days: from its first order with you, less one of its usual gaps, to its last in this category)',
    );
  });
});

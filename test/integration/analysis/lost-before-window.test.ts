import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, AnalysisSummary } from '../../../shared/model/results';
import { DATA_DIR } from '../../helpers/elog';
import { newWorkspace } from '../../helpers/workspace';

/*
 * A customer silent for longer than the twelve months money at risk is read from has nothing left
 * to lose: it was lost before, not at risk now. On the grocery panel (two years, 1,525 households)
 * a third of the households had bought nothing in the last year; they were listed as recovery
 * actions worth nothing, one each. They are now left off, and the run says how many.
 */

const GROCERY = path.join(DATA_DIR, 'grocery_elog.csv');
const DAY_MS = 86_400_000;

/** Each household's last purchase date, read here from the raw lines. */
function lastPurchases(): Map<string, string> {
  const last = new Map<string, string>();
  for (const line of fs.readFileSync(GROCERY, 'utf8').trim().split(/\r?\n/).slice(1)) {
    const [cust, date] = line.split(',');
    if ((last.get(cust) ?? '') < date) last.set(cust, date);
  }
  return last;
}

let w: Awaited<ReturnType<typeof newWorkspace>>;
let summary: AnalysisSummary;
let recovery: Action[];

beforeAll(async () => {
  w = await newWorkspace();
  await w.backend.call('import-run', { path: GROCERY });
  summary = await w.backend.call('analysis-run', { settings: {} });
  const page = await w.backend.call('analysis-actions', { runId: summary.runId, kind: 'recovery', limit: 100000 });
  recovery = page.rows;
});
afterAll(() => w.cleanup());

describe('customers lost before the last twelve months', () => {
  it('get no recovery action: every action has money at risk and a customer that bought in that time', () => {
    const last = lastPurchases();
    const yearBefore = new Date(Date.parse(`${summary.asOf}T00:00:00Z`) - 365 * DAY_MS).toISOString().slice(0, 10);
    expect(recovery.length).toBeGreaterThan(100);
    for (const a of recovery) {
      expect(a.expectedRevenue).toBeGreaterThan(0);
      expect(last.get(a.customerCode)! > yearBefore).toBe(true);
    }
  });

  it('are counted in the run notes, no more of them than the raw file holds', () => {
    const last = lastPurchases();
    const yearBefore = new Date(Date.parse(`${summary.asOf}T00:00:00Z`) - 365 * DAY_MS).toISOString().slice(0, 10);
    const silent = [...last.values()].filter((d) => d <= yearBefore).length;
    const note = summary.notes.find((n) => n.includes('had gone silent and bought nothing in the 12 months before the as-of date'));
    expect(note).toBeDefined();
    // One category: the relationships are the households.
    const counted = Number(/^([\d,]+) customers that the rhythm rules judged late had gone silent/.exec(note!)?.[1].replace(/,/g, ''));
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(silent);
    expect(note).toContain('so they are not recovery actions. A customer that bought nothing at all in that time is listed as inactive.');
  });
});

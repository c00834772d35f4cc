import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../../shared/model/results';
import { isLongTailGrowthNote } from '../../../shared/analytics/growth-none';
import { newWorkspace } from '../../helpers/workspace';
import { ONLINE_RETAIL_II } from './online-retail-data';

type Row = { customer_code: string; tier: string; kind: string; reason: string };

let w: Awaited<ReturnType<typeof newWorkspace>>;
let summary: AnalysisSummary;
let rows: Row[];

// Online Retail II imported as the app imports it (product groups from the descriptions) and analysed as of its last day, 2010-12-09.
beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Online Retail II', currency: 'GBP' });
  await w.backend.call('import-run', { path: path.resolve(ONLINE_RETAIL_II) });
  const { runId } = await w.backend.call('analysis-run', { settings: {} });
  summary = await w.backend.call('analysis-summary', { runId });
  rows = w.backend.session.db
    .prepare('SELECT customer_code, tier, kind, reason FROM run_actions WHERE run_id = ? ORDER BY position')
    .all(runId) as Row[];
}, 300_000);
afterAll(() => w?.cleanup());

/** "(1.46x its usual pace, the whole business 1.52x" -> the two figures as printed. */
const paces = (reason: string): [string, string] | null => {
  const m = reason.match(/\(([\d.]+)x its usual pace, the whole business ([\d.]+)x/);
  return m ? [m[1], m[2]] : null;
};

describe('a reason that calls a customer slower than the season', () => {
  it('never prints its pace and the business\'s as the same figure', () => {
    const slower = rows.filter((r) => r.reason.startsWith('Buying more slowly than the season'));
    expect(slower.length).toBeGreaterThan(100);
    for (const r of slower) {
      const [own, business] = paces(r.reason) ?? ['', ''];
      expect(Number(own), r.reason).toBeLessThan(Number(business));
    }
  });

  it('reads 12477, a customer for 258 days, as at about the season\'s pace, and says its usual pace spreads a year\'s spend over all 365 days', () => {
    // Three even orders (March, July, November 2010): 1.48x its usual pace against the business's 1.51x had read "more slowly than the season (1.5x ..., the whole business 1.5x)".
    const reason = rows.find((r) => r.customer_code === '12477' && r.kind === 'recovery')?.reason ?? '';
    expect(reason).toMatch(
      /^Still buying at its pace and the season's: £2,600 in the last 90 days against £7,100 in 12 months \(1\.48x its usual pace, the whole business 1\.51x; its usual pace spreads its spend in the 12 months over all 365 days, though its first order was 258 days ago\), but accounts like it here went on to spend less; it ordered about every 16 weeks, last order 34 days ago;/,
    );
  });
});

describe('a run whose growth actions all go to strategic accounts', () => {
  it('says in its notes that the long tail got none, how much the value floor left out, and which setting lowers it', () => {
    expect(rows.filter((r) => r.kind === 'growth' && r.tier === 'long-tail')).toHaveLength(0);
    const note = summary.notes.find(isLongTailGrowthNote);
    expect(note).toMatch(
      /^No growth action reaches the long tail: none of the 1,769 growth actions is for its 3,033 customers\. The value floor of £68 a year left out all [\d,]+ growth gaps found for [\d,]+ of them, about £[\d,]+ a year in all\. Lower Smallest growth action \(--min-growth-value, growth\.minValueShare, now 10%\) to list them\.$/,
    );
  });
});

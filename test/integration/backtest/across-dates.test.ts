import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../shared/contract/progress';
import type { BacktestAcrossDates } from '../../../shared/model/results';
import { runCommand } from '../../helpers/cli';
import { DATA_DIR } from '../../helpers/elog';
import { newWorkspace } from '../../helpers/workspace';

/*
 * One date's verdict can rest on one season or one big customer. The same backtest replayed at
 * dates spread over the data says whether the edge is the data's: on CDNOW's sample, through the
 * product's own import, each date's row must be exactly what a single backtest at that date gives.
 */

const CDNOW = path.join(DATA_DIR, 'cdnowElog.csv');
const HORIZON = 180;
const DAY_MS = 86_400_000;

/** The first and last purchase dates of the log, read here from the raw lines. */
function logSpan(): { first: string; last: string } {
  const dates = fs
    .readFileSync(CDNOW, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',')[2])
    .map((d) => (d.includes('-') ? d : `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`))
    .sort();
  return { first: dates[0], last: dates[dates.length - 1] };
}
const addDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

let w: Awaited<ReturnType<typeof newWorkspace>>;
let across: BacktestAcrossDates;
const progress: Progress[] = [];

beforeAll(async () => {
  w = await newWorkspace();
  await w.backend.call('import-run', { path: CDNOW });
  await w.backend.call('analysis-run', { settings: {} });
  across = await w.backend.call('analysis-backtest-dates', { dates: 3, horizonDays: HORIZON }, { onProgress: (p) => progress.push(p) });
}, 120_000);
afterAll(() => w.cleanup());

describe("a backtest across dates on CDNOW's sample", () => {
  it('replays at the first date with four months before it, the last with the whole horizon after it, and midway', () => {
    const { first, last } = logSpan();
    const from = addDays(first, 120);
    const to = addDays(last, -HORIZON);
    const middle = addDays(from, Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS / 2));
    expect(across.horizonDays).toBe(HORIZON);
    expect(across.points.map((p) => p.asOf)).toEqual([from, middle, to]);
  });

  it('gives each date exactly the customer-level figures of a single backtest at that date', async () => {
    for (const p of across.points) {
      const single = await w.backend.call('analysis-backtest', { asOf: p.asOf, horizonDays: HORIZON });
      const level = single.levels[0];
      const rule = (method: string) => level.rows.find((r) => r.method === method);
      expect(p.flagged).toBe(level.flagged);
      expect(p.compared).toBe(level.compared);
      expect(p.precision).toBe(level.rows[0].precision);
      expect(p.calibration).toBe(level.rows[0].calibration);
      expect(p.capturedRatio).toBe(level.verdict.capturedRatio);
      expect(p.bestRule).toBe(level.verdict.bestRule);
      expect(p.precisionBar).toBe(Math.max(rule('drop-90')?.precision ?? 0, rule('own-gap')?.precision ?? 0));
      expect(p.ceilingRatio).toBeCloseTo((rule('foresight')?.capturedLoss ?? 0) / (rule(level.verdict.bestRule ?? '')?.capturedLoss ?? 1), 12);
      expect([p.beatsCapture, p.precisionOk, p.calibrationOk]).toEqual([level.verdict.beatsCapture, level.verdict.precisionOk, level.verdict.calibrationOk]);
      expect(p.businessIndex).toBe(single.definitions.businessIndex);
    }
  });

  it('counts the targets met over the dates, and says what they mean together', () => {
    const judged = across.points.filter((p) => !p.tooFewDeclines);
    expect(across.met).toEqual({
      judged: judged.length,
      capture: judged.filter((p) => p.beatsCapture).length,
      precision: judged.filter((p) => p.precisionOk).length,
      money: judged.filter((p) => p.calibrationOk).length,
      all: judged.filter((p) => p.beatsCapture && p.precisionOk && p.calibrationOk).length,
    });
    expect(across.verdict).toContain(`Replayed at 3 dates from ${across.points[0].asOf} to ${across.points[2].asOf}, ${HORIZON} days watched each`);
    expect(across.verdict).toContain(`best naive rule's loss at ${across.met.capture},`);
  });

  it('reports progress date by date, naming each', () => {
    const dated = progress.filter((p) => p.phase === 'backtest-dates');
    for (const [i, p] of across.points.entries()) expect(dated.some((x) => x.done === i && x.total === 3 && x.message?.startsWith(`as of ${p.asOf}`))).toBe(true);
    expect(dated.at(-1)).toMatchObject({ done: 3, total: 3 });
  });

  it('is kept with the run: shown again without replaying, and in the client report beside the single backtest', async () => {
    expect((await w.backend.call('analysis-backtest-dates-last', {})).result).toEqual(across);
    const out = path.join(w.dir, 'report.html');
    await w.backend.call('report-build', { out });
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toContain(`Across dates: 3 as-of dates, ${HORIZON} days watched after each`);
    for (const p of across.points) expect(page).toContain(`<tr><td>${p.asOf}`);
  });

  it('stops when cancelled and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await w.backend.invoke('analysis-backtest-dates', { dates: 3, horizonDays: HORIZON }, { signal: controller.signal });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('refuses one date, more than twelve, and a horizon the data cannot hold, saying why', async () => {
    expect(await w.backend.invoke('analysis-backtest-dates', { dates: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await w.backend.invoke('analysis-backtest-dates', { dates: 13 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const tooLong = await w.backend.invoke('analysis-backtest-dates', { dates: 3, horizonDays: 600 });
    expect(JSON.stringify(tooLong)).toMatch(/too short for a 600-day backtest \(it needs four months of history plus the horizon\)\. Choose a horizon of at most \d+ days\./);
  });
});

describe('longtail backtest --dates', () => {
  const cli = (args: string[]) => runCommand(args, w.backend, w.dir);

  it('prints a row per date and what the dates say together', async () => {
    const r = await cli(['backtest', '--workspace', w.file, '--dates', '3', '--horizon', String(HORIZON)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`Backtest across dates: 3 as-of dates, ${HORIZON} days watched after each (customers: Flags counts every one flagged, the table compares the top 300 at most)`);
    expect(lines[1]).toMatch(/^ {2}As of +Flags +Capture vs best rule +Ceiling +Precision ours \/ bar +Stated\/lost$/);
    for (const [i, p] of across.points.entries()) {
      expect(lines[2 + i]).toMatch(new RegExp(`^ {2}${p.asOf} +[\\d,]+ +[\\d.]+x \\((recency|90-day drop|own gap)\\) (ok|MISS) +[\\d.]+x +[\\d.]+% / [\\d.]+% (ok|MISS) +[\\d.]+x (ok|MISS)$`));
    }
    expect(lines[5]).toBe(`  ${across.verdict}`);
  });

  it('refuses --dates with --as-of, and a count out of range', async () => {
    const both = await cli(['backtest', '--workspace', w.file, '--dates', '3', '--as-of', '1997-09-30']);
    expect(both.code).toBe(1);
    expect(both.err).toContain('Give either --as-of (one date) or --dates (several spread over the data), not both.');
    const one = await cli(['backtest', '--workspace', w.file, '--dates', '1']);
    expect(one.code).toBe(1);
    expect(one.err).toContain('--dates 1 must be a whole number of as-of dates from 2 to 12.');
  });
});

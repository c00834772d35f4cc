import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/main';
import { repeatedLevelText, repeatsTopLevel, verdictTargets, verdictTargetsLine } from '../../../shared/analytics/holdout';
import type { BacktestReport } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from '../analysis/sample-csv';

/*
 * With no more than 300 flagged relationships the top-300 table already compares every one of them,
 * so "every flagged relationship" scored again is the same table. A small client's backtest says so
 * in one line instead of printing it twice; a big one (Online Retail, in real-holdouts.test.ts)
 * still shows both.
 */

let w: Awaited<ReturnType<typeof newWorkspace>>;
let report: BacktestReport;

beforeAll(async () => {
  w = await newWorkspace({ clientName: 'Small Foods' });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 5, customers: 300 });
  await w.backend.call('import-run', { path: csv });
  await w.backend.call('analysis-run', { settings: { kMax: 6 } });
  report = await w.backend.call('analysis-backtest', { runId: 1, horizonDays: 120 });
});
afterAll(() => w.cleanup());

describe('a backtest whose top relationships are every flagged one', () => {
  it('scores every flag exactly as the top table did, so the second table is a repeat', () => {
    const [, top, every] = report.levels;
    expect(top.flagged).toBeLessThanOrEqual(300);
    expect(top.compared).toBe(top.flagged);
    expect(every.flagged).toBe(top.flagged);
    expect(every.rows).toEqual(top.rows);
    expect(every.bands).toEqual(top.bands);
    expect(repeatsTopLevel(every, report.levels)).toBe(true);
    expect(repeatsTopLevel(top, report.levels)).toBe(false);
    expect(repeatsTopLevel(report.levels[0], report.levels)).toBe(false);
  });

  it('prints one line in its place on the CLI, naming how many flags it would have repeated', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['backtest', '--workspace', w.file, '--horizon', '120'], { backend: w.backend, out: (x) => out.push(x), err: (x) => err.push(x), interactive: false, cwd: w.dir });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    const text = out.join('\n');
    const every = report.levels[2];
    expect(text).toContain(`Every flagged customer x category relationship: the same ${every.flagged} as the table above, which compared every one of them, so it is not shown twice.`);
    // Two comparison tables (customers, relationships), not three.
    expect(text.match(/^ {2}Method +Flags +Precision/gm)).toHaveLength(2);
    // Each judged table's three targets lead its verdict, as the backtest decided them.
    expect(report.levels.slice(0, 2).filter((l) => verdictTargetsLine(l) !== null).length).toBeGreaterThan(0);
    for (const level of report.levels.slice(0, 2)) {
      const line = verdictTargetsLine(level);
      if (line) expect(text).toContain(`  ${line}\n  ${level.verdict.text}`);
    }
  });

  it('says the same in the client report instead of a third table', async () => {
    const out = path.join(w.dir, 'report.html');
    await w.backend.call('report-build', { out });
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toContain(`<p>${repeatedLevelText(report.levels[2])}</p>`);
    expect(page).not.toContain('<h3>Every flagged customer x category relationship');
    for (const level of report.levels.slice(0, 2)) {
      for (const t of verdictTargets(level)) expect(page).toContain(`<span class="${t.met ? 'met' : 'missed'}">${t.met ? '✓' : '✗'} ${t.label} ${t.figure} (target ${t.target.replace(/'/g, '&#39;')})</span>`);
    }
  });

  it("names on the report's Overview every target the backtest missed, above the figures it weakens", async () => {
    const out = path.join(w.dir, 'report-overview.html');
    await w.backend.call('report-build', { out });
    const page = fs.readFileSync(out, 'utf8');
    const overview = page.slice(page.indexOf('<section id="overview">'), page.indexOf('</section>', page.indexOf('<section id="overview">')));
    const line = /<p class="(warning|verdict)"><strong>Backtest<\/strong> as of ([\d-]+) over 120 days: (.*?)<\/p>/.exec(overview);
    expect(line?.[2]).toBe(report.asOf);
    const missed = report.levels.filter((l) => !repeatsTopLevel(l, report.levels)).flatMap((l) => verdictTargets(l).filter((t) => !t.met).map((t) => ({ level: l.title, t })));
    expect(line?.[1]).toBe(missed.length > 0 ? 'warning' : 'verdict');
    for (const { level } of missed) expect(line?.[3]).toContain(level);
    for (const { t } of missed) expect(line?.[3]).toContain(`${t.label.toLowerCase()} (${t.figure}; target ${t.target.replace(/'/g, '&#39;')})`);
    expect(line?.[3]).toContain('<a href="#backtest">the whole comparison</a>');
  });
});

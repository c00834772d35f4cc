/**
 * Recovery, BG/NBD and backtest figures: how fast a threshold change re-evaluates at 30,000
 * customers (against building the model once, measured in the same run), how well the flags match
 * the generator's planted truth, and how long BG/NBD takes to fit CDNOW.
 *
 *   node --import tsx bench/recovery.bench.ts [--customers 30000] [--data /work/shared/data]
 * writes bench/results/recovery.md
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBacktest } from '../shared/analytics/holdout';
import { bgnbdLogLikelihood, customerPAlive, fitBgNbd } from '../shared/analytics/bgnbd';
import { buildRecoveryModel, evaluateRecovery } from '../shared/analytics/recovery';
import { scoreAgainstPlanted, type PlantedRecoveryScore } from '../test/helpers/planted-recovery';
import { defaultAnalysisSettings } from '../shared/contract/settings';
import { dayFromIso } from '../shared/format/dates';
import { datasetFromRows, generateDistributor } from '../shared/sample';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '30000' }, data: { type: 'string', default: process.env.LONGTAIL_DATA ?? '/work/shared/data' } } });
const customers = Number(values.customers);
const END = '2025-12-31';

/** Wall times of `runs` calls after `warmup` untimed ones (the first calls include compiling), in ms: median and fastest. */
function timings(runs: number, f: () => unknown, warmup = 0): { median: number; min: number } {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], min: times[0] };
}
const timeMs = (runs: number, f: () => unknown, warmup = 0): number => timings(runs, f, warmup).median;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  console.log(line);
};

say('# Recovery, BG/NBD and backtest');
say();
say(`Machine load when started (1-minute load average on ${os.cpus().length} cores): ${os.loadavg()[0].toFixed(1)}. Absolute times stretch with load; the ratios are measured in the same run.`);
say();
say(`Generated distributor: ${customers.toLocaleString('en-US')} customers, 24 months to ${END}, seed 20261128, default recovery settings.`);
say();

const generated = generateDistributor({ seed: 20261128, customers, endDate: END });
const ds = datasetFromRows([...generated.rows()]);
const asOf = dayFromIso(generated.endDate);
const settings = defaultAnalysisSettings();

const buildMs = timeMs(3, () => buildRecoveryModel(ds, asOf));
const model = buildRecoveryModel(ds, asOf);
let evalRun = 0;
// Each call a different lateness, as a slider would send.
const evalT = timings(15, () => evaluateRecovery(model, { ...settings.recovery, lateness: 2 + (evalRun++ % 5) * 0.25 }), 3);
const evalMs = evalT.median;
const flags = evaluateRecovery(model, settings.recovery);

say('## Speed');
say();
say('| figure | value | ratio to building the model |');
say('|---|---|---|');
say(`| transactions / relationships | ${ds.tx.day.length.toLocaleString('en-US')} / ${model.customer.length.toLocaleString('en-US')} | |`);
say(`| buildRecoveryModel (reference, once per as-of) | ${ms(buildMs)} | 1 |`);
say(`| evaluateRecovery (a threshold change; target < 100 ms), median of 15 after 3 warm-up calls | ${ms(evalMs)} | ${(evalMs / buildMs).toFixed(3)} |`);
say(`| evaluateRecovery, fastest of the 15 | ${ms(evalT.min)} | ${(evalT.min / buildMs).toFixed(3)} |`);
say(`| flags at defaults | ${flags.length.toLocaleString('en-US')} | |`);
say();

const scoreRow = (label: string, s: PlantedRecoveryScore) =>
  `| ${label} | ${s.defections} | ${pct(s.recall)} | ${pct(s.precision)} | ${['seasonal', 'long-cycle', 'volatile', 'one-time'].map((k) => (s.trapAlarms[k] ? `${pct(s.trapAlarms[k].rate)} of ${s.trapAlarms[k].total}` : '-')).join(' | ')} |`;

say('## Planted truth (targets: recall >= 90%, precision >= 85%, traps <= 15%, one-time <= 5%)');
say();
say('| data | defections | recall | precision | seasonal alarms | long-cycle alarms | volatile alarms | one-time alarms |');
say('|---|---|---|---|---|---|---|---|');
const main = scoreAgainstPlanted(ds, flags, generated.truth);
say(scoreRow(`seed 20261128, ${customers} customers`, main));
for (const seed of [1, 2, 3, 4, 5]) {
  const g = generateDistributor({ seed, customers: 2000, endDate: END });
  const d = datasetFromRows([...g.rows()]);
  say(scoreRow(`seed ${seed}, 2000 customers`, scoreAgainstPlanted(d, evaluateRecovery(buildRecoveryModel(d, asOf), settings.recovery), g.truth)));
}
say();
say('Recall by kind (main data): ' + Object.entries(main.recallByKind).map(([k, v]) => `${k} ${pct(v.rate)} of ${v.total}`).join(', '));
say();

say('## Backtest (replay six months back, 180-day horizon, 36 months of history, 5,000 customers)');
say();
const g36 = generateDistributor({ seed: 20261128, customers: 5000, endDate: END, months: 36 });
const d36 = datasetFromRows([...g36.rows()]);
let bt = runBacktest(d36, settings, asOf - 180, 180);
const btMs = timeMs(1, () => (bt = runBacktest(d36, settings, asOf - 180, 180)));
for (const level of bt.levels) {
  say(`${level.level}: ${level.flagged} flagged, ${level.compared} compared, ${ms(btMs)} for both levels. ${level.verdict.text}`);
  say();
  say('| method | flagged | precision | recall | loss captured | calibration |');
  say('|---|---|---|---|---|---|');
  for (const r of level.rows) say(`| ${r.label} | ${Math.round(r.flagged)} | ${pct(r.precision)} | ${pct(r.recallCount)} | ${pct(r.capturedShare)} | ${r.calibration === null ? '' : r.calibration.toFixed(2)} |`);
  say();
}
say('## BG/NBD');
say();
const rows = fs.readFileSync(path.join(values.data, 'cdnow_customers_summary.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
const x = rows.map((r) => r[1]);
const tx = rows.map((r) => r[2]);
const T = rows.map((r) => r[3]);
const fit = fitBgNbd(x, tx, T);
const fitMs = timeMs(3, () => fitBgNbd(x, tx, T));
const llMs = timeMs(21, () => bgnbdLogLikelihood(fit.params, x, tx, T));
const p = fit.params;
say(`CDNOW (2,357 customers): r ${p.r.toFixed(4)}, alpha ${p.alpha.toFixed(4)}, a ${p.a.toFixed(4)}, b ${p.b.toFixed(4)}, LL ${fit.logLikelihood.toFixed(3)} (paper: 0.243, 4.414, 0.793, 2.426, -9582.4); ${fit.iterations} simplex steps.`);
say();
say('| figure | value | ratio |');
say('|---|---|---|');
say(`| one log-likelihood evaluation on CDNOW (reference) | ${ms(llMs)} | 1 |`);
say(`| fitBgNbd on CDNOW | ${ms(fitMs)} | ${(fitMs / llMs).toFixed(0)} |`);
const pAliveMs = timeMs(1, () => customerPAlive(ds, asOf));
say(`| customerPAlive on the ${customers.toLocaleString('en-US')}-customer data (fit + score) | ${ms(pAliveMs)} | ${(pAliveMs / buildMs).toFixed(2)} x the recovery model build |`);
say();
say(`Peak memory (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`);

const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'results', 'recovery.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, lines.join('\n') + '\n');

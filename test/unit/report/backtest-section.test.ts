import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../main/backend/report/document';
import { buildView } from '../../../main/backend/report/view';
import type { BacktestReport, BacktestRow } from '../../../shared/model/results';
import { growthBacktestOf, growthRow } from '../../helpers/growth-rows';
import { action, importSummary, source, summary } from './fixtures';

const viewOptions = { anonymise: false, generatedAt: '2026-01-15T09:00:00.000Z', version: '9.8.7' };

const row = (method: BacktestRow['method'], label: string, precision: number, capturedShare: number, stated: number | null): BacktestRow => ({
  method,
  label,
  flagged: 300,
  declined: Math.round(precision * 300),
  precision,
  recallCount: 0.08,
  recallRevenue: 0.4,
  capturedLoss: capturedShare * 729_009,
  capturedShare,
  stated,
  calibration: stated === null ? null : stated / (capturedShare * 729_009),
});

// The shape of Online Retail as of 2011-08-31, rounded: a backtest the Recovery screen stored.
const backtest = (): BacktestReport => ({
  asOf: '2011-08-31',
  horizonDays: 100,
  dataFrom: '2010-12-01',
  dataTo: '2011-12-09',
  definitions: { priorDays: 274, declineShare: 0.5, businessIndex: 1.883, text: ['Declined = deflated spend under 50% of expected; <b>never</b> below zero.'] },
  model: { customer: null, relationship: null },
  levels: [
    {
      id: 'customer',
      level: 'customer',
      title: 'Customers',
      population: { units: 3304, declined: 1728, realisedLoss: 729_009, declinedRevenue: 2e6, expected: 2e6 },
      flagged: 2788,
      compared: 300,
      rows: [row('model', 'Longtail', 0.49, 0.404, 274_205), row('drop-90', 'Largest drop, last 90 days vs the 90 before', 0.467, 0.233, null)],
      verdict: { capturedRatio: 1.73, bestRule: 'drop-90', beatsCapture: true, precisionOk: true, calibrationOk: true, text: 'Beats the naive rules on this data. Flagged customers held 40% of the loss.' },
    },
  ],
  warnings: ['The data does not reach a year before the as-of date, so no seasonal swing could be learned.'],
});

describe('the backtest in the client report', () => {
  const s = summary({ revenue12m: 1_000_000, recovery: 120_000, growth: 80_000 });
  const acts = [action('recovery', 'Harbour Deli', 5400, 'Orders Dairy about every 14 days')];

  it('shows the stored backtest: each method with its precision, loss captured and stated money, the verdict and the warnings', () => {
    const v = buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: backtest() }, viewOptions);
    const page = renderReport(v);
    const section = page.slice(page.indexOf('<section id="backtest">'), page.indexOf('</section>', page.indexOf('<section id="backtest">')));
    expect(section).toContain('replayed as of 2011-08-31');
    expect(section).toContain('Customers: 2,788 flagged, top 300 compared');
    expect(section).toContain('Beats the naive rules on this data.');
    expect(section).toContain('Largest drop, last 90 days vs the 90 before');
    expect(section).toContain('40.4%');
    expect(section).toContain('0.93x');
    // The replay's notes inform; only a missed target is set out as a caution.
    expect(section).toMatch(/<ul class="backtest-notes"><li>The data does not reach a year before the as-of date, so no seasonal swing could be learned\.<\/li><\/ul>/);
    expect(section).toMatch(/<p class="verdict">Beats the naive rules on this data\./);
    expect(section).toMatch(/<tr class="ours"><td>Longtail<\/td>/);
    // Definitions are text, never markup.
    expect(section).toContain('&lt;b&gt;never&lt;/b&gt;');
  });

  it('shows a level with no flags as its verdict alone, with no table of zeros and no targets', () => {
    const none = backtest();
    const zero = (r: BacktestRow): BacktestRow => ({ ...r, flagged: 0, declined: 0, precision: 0, capturedLoss: 0, capturedShare: 0, stated: r.stated === null ? null : 0, calibration: null });
    none.levels[0] = {
      ...none.levels[0],
      flagged: 0,
      compared: 0,
      rows: none.levels[0].rows.map(zero),
      verdict: { capturedRatio: null, bestRule: null, beatsCapture: false, precisionOk: false, calibrationOk: false, text: 'No customers were flagged at that date, so there is nothing to compare.' },
    };
    const page = renderReport(buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: none }, viewOptions));
    const section = page.slice(page.indexOf('<section id="backtest">'), page.indexOf('</section>', page.indexOf('<section id="backtest">')));
    expect(section).toContain('<h3>Customers: none flagged</h3>\n<p class="warning">No customers were flagged at that date, so there is nothing to compare.</p>');
    expect(section).not.toContain('<tr class="ours"><td>Longtail</td>');
    expect(section).not.toMatch(/MISSED|Targets/);
  });

  it("shows our flags by the chance of a slide stated, each band's money against the loss that followed, and keeps a backtest stored without bands as it was", () => {
    const withBands = backtest();
    withBands.levels[0].bands = [
      { from: 0, to: 0.3, flagged: 57, declined: 14, precision: 14 / 57, capturedLoss: 123_167, stated: 207_517, calibration: 207_517 / 123_167, statedChance: 0.204 },
      { from: 0.45, to: 0.6, flagged: 105, declined: 63, precision: 0.6, capturedLoss: 86_204, stated: 83_511, calibration: 83_511 / 86_204, statedChance: 0.537 },
    ];
    const page = renderReport(buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: withBands }, viewOptions));
    const section = page.slice(page.indexOf('<section id="backtest">'), page.indexOf('</section>', page.indexOf('<section id="backtest">')));
    expect(section).toContain('<caption>Ours, by the chance of a slide stated</caption>');
    expect(section).toMatch(/<tr><td>under 30%<\/td><td class="num">57<\/td><td class="num">24\.6%<\/td><td class="num">20\.4%<\/td><td class="num">[^<]*207,517<\/td><td class="num">[^<]*123,167<\/td><td class="num">1\.68x<\/td><\/tr>/);
    expect(section).toMatch(/<tr><td>45-60%<\/td><td class="num">105<\/td>/);
    // Stored before bands were scored: no table, nothing else changes.
    const before = renderReport(buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: backtest() }, viewOptions));
    expect(before).not.toContain('by the chance of a slide stated');
    expect(before).toContain('Customers: 2,788 flagged, top 300 compared');
  });

  it('reads a band of under 20 flags as too few to judge, and one where nothing was lost as such', () => {
    const withBands = backtest();
    withBands.levels[0].bands = [
      { from: 0, to: 0.3, flagged: 1, declined: 0, precision: 0, capturedLoss: 24, stated: 51, calibration: 51 / 24, statedChance: 0.21 },
      { from: 0.45, to: 0.6, flagged: 30, declined: 0, precision: 0, capturedLoss: 0, stated: 700, calibration: null, statedChance: 0.5 },
    ];
    const page = renderReport(buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: withBands }, viewOptions));
    expect(page).toMatch(/<tr><td>under 30%<\/td><td class="num">1<\/td><td class="num">too few to judge<\/td><td class="num">21\.0%<\/td><td class="num">[^<]*51<\/td><td class="num">[^<]*24<\/td><td class="num">too few to judge<\/td><\/tr>/);
    expect(page).not.toContain('2.13x');
    expect(page).toMatch(/<tr><td>45-60%<\/td><td class="num">30<\/td><td class="num">0\.0%<\/td>.*<td class="num">nothing lost<\/td><\/tr>/);
  });

  it("sets our list beside the precision bar's rule, what both hold and what each holds alone, and keeps a backtest stored without it as it was", () => {
    const withDifference = backtest();
    withDifference.levels[0].difference = {
      rule: 'drop-90',
      shared: { flagged: 148, declined: 84, precision: 84 / 148, capturedLoss: 189_605, expected: 503_052 },
      oursOnly: { flagged: 152, declined: 64, precision: 64 / 152, capturedLoss: 160_478, expected: 545_224 },
      ruleOnly: { flagged: 152, declined: 96, precision: 96 / 152, capturedLoss: 57_714, expected: 108_376 },
    };
    const page = renderReport(buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: withDifference }, viewOptions));
    const section = page.slice(page.indexOf('<section id="backtest">'), page.indexOf('</section>', page.indexOf('<section id="backtest">')));
    expect(section).toContain("<caption>Ours beside the precision bar&#39;s rule (largest drop, last 90 days vs the 90 before), as many flags each</caption>");
    // Usual spend each: 545,224 / 152 = 3,587 and 108,376 / 152 = 713.
    expect(section).toMatch(/<tr><td>Ours alone<\/td><td class="num">152<\/td><td class="num">42\.1%<\/td><td class="num">[^<]*160,478<\/td><td class="num">[^<]*3,587<\/td><\/tr>/);
    expect(section).toMatch(/<tr><td>The rule&#39;s alone<\/td><td class="num">152<\/td><td class="num">63\.2%<\/td><td class="num">[^<]*57,714<\/td><td class="num">[^<]*713<\/td><\/tr>/);
    expect(section).toMatch(/<tr><td>In both lists<\/td><td class="num">148<\/td>/);
    const before = renderReport(buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: backtest() }, viewOptions));
    expect(before).not.toContain('precision bar');
    expect(before).toContain('Customers: 2,788 flagged, top 300 compared');
  });

  it('shows what the customers given growth actions bought next, beside the popularity rules, and warns when a rule did better', () => {
    const rows = [
      growthRow('model', 'Longtail growth actions', 0.222, 0.039, 68_258),
      growthRow('same-customers-popular', 'Same customers, their most widely bought missing categories', 0.223, 0.033),
    ];
    const growth = growthBacktestOf(rows, {
      takeUpOk: false,
      upliftOk: true,
      takeUpRatio: 0.996,
      text: 'Growth actions did not point where customers were heading better than suggesting the most widely bought categories they lacked.',
    });
    const page = renderReport(buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: { ...backtest(), growth } }, viewOptions));
    const section = page.slice(page.indexOf('<section id="backtest">'), page.indexOf('</section>', page.indexOf('<section id="backtest">')));
    expect(section).toContain('Growth actions: 1,320 suggested, against what their customers bought next');
    expect(section).toContain('Same customers, their most widely bought missing categories');
    expect(section).toContain('22.2%');
    expect(section).toMatch(/<p class="warning">Growth actions did not point/);
  });

  it('says how to add one when the analysis was never backtested, and keeps it in an anonymised report', () => {
    const none = renderReport(buildView(source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), viewOptions));
    expect(none).toContain('No backtest has been made of this analysis');
    const anonymised = renderReport(buildView({ ...source('Acme Foods', s, acts, [importSummary('sales.csv', 'n/a')]), backtest: backtest() }, { ...viewOptions, anonymise: true }));
    expect(anonymised).toContain('Customers: 2,788 flagged, top 300 compared');
    expect(anonymised).not.toContain('Acme Foods');
  });

  it('adds the backtest across dates when one was made: a row per date with each target met or missed, and its verdict as a caution when the edge did not hold', () => {
    const point = (asOf: string, ratio: number, ok: boolean) => ({
      asOf, businessIndex: 1, flagged: 1_200, compared: 300, capturedRatio: ratio, bestRule: 'drop-90' as const, ceilingRatio: 2.4, precision: 0.5, precisionBar: 0.55,
      calibration: 1.1, beatsCapture: ok, precisionOk: false, calibrationOk: true, tooFewDeclines: false, ruleOwnSize: 0.3,
    });
    const acrossDates = { horizonDays: 90, points: [point('2011-03-31', 1.44, true), point('2011-06-30', 1.02, false), point('2011-09-30', 1.1, false)], met: { judged: 3, capture: 1, precision: 0, money: 3, all: 0 }, verdict: 'The edge in loss captured does not hold across dates on this data.' };
    const made = renderReport(buildView({ ...source('Acme Foods', s, acts, []), backtest: backtest(), acrossDates }, viewOptions));
    expect(made).toContain('<h3>Across dates: 3 as-of dates, 90 days watched after each</h3>');
    expect(made).toContain('<p class="warning">The edge in loss captured does not hold across dates on this data.</p>');
    expect(made).toContain('<tr><td>2011-03-31</td><td class="num">1,200</td><td class="num">1.44x (90-day drop) met</td><td class="num">2.40x</td><td class="num">50.0% / 55.0% missed</td><td class="num">1.10x met</td></tr>');
    const none = renderReport(buildView({ ...source('Acme Foods', s, acts, []), backtest: backtest() }, viewOptions));
    expect(none).not.toContain('Across dates');
  });
});

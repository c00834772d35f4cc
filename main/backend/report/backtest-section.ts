import { formatCount, formatMoney, formatShare } from '../../../shared/format/numbers';
import { bandJudgement, calibrationText, captureText, chanceBandLabel, differenceTable, edgeHolds, otherOrdersTable, precisionText, repeatedLevelText, repeatsTopLevel, targetMet, timesText, usualSpendEach, verdictTargets, whyNotJudged } from '../../../shared/analytics/holdout';
import type { BacktestAcrossDates, BacktestLevel, ChanceBand, DatePoint, GrowthBacktest, ListDifference } from '../../../shared/model/results';
import { html, raw, type SafeHtml } from './escape';
import type { ReportView } from './view';

/** The three targets, each met or missed, above the verdict's reasons (nothing where too few slides to judge). */
function targetsLine(level: BacktestLevel): SafeHtml {
  const targets = verdictTargets(level);
  if (targets.length === 0) return raw('');
  const parts = targets.map((t) => html`<span class="${t.met ? 'met' : 'missed'}">${t.met ? '✓' : '✗'} ${t.label} ${t.figure} (target ${t.target})</span>`);
  return html`<p class="targets">${parts.flatMap((p, i) => (i === 0 ? [p] : [raw(' · '), p]))}</p>
`;
}

function levelTable(level: BacktestLevel, currency: string): SafeHtml {
  const money = (v: number) => formatMoney(v, currency);
  const rows = level.rows.map(
    (r) =>
      html`<tr${raw(r.method === 'model' ? ' class="ours"' : '')}><td>${r.label}</td><td class="num">${formatCount(Math.round(r.flagged))}</td><td class="num">${formatShare(r.precision)}</td><td class="num">${formatShare(r.recallCount)}</td><td class="num">${formatShare(r.recallRevenue)}</td><td class="num">${formatShare(r.capturedShare)} (${money(r.capturedLoss)})</td><td class="num">${r.stated === null ? '' : money(r.stated)}</td><td class="num">${r.calibration === null ? '' : `${r.calibration.toFixed(2)}x`}</td></tr>`,
  );
  const ok = level.verdict.beatsCapture && level.verdict.precisionOk && level.verdict.calibrationOk;
  const compared = level.compared === level.flagged ? 'every one compared' : `top ${formatCount(level.compared)} compared`;
  // No flags: every method's row would be zero, so the verdict alone says what there is.
  if (level.flagged === 0) return html`<h3>${level.title}: none flagged</h3>\n<p class="warning">${level.verdict.text}</p>`;
  return html`<h3>${level.title}: ${formatCount(level.flagged)} flagged, ${compared}</h3>
${targetsLine(level)}<p class="${ok ? 'verdict' : 'warning'}">${level.verdict.text}</p>
<table><thead><tr><th>Method</th><th class="num">Flags</th><th class="num">Precision</th><th class="num">Recall</th><th class="num">Recall by revenue</th><th class="num">Realised loss captured</th><th class="num">Stated at risk</th><th class="num">Stated / realised</th></tr></thead>
<tbody>${rows}</tbody></table>
${level.bands && level.bands.length > 0 ? bandTable(level.bands, money) : raw('')}
${level.difference ? differenceSection(level.difference, money) : raw('')}
${otherOrdersSection(level)}`;
}

/** This run's list beside the other list orders on the same replay. */
function otherOrdersSection(level: BacktestLevel): SafeHtml {
  const table = otherOrdersTable(level);
  if (!table) return raw('');
  const rows = table.rows.map(
    (r) =>
      html`<tr${raw(r.key === 'run' ? ' class="ours"' : '')}><td>${r.label}</td><td class="num">${formatShare(r.precision)}</td><td class="num">${formatShare(r.capturedShare)}</td><td class="num">${r.vsBest === null ? '' : `${r.vsBest.toFixed(2)}x`}</td><td class="num">${r.calibration === null ? '' : `${r.calibration.toFixed(2)}x`}</td></tr>`,
  );
  return html`<table class="bands"><caption>${table.caption}</caption><thead><tr><th>List order</th><th class="num">Really declined</th><th class="num">Loss captured</th><th class="num">vs the best rule</th><th class="num">Stated / realised</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** Our list beside the precision bar's rule: what both hold, and what each holds alone. */
function differenceSection(d: ListDifference, money: (v: number) => string): SafeHtml {
  const table = differenceTable(d);
  const rows = table.rows.map(
    ({ label, part }) =>
      html`<tr><td>${label}</td><td class="num">${formatCount(part.flagged)}</td><td class="num">${part.flagged > 0 ? formatShare(part.precision) : ''}</td><td class="num">${money(part.capturedLoss)}</td><td class="num">${part.flagged > 0 ? money(usualSpendEach(part)) : ''}</td></tr>`,
  );
  return html`<table class="bands"><caption>${table.caption}</caption><thead><tr><th>Which flags</th><th class="num">Flags</th><th class="num">Really declined</th><th class="num">Realised loss</th><th class="num">Usual spend each</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** Our compared flags by the chance of a slide we stated: where that chance and the money held. */
function bandTable(bands: ChanceBand[], money: (v: number) => string): SafeHtml {
  const rows = bands.map((b) => {
    const judged = bandJudgement(b, formatShare);
    return html`<tr><td>${chanceBandLabel(b)}</td><td class="num">${formatCount(b.flagged)}</td><td class="num">${judged.declined}</td><td class="num">${b.statedChance == null ? '' : formatShare(b.statedChance)}</td><td class="num">${b.stated === null ? '' : money(b.stated)}</td><td class="num">${money(b.capturedLoss)}</td><td class="num">${judged.statedLost}</td></tr>`;
  });
  return html`<table class="bands"><caption>Ours, by the chance of a slide stated</caption><thead><tr><th>Chance stated</th><th class="num">Flags</th><th class="num">Really declined</th><th class="num">Mean chance stated</th><th class="num">Stated at risk</th><th class="num">Realised loss</th><th class="num">Stated / realised</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function growthTable(g: GrowthBacktest, currency: string): SafeHtml {
  const money = (v: number) => formatMoney(v, currency);
  const rows = g.rows.map(
    (r) =>
      html`<tr${raw(r.method === 'model' ? ' class="ours"' : '')}><td>${r.label}</td><td class="num">${formatCount(Math.round(r.suggestions))}</td><td class="num">${formatCount(Math.round(r.customers))}</td><td class="num">${formatShare(r.takeUpRate)}</td><td class="num">${formatShare(r.upliftShare)} (${money(r.uplift)})</td><td class="num">${r.stated === null ? '' : money(r.stated)}</td></tr>`,
  );
  return html`<h3>Growth actions: ${formatCount(g.rows[0].suggestions)} suggested, against what their customers bought next</h3>
<p class="${g.verdict.takeUpOk && g.verdict.upliftOk ? 'verdict' : 'warning'}">${g.verdict.text}</p>
<table><thead><tr><th>Method</th><th class="num">Suggestions</th><th class="num">Customers</th><th class="num">Taken up</th><th class="num">New spend held</th><th class="num">Stated for the horizon</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

const mark = (p: DatePoint, ok: boolean | null): string => {
  const met = targetMet(p, ok);
  return met === null ? '' : ` ${met}`;
};

/** The same backtest at several dates: a row each, and whether the edge held across them. */
function acrossDatesTable(a: BacktestAcrossDates): SafeHtml {
  const rows = a.points.map((p) => {
    const capture = captureText(p);
    return html`<tr><td>${p.asOf}${whyNotJudged(p) ? ` (${whyNotJudged(p)})` : ''}</td><td class="num">${formatCount(p.flagged)}</td><td class="num">${capture === null ? '' : `${capture}${mark(p, p.beatsCapture)}`}</td><td class="num">${timesText(p.ceilingRatio) ?? ''}</td><td class="num">${p.flagged === 0 ? '' : `${precisionText(p)}${mark(p, p.precisionOk)}`}</td><td class="num">${calibrationText(p.calibration) ?? ''}${mark(p, p.calibrationOk)}</td></tr>`;
  });
  return html`<h3>Across dates: ${formatCount(a.points.length)} as-of dates, ${formatCount(a.horizonDays)} days watched after each</h3>
<p class="${edgeHolds(a.met) ? 'verdict' : 'warning'}">${a.verdict}</p>
<table><thead><tr><th>As of</th><th class="num">Flagged</th><th class="num">Loss captured vs the best rule</th><th class="num">Perfect foresight (the ceiling)</th><th class="num">Really declined, ours / the bar</th><th class="num">Stated / realised</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** The run's last backtest: our flags and money against what happened next, beside the naive rules. */
/**
 * The backtest's outcome in one line for the Overview, a missed target marked as a warning: at the
 * end of the report alone, "stated / realised 14.15x" sat under figures read as sure.
 */
export function backtestSummaryLine(v: ReportView): SafeHtml {
  const b = v.backtest;
  if (!v.summary.hasDates || !b) return raw('');
  // A level that repeats the one above (every flag, where the top ones were all of them) is said once.
  const parts = b.levels.filter((l) => !repeatsTopLevel(l, b.levels)).flatMap((l) => {
    const targets = verdictTargets(l);
    if (l.flagged === 0 || targets.length === 0) return [{ missed: false, text: `${l.title}: not judged (${l.flagged === 0 ? 'none flagged' : 'too few slides'})` }];
    const missed = targets.filter((t) => !t.met);
    return [{ missed: missed.length > 0, text: missed.length === 0 ? `${l.title}: all three targets met` : `${l.title}: missed ${missed.map((t) => `${t.label.toLowerCase()} (${t.figure}; target ${t.target})`).join(', ')}` }];
  });
  const anyMissed = parts.some((p) => p.missed);
  return html`<p class="${anyMissed ? 'warning' : 'verdict'}"><strong>Backtest</strong> as of ${b.asOf} over ${formatCount(b.horizonDays)} days: ${parts.map((p) => p.text).join('; ')}. ${
    anyMissed ? 'Read the money and the lists with that in mind; ' : ''
  }<a href="#backtest">the whole comparison</a> is below.</p>`;
}

export function backtestSection(v: ReportView): SafeHtml {
  if (!v.summary.hasDates) return raw('');
  const b = v.backtest;
  if (!b) {
    return html`<section id="backtest"><h2>Backtest</h2><p>No backtest has been made of this analysis. Run one on the Recovery screen or with <code>longtail backtest</code>, then build the report again to include how its flags and money held up against what really happened.</p></section>`;
  }
  return html`<section id="backtest"><h2>Backtest: did the flags and the money hold up?</h2>
<p>The analysis was replayed as of ${b.asOf} with only the data up to that date, and scored on the ${formatCount(b.horizonDays)} days after it, beside naive rules given the same number of flags.</p>
${b.warnings.length > 0 ? html`<ul class="backtest-notes">${b.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : raw('')}
${b.levels.map((l) => (repeatsTopLevel(l, b.levels) ? html`<p>${repeatedLevelText(l)}</p>` : levelTable(l, v.currency)))}
${b.growth ? growthTable(b.growth, v.currency) : raw('')}
${v.acrossDates ? acrossDatesTable(v.acrossDates) : raw('')}
<ul>${b.definitions.text.map((t) => html`<li>${t}</li>`)}</ul>
</section>`;
}

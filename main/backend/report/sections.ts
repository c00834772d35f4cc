import { BAND_PLACE, GROWTH_ALONE, unbandedWhy } from '../../../shared/format/band-words';
import { formatCount, formatMoney, formatShare } from '../../../shared/format/numbers';
import type { LeakageDimension, LeakageRow } from '../../../shared/model/results';
import { breakdownHeight, leakageBandOption, leakageBreakdownOption, paretoOption, renderChart } from './charts';
import { html, raw, type SafeHtml } from './escape';
import { methodParagraphs, settingsRows } from './settings-text';
import { backtestSummaryLine } from './backtest-section';
import { learnedModelBasis } from '../../../shared/analytics/recovery/overview';
import type { AnalysisSettings } from '../../../shared/contract/settings';
import { describeChanges, settingsChanges } from '../../../shared/model/settings-changes';
import type { ReportView } from './view';
import { NONE_KEY } from '../../../shared/model/slice';
import { leakageKeyLabel } from '../../../shared/format/leakage-keys';
import { leakageSpan, spanWords, type LeakageSpan } from '../../../shared/format/leakage-span';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { horizonOtherThanYear } from '../../../shared/analytics/recovery/risk-reasons';

const DIMENSIONS: { key: LeakageDimension; title: string }[] = [
  { key: 'territory', title: 'Territory' },
  { key: 'rep', title: 'Rep' },
  { key: 'category', title: 'Category' },
  { key: 'tier', title: 'Tier' },
  { key: 'profile', title: 'Profile' },
];
const BREAKDOWN_ROWS = 12;

const img = (src: string, alt: string, width: number, height: number): SafeHtml =>
  html`<img class="chart" src="${src}" alt="${alt}" width="${width}" height="${height}">`;

const tile = (label: string, value: string, note = ''): SafeHtml =>
  html`<div class="tile"><div class="tile-label">${label}</div><div class="tile-value">${value}</div><div class="tile-note">${note}</div></div>`;

/** The run's notes, the caveats first and marked, as the Overview shows them (older stored runs carry none). */
function notesList(notes: string[] | undefined, caveats: string[] | undefined): SafeHtml {
  if (!notes || notes.length === 0) return raw('');
  const marked = new Set(caveats ?? []);
  const ordered = [...notes.filter((n) => marked.has(n)), ...notes.filter((n) => !marked.has(n))];
  return html`<ul class="notes">${ordered.map((n) => (marked.has(n) ? html`<li class="caveat"><strong>Caveat:</strong> ${n}</li>` : html`<li>${n}</li>`))}</ul>`;
}

/** Figures from moved thresholds are marked where they are read, not only in the settings table at the end. */
function customSettingsNote(settings: AnalysisSettings): SafeHtml {
  const changes = settingsChanges(settings);
  return changes.length === 0 ? raw('') : html`<p class="custom-settings"><strong>Custom settings:</strong> these figures come from settings other than the defaults: ${describeChanges(changes)}.</p>`;
}

/** How the run's amounts read: over what stretch, and whether they are money or purchase counts. */
const spanOf = (v: ReportView): LeakageSpan => leakageSpan(v.summary.leakage.windowDays, { hasDates: v.summary.hasDates, currency: v.currency });

const capital = (text: string): string => `${text[0].toUpperCase()}${text.slice(1)}`;

/**
 * Said first where the data has no money: a purchase log's every amount is a count of purchases,
 * which a reader had met only in the warnings at the end, after a headline that read it as revenue.
 */
export const PURCHASE_COUNTS_NOTE =
  'Amounts are purchase counts, not money: the data has no money column, so each purchase counts as one unit, and every "revenue" figure here is a number of purchases.';

/**
 * The 7-30% band is a share of revenue; a purchase log's share is of purchases. Set against the band
 * all the same, as the nearest reading the data allows, with this said beside it.
 */
export const PURCHASE_BAND_CAVEAT =
  'The band is a share of revenue and this is a share of purchases: the comparison holds only as far as a purchase is worth about the same across customers and categories, so read it as a rough guide.';

export function overviewSection(v: ReportView): SafeHtml {
  const s = v.summary;
  const money = (x: number): string => formatMoney(x, v.currency);
  const l = s.leakage;
  const span = spanOf(v);
  const counts = v.currency === PURCHASE_UNITS;
  const Amount = capital(span.amount);
  const band = `${formatShare(l.band.low, 0)}-${formatShare(l.band.high, 0)}`;
  // Growth alone (a spend table) is not set against the band: no chart of it either.
  const chart = (): string =>
    renderChart(
      leakageBandOption(
        [{ label: 'This client', recoveryShare: l.revenue12m > 0 ? l.recovery / l.revenue12m : 0, growthShare: l.revenue12m > 0 ? l.growth / l.revenue12m : 0 }],
        l.band.position ? l.band : null,
        `Leakage as a share of ${span.revenue}`,
      ),
      760,
      160,
    );
  return html`<section id="overview"><h2>Overview</h2>
${counts ? html`<p class="units-note"><strong>Purchase counts.</strong> ${PURCHASE_COUNTS_NOTE}</p>` : raw('')}
<p class="lead">Leakage is <strong>${money(l.total)}</strong>, <strong>${formatShare(l.share)}</strong> ${
    !s.hasDates
      ? html`of the table's ${span.amount}, from ${GROWTH_ALONE}, so it is not set against the ${band} band that B2B vendors report for churn and missed cross-sell together.`
      : l.band.position
        ? counts
          ? html`of ${span.revenue}: ${BAND_PLACE[l.band.position]} the ${band} band of revenue that B2B vendors report. ${PURCHASE_BAND_CAVEAT}`
          : html`of ${span.revenue}: ${BAND_PLACE[l.band.position]} the ${band} band that B2B vendors report.`
        : html`of ${span.revenue}: ${unbandedWhy(true, l.windowDays)}, so it is not set against the ${band} band that B2B vendors report.`
  }</p>
${customSettingsNote(s.settings)}
<div class="tiles">
${s.hasDates ? tile(span.short ? `${Amount}, ${span.window}` : `${Amount}, last 12 months`, money(s.revenue12m), `to ${s.asOf}`) : tile(`${Amount} in the table`, money(s.revenue12m), 'a spend table, no dates')}
${tile('Customers buying', formatCount(s.customers.active12m), `${formatCount(s.customers.total)} known`)}
${tile('Strategic accounts', formatCount(s.customers.strategic), `${formatShare(s.strategicRevenueShare)} of ${span.amount}`)}
${tile('Long-tail customers', formatCount(s.customers.longTail), `${formatShare(Math.max(0, 1 - s.strategicRevenueShare))} of ${span.amount}`)}
${
  // Recovery reads dated sales: a spend table has none to read, which "$0 / 0 actions" had hidden.
  s.hasDates
    ? tile(`${spanWords(`${Amount} at risk`, span.per)} (recovery)`, money(l.recovery), `${formatCount(s.counts.recoveryActions)} actions`)
    : tile(`${Amount} at risk (recovery)`, 'n/a: no dates', 'recovery needs dated sales')
}
${tile(spanWords('Expected growth', span.per), money(l.growth), `${formatCount(s.counts.growthActions)} actions`)}
${tile(spanWords('Leakage', span.per), money(l.total), `${formatShare(l.share)} of ${span.amount}`)}
${tile('Profiles', s.k === 1 ? 'One peer group' : formatCount(s.profiles.length), s.structure?.state === 'none' ? (s.structure.tooSmall ? 'no k with profiles of the minimum size' : 'no clear buying patterns') : s.structure?.state === 'weak' ? `suggested k ${s.suggestedK}, weak buying patterns` : `suggested k ${s.suggestedK}`)}
</div>
${notesList(s.notes, s.caveats)}
${backtestSummaryLine(v)}
${s.hasDates ? img(chart(), 'Leakage share against the industry band', 760, 160) : raw('')}
${s.pareto.length > 1 ? img(renderChart(paretoOption(s.pareto, span), 760, 260), `Pareto curve: share of ${span.amount} by share of customers`, 760, 260) : raw('')}
</section>`;
}

function breakdownTable(rows: LeakageRow[], title: string, currency: string, span: LeakageSpan): SafeHtml {
  const shown = [...rows].sort((a, b) => b.total - a.total).slice(0, BREAKDOWN_ROWS);
  // A spend table has no recovery to split: a column of zeros read as nothing at risk.
  const recovery = (r: LeakageRow): string => (span.dated ? formatMoney(r.recovery, currency) : 'n/a');
  const body = shown.map(
    (r) =>
      html`<tr><td>${leakageKeyLabel(title, r.key)}</td><td class="num">${recovery(r)}</td><td class="num">${formatMoney(r.growth, currency)}</td><td class="num">${formatMoney(r.total, currency)}</td><td class="num">${formatMoney(r.revenue12m, currency)}</td><td class="num">${r.revenue12m > 0 ? formatShare(r.share) : '—'}</td></tr>`,
  );
  const more = rows.length > shown.length ? html`<p class="note">${rows.length - shown.length} more not shown.</p>` : raw('');
  return html`<table><thead><tr><th>${title}</th><th class="num">${spanWords('Recovery', span.per)}</th><th class="num">${spanWords('Growth', span.per)}</th><th class="num">${spanWords('Leakage', span.per)}</th><th class="num">${span.revenueColumn}</th><th class="num">Share</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

export function leakageSection(v: ReportView): SafeHtml {
  const span = spanOf(v);
  const parts = DIMENSIONS.map(({ key, title }) => {
    const rows = v.summary.leakage.by[key] ?? [];
    // One '(none)' bar said nothing a sentence does not say better.
    if (rows.length === 0 || rows.every((r) => r.key === NONE_KEY)) {
      return html`<h3>By ${title.toLowerCase()}</h3><p class="note">No customer has a ${title.toLowerCase()} in this data, so leakage cannot be split by it.</p>`;
    }
    const label = (k: string): string => leakageKeyLabel(key, k);
    const shown = [...rows].sort((a, b) => b.total - a.total).slice(0, BREAKDOWN_ROWS);
    const height = breakdownHeight(shown.map((r) => label(r.key)));
    const chart = renderChart(leakageBreakdownOption(rows, v.currency, span, BREAKDOWN_ROWS, label), 760, height);
    // One block, so a printed page never puts the chart on one page and its table on the next.
    return html`<div class="breakdown"><h3>By ${title.toLowerCase()}</h3>${img(chart, `Leakage by ${title.toLowerCase()}`, 760, height)}${breakdownTable(rows, title, v.currency, span)}</div>`;
  });
  return html`<section id="leakage"><h2>Where the leakage hides</h2>${parts}</section>`;
}

export function actionsSection(v: ReportView): SafeHtml {
  if (v.actions.length === 0) return html`<section id="actions"><h2>Top actions</h2><p>No actions: nothing is at risk and no growth gap passed the thresholds.</p></section>`;
  const rows = v.actions.map(
    (a, i) =>
      html`<tr><td class="num">${i + 1}</td><td>${a.customerName}</td><td>${a.category}</td><td>${a.kind}</td><td class="num">${formatMoney(a.expectedRevenue, v.currency)}</td><td class="num">${Math.round(a.priority)}</td><td>${a.rep ?? ''}</td><td class="reason">${a.reason}</td></tr>`,
  );
  const span = horizonOtherThanYear(v.summary.settings.recovery.horizonDays);
  // Recovery money is over the run's horizon and growth over a year: only at 365 days do they read alike.
  const spanNote = span ? html`<p class="note">Expected: for recovery, money at risk over the next ${span} (the run's horizon); for growth, a year of what peers buy.</p>` : raw('');
  return html`<section id="actions"><h2>Top ${v.actions.length} actions by expected ${spanOf(v).amount}</h2>${spanNote}
<table><thead><tr><th class="num">#</th><th>Customer</th><th>Category</th><th>Kind</th><th class="num">Expected</th><th class="num">Priority</th><th>Rep</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function profilesSection(v: ReportView): SafeHtml {
  const cats = v.summary.categories;
  if (v.summary.profiles.length === 0) return html`<section id="profiles"><h2>Buying-pattern profiles</h2><p>No profiles were built.</p></section>`;
  const rows = v.summary.profiles.map((p) => {
    const top = p.mix
      .map((share, i) => ({ share, category: cats[i] ?? `#${i}` }))
      .sort((a, b) => b.share - a.share)
      .slice(0, 4)
      .filter((c) => c.share > 0)
      .map((c) => `${c.category} ${formatShare(c.share, 0)}`)
      .join(', ');
    return html`<tr><td>${p.label}</td><td class="num">${formatCount(p.members)}</td><td class="num">${formatCount(p.bestMembers)}</td><td class="num">${formatMoney(p.revenue12m, v.currency)}</td><td>${top}</td></tr>`;
  });
  return html`<section id="profiles"><h2>Buying-pattern profiles</h2>
<table><thead><tr><th>Profile</th><th class="num">Customers</th><th class="num">Best customers</th><th class="num">${spanOf(v).revenueColumn}</th><th>Typical mix</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function methodSection(v: ReportView): SafeHtml {
  const s = v.summary;
  const basis = s.recovery ? learnedModelBasis(s.recovery) : null;
  const paragraphs = [...methodParagraphs(s.settings, s.asOf, s.k, spanOf(v)), ...(basis ? [basis] : [])].map((p) => html`<p>${p}</p>`);
  const rows = settingsRows(s.settings).map(
    (r) => html`<tr><td>${r.label}</td><td>${r.value}</td><td><code>${r.flag}</code></td></tr>`,
  );
  return html`<section id="method"><h2>Method and settings</h2>${paragraphs}
<table class="settings"><thead><tr><th>Setting</th><th>Value</th><th>Command-line flag</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function dataQualitySection(v: ReportView): SafeHtml {
  const imports = v.imports.map(
    (i) =>
      html`<tr><td>${i.displayName}</td><td>${i.shape}</td><td class="num">${formatCount(i.rowsRead)}</td><td class="num">${formatCount(i.rowsImported)}</td><td class="num">${formatCount(i.rowsRejected)}</td><td class="num">${formatCount(i.rowsSkipped)}</td><td class="num">${formatCount(i.returns)}</td><td>${i.dateFrom ?? ''}..${i.dateTo ?? ''}</td><td class="num">${formatMoney(i.revenue, v.currency)}</td></tr>`,
  );
  const warnings = v.imports.flatMap((i) => i.warnings.map((w) => html`<li>${i.displayName}: ${w}</li>`));
  const rejects = v.imports.flatMap((i) =>
    i.rejectsSample.map(
      (r) => html`<tr><td>${i.displayName}</td><td class="num">${r.row}</td><td>${r.column ?? ''}</td><td>${v.anonymised ? '(hidden)' : (r.value ?? '')}</td><td>${r.reason}</td></tr>`,
    ),
  );
  const totalRejected = v.imports.reduce((sum, i) => sum + i.rowsRejected, 0);
  return html`<section id="data-quality"><h2>Data quality</h2>
<p>${formatCount(v.transactions)} transactions from ${v.dateFrom ?? '?'} to ${v.dateTo ?? '?'} in ${formatCount(v.imports.length)} import(s); ${formatCount(totalRejected)} row(s) rejected.</p>
<table><thead><tr><th>File</th><th>Shape</th><th class="num">Read</th><th class="num">Imported</th><th class="num">Rejected</th><th class="num">Skipped</th><th class="num">Returns</th><th>Period</th><th class="num">${capital(spanOf(v).amount)}</th></tr></thead><tbody>${imports}</tbody></table>
${warnings.length ? html`<h3>Warnings</h3><ul>${warnings}</ul>` : raw('')}
${rejects.length ? html`<h3>Rejected rows (sample)</h3><table><thead><tr><th>File</th><th>Row</th><th>Column</th><th>Value</th><th>Reason</th></tr></thead><tbody>${rejects}</tbody></table>` : raw('')}
</section>`;
}

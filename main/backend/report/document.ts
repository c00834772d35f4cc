import { AppError } from '../../../shared/contract/errors';
import { html, raw } from './escape';
import { actionsSection, dataQualitySection, leakageSection, methodSection, overviewSection, profilesSection } from './sections';
import { pAliveSection } from './palive-section';
import { backtestSection } from './backtest-section';
import type { ReportView } from './view';

// Print-friendly and self-contained: the same file becomes the PDF, so no web fonts, no scripts.
const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #111827; margin: 0 auto; max-width: 980px; padding: 24px; }
header { border-bottom: 3px solid #1d4ed8; margin-bottom: 16px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: #4b5563; font-size: 12px; margin: 0 0 12px; }
.meta dt { display: inline; font-weight: bold; } .meta dd { display: inline; margin: 0 14px 0 4px; }
.lead { font-size: 16px; }
.custom-settings { border-left: 4px solid #e69f00; background: #fff7e6; padding: 6px 10px; }
.units-note { border-left: 4px solid #1d4ed8; background: #eff6ff; padding: 6px 10px; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 12px 0; }
.tile { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 10px; }
.tile-label { font-size: 11px; color: #6b7280; text-transform: uppercase; letter-spacing: .03em; }
.tile-value { font-size: 19px; font-weight: bold; }
.tile-note { font-size: 11px; color: #6b7280; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 12px; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { text-align: right; }
caption { caption-side: top; text-align: left; color: #555; font-size: 0.85em; font-weight: 600; padding: 4px 0; }
td.reason { color: #374151; }
.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
.note { color: #6b7280; font-size: 12px; }
.warning { border: 1px solid #b54708; background: #fffaeb; border-radius: 6px; padding: 8px 10px; }
.verdict { border: 1px solid #d1d5db; background: #f9fafb; border-radius: 6px; padding: 8px 10px; }
.targets { margin: 6px 0 4px; }
.targets .met { color: #067647; }
.targets .missed { color: #b42318; font-weight: 600; }
tr.ours td { font-weight: 600; background: #f3f4f6; }
.backtest-notes { color: #4b5563; }
.notes li.caveat { background: #fff7e6; border-left: 3px solid #d97706; padding: 2px 6px; margin-bottom: 4px; list-style: none; }
footer { margin-top: 32px; border-top: 1px solid #e5e7eb; padding-top: 8px; color: #6b7280; font-size: 11px; }
section { break-inside: auto; } tr, .tile, .chart, .breakdown { break-inside: avoid; }
@media print { body { padding: 0; } h2, h3 { break-after: avoid; } }
`;

// No network, no script: only inline styles and data: images may load, even if a name slipped past escaping.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderReport(v: ReportView): string {
  const s = v.summary;
  const doc = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${raw(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Longtail ${v.version}">
<title>Longtail report: ${v.clientName} as of ${s.asOf}</title>
<style>${CSS}</style></head>
<body>
<header><h1>Revenue leakage report: ${v.clientName}</h1>
<dl class="meta">
<dt>As of</dt><dd>${s.asOf}</dd>
<dt>Data</dt><dd>${s.hasDates ? `${v.dateFrom ?? '?'} to ${v.dateTo ?? '?'}` : 'a spend table, no dates'}</dd>
<dt>Data hash</dt><dd><code>${s.dataHash}</code></dd>
<dt>Analysis run</dt><dd>#${s.runId} of ${s.createdAt}</dd>
<dt>Longtail</dt><dd>${v.version}</dd>
<dt>Generated</dt><dd>${v.generatedAt}</dd>
${v.fileName ? html`<dt>Workspace</dt><dd>${v.fileName}</dd>` : html``}
</dl></header>
${overviewSection(v)}
${leakageSection(v)}
${actionsSection(v)}
${profilesSection(v)}
${pAliveSection(v)}
${backtestSection(v)}
${methodSection(v)}
${dataQualitySection(v)}
<footer>To reproduce these figures: open the workspace whose data hash is ${s.dataHash} in Longtail ${v.version} and run the analysis with the settings above
(as of ${s.asOf}); the same data and settings give the same results.${v.anonymised ? ' Client, customer, rep and file names are replaced by stand-ins.' : ''}</footer>
</body></html>
`.__html;
  if (v.anonymised) assertNoSecrets(doc, v.secrets);
  return doc;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Last line of defence for anonymised reports: a name that slipped through stops the report. Whole words
 *  only, so a customer called "Ace" does not trip over "workplace". */
function assertNoSecrets(doc: string, secrets: string[]): void {
  const leaked = secrets.filter((secret) =>
    [secret, html`${secret}`.__html].some((form) =>
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'iu').test(doc),
    ),
  );
  if (leaked.length > 0) {
    throw new AppError('INTERNAL', 'The anonymised report still holds a client or customer name, so it was not written. Please report this.', {
      leaked: leaked.length,
    });
  }
}

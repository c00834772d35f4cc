import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../main/backend/report/document';
import { buildView } from '../../../main/backend/report/view';
import { formatMoney, formatShare } from '../../../shared/format/numbers';
import { action, importSummary, source, summary } from './fixtures';

const HOSTILE = '<img src=x onerror="alert(1)">';
const viewOptions = { anonymise: false, generatedAt: '2026-01-15T09:00:00.000Z', version: '9.8.7' };

const sample = () =>
  source(
    'Acme Foods',
    summary({ revenue12m: 2_345_678, recovery: 210_000, growth: 140_000, dataHash: 'feedc0ffee' }),
    [
      action('recovery', 'Bistro Bellevue', 8_400, 'Orders Dairy about every 14 days; last order 63 days ago (4.5 cycles); Bistro Bellevue spent $8,400'),
      action('growth', HOSTILE, 3_100, '87% of peers buy Dairy; this customer never has'),
    ],
    [importSummary('acme-sales-2025.csv', 'Bistro Bellevue 13/45/2025')],
  );

const imgSources = (html: string): string[] => [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((m) => m[1]);

describe('the client report', () => {
  it('states the 12-month revenue, the leakage, the top actions, the as-of date, the data hash and the version', () => {
    const html = renderReport(buildView(sample(), viewOptions));
    expect(html).toContain(formatMoney(2_345_678, 'USD'));
    expect(html).toContain(formatMoney(350_000, 'USD'));
    expect(html).toContain(formatShare(350_000 / 2_345_678));
    expect(html).toContain('Bistro Bellevue');
    expect(html).toContain('2025-12-31');
    expect(html).toContain('feedc0ffee');
    expect(html).toContain('9.8.7');
    expect(html).toContain('acme-sales-2025.csv');
    expect(html).toContain('No product ids: growth works on categories only.');
    expect(html).toContain('<tr><td>Strategic share</td><td>80%</td><td><code>--strategic-share 0.8</code></td></tr>');
  });

  it('says its money covers the days of data, not a year, when the data is younger than a year', () => {
    const src = sample();
    src.summary.leakage.windowDays = 182;
    const html = renderReport(buildView(src, viewOptions));
    expect(html).toContain(`of revenue over 182 days: `);
    expect(html).toContain('<div class="tile-label">Revenue, the 182 days of data</div>');
    expect(html).toContain('<div class="tile-label">Leakage over 182 days</div>');
    expect(html).toContain('<th class="num">Leakage over 182 days</th><th class="num">Revenue, 182 days</th>');
    expect(html).not.toContain('Leakage a year');
  });

  it('lists the run\'s caveats first among its notes, marked, as the Overview does', () => {
    const src = sample();
    const caveat = 'The data is too short to watch a whole 120 days after an earlier date: treat money at risk as a rougher estimate.';
    src.summary.notes = ['Product groups proposed from product descriptions.', caveat, 'Growth actions under $46 a year are not listed.'];
    src.summary.caveats = [caveat];
    const html = renderReport(buildView(src, viewOptions));
    const notes = html.slice(html.indexOf('<ul class="notes">'));
    expect(notes.indexOf(`<li class="caveat"><strong>Caveat:</strong> ${caveat}</li>`)).toBe('<ul class="notes">'.length);
    expect(notes.indexOf('<li>Product groups proposed')).toBeGreaterThan(0);
  });

  it('keeps a hostile customer name as text, never as markup', () => {
    const html = renderReport(buildView(sample(), viewOptions));
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('embeds every chart as a data: image and can load nothing from the network', () => {
    const html = renderReport(buildView(sample(), viewOptions));
    const sources = imgSources(html);
    expect(sources.length).toBeGreaterThanOrEqual(6);
    for (const src of sources) expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(html).not.toMatch(/<script|<link|https?:\/\//i);
    expect(html).toContain("default-src 'none'");
    const svg = Buffer.from(sources[0].slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
  });

  it('leaves out client, customer, rep and file names and rejected values when anonymised', () => {
    const html = renderReport(buildView(sample(), { ...viewOptions, anonymise: true }));
    for (const secret of ['Acme', 'Bistro', 'Bellevue', 'onerror', 'Rita Rep', 'acme-sales', '13/45/2025']) {
      expect(html.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(html).toContain('Customer 1');
    expect(html).toContain('Customer 2');
    expect(html).toContain('Rep 1');
    expect(html).toContain('Data file 1');
    expect(html).toContain(formatMoney(2_345_678, 'USD'));
  });

  it('refuses to write an anonymised report that would still show the client name', () => {
    // The client shares its name with a product category, which the report must show.
    const s = source('Produce', summary({ revenue12m: 1_000_000, recovery: 50_000, growth: 50_000 }), [], []);
    expect(() => renderReport(buildView(s, { ...viewOptions, anonymise: true }))).toThrow(/still holds a client or customer name/);
  });

  it('says a file with no reps cannot be split by rep, and a run with one peer group has no clear patterns, instead of a (none) bar and "1"', () => {
    const src = sample();
    const s = src.summary;
    s.leakage.by.rep = [{ ...s.leakage.by.rep[0], key: '(none)' }];
    s.k = 1;
    s.structure = { state: 'none', reason: 'No clear buying patterns: ...' };
    s.leakage.by.tier = [...s.leakage.by.tier, { key: 'inactive', recovery: 394, growth: 0, total: 394, revenue12m: 0, share: 0 }];
    s.leakage.by.profile = [...s.leakage.by.profile, { key: '(none)', recovery: 394, growth: 0, total: 394, revenue12m: 0, share: 0 }];
    const html = renderReport(buildView(src, viewOptions));
    // Customers without a profile are named for what they are.
    expect(html).toContain('<tr><td>No profile (no spend in 12 months)</td><td class="num">$394</td>');
    expect(html).toContain('No customer has a rep in this data, so leakage cannot be split by it.');
    expect(html).not.toContain('alt="Leakage by rep"');
    expect(html).toContain('<div class="tile-value">One peer group</div><div class="tile-note">no clear buying patterns</div>');
    // Money columns' headings stand over their figures, on the right.
    expect(html).toContain('<th class="num">Leakage a year</th>');
    // A share of no revenue is not 0%.
    expect(html).toContain('<tr><td>inactive</td><td class="num">$394</td><td class="num">$0</td><td class="num">$394</td><td class="num">$0</td><td class="num">—</td></tr>');
    // At the default horizon the actions' money needs no note; at 100 days it says what each kind is over.
    expect(html).not.toContain("money at risk over the next 100 days (the run's horizon)");
    s.settings = { ...s.settings, recovery: { ...s.settings.recovery, horizonDays: 100 } };
    expect(renderReport(buildView(src, viewOptions))).toContain("Expected: for recovery, money at risk over the next 100 days (the run's horizon); for growth, a year of what peers buy.");
  });
});


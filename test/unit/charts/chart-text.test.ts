import { describe, expect, it } from 'vitest';
import { escapeHtml, tooltipHtml } from '../../../renderer/src/charts/common';
import { purchaseTimelineOption } from '../../../renderer/src/charts/customer';
import { growthByCategoryOption } from '../../../renderer/src/charts/growth';
import { formatMoneyCompact } from '../../../shared/format/numbers';
import { fmt } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>Dairy & "Eggs"';
type Formatter = (p: unknown) => string;
const tooltipOf = (option: { tooltip?: unknown }): Formatter => (option.tooltip as { formatter: Formatter }).formatter;

describe('the one escape path for chart text', () => {
  it('keeps the markup of the template and escapes every value put into it', () => {
    expect(tooltipHtml`<b>${HOSTILE}</b><br/>${3}`).toBe('<b>&lt;img src=x onerror=alert(1)&gt;Dairy &amp; &quot;Eggs&quot;</b><br/>3');
    expect(escapeHtml("it's")).toBe('it&#39;s');
  });

  it('shows a hostile category as text in the growth and customer tooltips', () => {
    const growth = growthByCategoryOption([{ category: HOSTILE, expected: 1200, count: 3 }], fmt);
    expect(tooltipOf(growth)([{ seriesName: 'Expected revenue', dataIndex: 0, value: 1200 }])).not.toContain('<img');
    const timeline = purchaseTimelineOption({ purchases: [{ date: '2025-01-03', category: HOSTILE, revenue: 200 }], cycles: [] }, '2025-03-01', fmt);
    const text = tooltipOf(timeline)({ seriesName: 'Purchase', dataIndex: 0, value: ['2025-01-03', HOSTILE, 200] });
    expect(text).toContain('&lt;img src=x');
    expect(text).not.toContain('<img');
  });

  it('labels the as-of line of the purchase timeline instead of failing on its bare date', () => {
    const timeline = purchaseTimelineOption({ purchases: [], cycles: [] }, '2025-03-01', fmt);
    expect(tooltipOf(timeline)({ seriesName: 'Purchase', dataIndex: 0, value: '2025-03-01' })).toBe('as of Mar 1, 2025');
  });
});

describe('compact money on bars and axes', () => {
  it('keeps three significant digits at every size, so a million is not rounded to one', () => {
    expect(formatMoneyCompact(1_041_727, 'GBP', 'en-US')).toBe('£1.04M');
    expect(formatMoneyCompact(28_300, 'GBP', 'en-US')).toBe('£28.3K');
    expect(formatMoneyCompact(39_000, 'GBP', 'en-US')).toBe('£39K');
    expect(formatMoneyCompact(1_200_000, 'USD', 'en-US')).toBe('$1.2M');
    expect(formatMoneyCompact(950, 'USD', 'en-US')).toBe('$950');
    // Under a thousand, as the tables write it: whole units from ten, cents below.
    expect(formatMoneyCompact(14.5, 'GBP', 'en-GB')).toBe('£15');
    expect(formatMoneyCompact(8.7, 'GBP', 'en-GB')).toBe('£8.70');
    expect(formatMoneyCompact(14.5, 'XXX', 'en-US')).toBe('15 units');
  });
});

import { describe, expect, it } from 'vitest';
import { INDUSTRY_BAND } from '../../../shared/contract/report';
import { chartHeight, clickedClient, leakageShareOption, recoveryGrowthOption } from '../../../renderer/src/features/portfolio/charts';
import { fmt, portfolioRow as client } from './fixtures';

type Series = { name?: string; data: ({ value: number } | number)[]; markArea?: { data: { xAxis: number }[][]; label?: { formatter?: string } } };
type Axis = { data?: string[] };

const rows = [client('Acme Foods', 0.12, 0.06), client('Zenith Tools', 0.02, 0.03), client('Harbor Grill', 0.25, 0.11)];

describe('portfolio charts', () => {
  it('shades the industry band from 7% to 30% behind the leakage bars and says so in its label', () => {
    const option = leakageShareOption(rows, INDUSTRY_BAND, fmt);
    const [bars] = option.series as Series[];
    expect(bars.markArea?.data).toEqual([[{ xAxis: 0.07 }, { xAxis: 0.3 }]]);
    expect(bars.markArea?.label?.formatter).toBe('Industry band 7%–30%');
  });

  it('draws each client’s leakage share exactly as the backend gave it, in the given order', () => {
    const option = leakageShareOption(rows, INDUSTRY_BAND, fmt);
    const [bars] = option.series as Series[];
    expect(bars.data.map((d) => (typeof d === 'number' ? d : d.value))).toEqual(rows.map((r) => r.leakageShare));
    expect((option.yAxis as Axis).data).toEqual(['Acme Foods', 'Zenith Tools', 'Harbor Grill']);
  });

  it('greys a spend-table client whose leakage is growth alone and says so on its bar, since the band does not apply to it', () => {
    const spend = client('Wholesale', 0, 0.014, { growthOnly: true, band: null });
    const option = leakageShareOption([...rows, spend], INDUSTRY_BAND, fmt);
    const [bars] = option.series as Series[];
    const items = bars.data as unknown as { value: number; itemStyle: { color: string }; label?: { formatter: string } }[];
    const last = items[items.length - 1];
    expect(last.value).toBe(0.014);
    expect(last.label?.formatter).toBe(`${fmt.share(0.014)}, growth alone (no dates)`);
    const colours = new Set(items.slice(0, -1).map((d) => d.itemStyle.color));
    expect(colours.has(last.itemStyle.color)).toBe(false);
  });

  it("opens the client whose bar or name was clicked, skipping clients the charts leave out", () => {
    const unreadable = client('Broken Co', 0, 0, { status: 'unreadable' });
    const all = [rows[0], unreadable, rows[1], rows[2]];
    expect((leakageShareOption(all, INDUSTRY_BAND, fmt).yAxis as { triggerEvent?: boolean }).triggerEvent).toBe(true);
    expect(clickedClient(all, { componentType: 'series', dataIndex: 1, name: 'Zenith Tools', value: 0.05 })?.label).toBe('Zenith Tools');
    expect(clickedClient(all, { componentType: 'yAxis', dataIndex: 0, name: '', value: 'Harbor Grill' })?.label).toBe('Harbor Grill');
    expect(clickedClient(all, { componentType: 'markArea', dataIndex: 0, name: '', value: 0 })).toBeNull();
  });

  it('stacks recovery and growth shares per client with the input figures', () => {
    const [recovery, growth] = recoveryGrowthOption(rows, fmt).series as Series[];
    expect(recovery).toMatchObject({ name: 'Recovery', data: [0.12, 0.02, 0.25] });
    expect(growth).toMatchObject({ name: 'Growth', data: [0.06, 0.03, 0.11] });
  });

  it('leaves out clients that could not be read, and their reasons, from both charts', () => {
    const broken = client('Broken Co', 0, 0, { status: 'unreadable', problem: '/clients/broken-co.longtail is damaged', leakageShare: null });
    const all = [...rows, broken];
    expect((leakageShareOption(all, INDUSTRY_BAND, fmt).yAxis as Axis).data).not.toContain('Broken Co');
    expect(JSON.stringify(recoveryGrowthOption(all, fmt))).not.toContain('broken');
    expect(chartHeight(all)).toBe(chartHeight(rows));
  });

  it('shows anonymised clients as letters only: no client name or file path reaches either chart', () => {
    const anonymised = rows.map((r, i) => ({ ...r, label: `Client ${'ABC'[i]}`, path: null }));
    const names = ['Acme', 'Zenith', 'Harbor', '.longtail'];
    for (const option of [leakageShareOption(anonymised, INDUSTRY_BAND, fmt), recoveryGrowthOption(anonymised, fmt)]) {
      expect((option.yAxis as Axis).data).toEqual(['Client A', 'Client B', 'Client C']);
      const text = JSON.stringify(option);
      for (const name of names) expect(text).not.toContain(name);
    }
  });
});

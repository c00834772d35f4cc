import { describe, expect, it } from 'vitest';
import type { LeakageRow } from '../../../shared/model/results';
import { LEAKAGE_BARS, leakageBandOption, leakageBarsOption, leakageBarsTitle, onlyUnassigned, paretoBandAt, paretoOption, singleKey } from '../../../renderer/src/charts/overview';
import { fmt } from './fixtures';

type Axis = { name?: string; data?: string[]; axisLabel?: { formatter?: (v: number) => string } };
type Series = { name?: string; data: unknown[]; markLine?: { data: { yAxis?: number; xAxis?: number | string }[] }; markArea?: { data: { xAxis: number }[][] } };

const row = (key: string, recovery: number, growth: number): LeakageRow => ({ key, recovery, growth, total: recovery + growth, revenue12m: 1000, share: 0 });

describe('overview charts', () => {
  it('plots the Pareto points as given and marks the strategic revenue share', () => {
    const points = [
      { customerShare: 0, revenueShare: 0 },
      { customerShare: 0.2, revenueShare: 0.8 },
      { customerShare: 1, revenueShare: 1 },
    ];
    const option = paretoOption(points, 0.8, fmt);
    const series = option.series as Series[];
    expect(series[0].data).toEqual([
      [0, 0],
      [0.2, 0.8],
      [1, 1],
    ]);
    expect(series[0].markLine?.data[0].yAxis).toBe(0.8);
    const x = option.xAxis as Axis;
    expect(x.name).toMatch(/customers/i);
    expect(x.axisLabel?.formatter?.(0.5)).toBe('50%');
    expect((option.yAxis as Axis).name).toBe('Share of 12-month revenue');
    // Data younger than a year: the revenue is the days it holds.
    expect((paretoOption(points, 0.8, fmt, undefined, 182).yAxis as Axis).name).toBe('Share of revenue over 182 days');
  });

  it('shades the strategic and long-tail bands, and a click in either opens that tier', () => {
    const points = [
      { customerShare: 0, revenueShare: 0 },
      { customerShare: 0.25, revenueShare: 0.8 },
      { customerShare: 1, revenueShare: 1 },
    ];
    const bands = { strategic: 25, longTail: 75 };
    const series = paretoOption(points, 0.8, fmt, bands).series as Series[];
    const areas = series[0].markArea?.data ?? [];
    expect(areas.map(([from, to]) => [from.xAxis, to.xAxis])).toEqual([
      [0, 0.25],
      [0.25, 1],
    ]);
    expect(paretoBandAt(0.2, bands)).toBe('strategic');
    expect(paretoBandAt(0.25, bands)).toBe('strategic');
    expect(paretoBandAt(0.6, bands)).toBe('long-tail');
    expect(paretoBandAt(1.2, bands)).toBeNull();
    expect(paretoBandAt(0.6, { strategic: 0, longTail: 0 })).toBeNull();
  });

  it('stacks recovery and growth per key, largest total at the top, with money on the axis', () => {
    const option = leakageBarsOption([row('North', 100, 50), row('South', 900, 100), row('East', 10, 5)], 'Territory', fmt);
    const y = option.yAxis as Axis;
    // ECharts draws the first category at the bottom: the largest comes last.
    expect(y.data).toEqual(['East', 'North', 'South']);
    const [recovery, growth] = option.series as Series[];
    expect(recovery.data).toEqual([10, 100, 900]);
    expect(growth.data).toEqual([5, 50, 100]);
    const x = option.xAxis as Axis;
    expect(x.name).toBe('Leakage per year (USD)');
    expect(x.axisLabel?.formatter?.(1_200_000)).toBe('$1.2M');
    // Data younger than a year: the money covers its days.
    expect((leakageBarsOption([row('North', 100, 50)], 'Territory', fmt, undefined, 182).xAxis as Axis).name).toBe('Leakage over 182 days (USD)');
  });

  it('draws the twelve largest of a longer breakdown and says so in the panel title', () => {
    const rows = Array.from({ length: 17 }, (_, i) => row(`Category ${i}`, 100 * (i + 1), 10));
    expect((leakageBarsOption(rows, 'Category', fmt).yAxis as Axis).data).toHaveLength(LEAKAGE_BARS);
    expect(leakageBarsTitle('category', rows)).toBe('Leakage by category: the 12 largest of 17');
    expect(leakageBarsTitle('category', rows.slice(0, 12))).toBe('Leakage by category');
  });

  it('calls a breakdown empty when every customer in it has no rep or territory, so the screen says so instead of one bar', () => {
    expect(onlyUnassigned([row('(none)', 3_000_000, 500_000)])).toBe(true);
    expect(onlyUnassigned([row('(none)', 100, 0), row('North', 50, 0)])).toBe(false);
    expect(onlyUnassigned([])).toBe(false);
  });

  it('finds the one key all the leakage sits in (a file with one category), and no key when there are several or none', () => {
    expect(singleKey([row('All products', 1_227, 0)])?.key).toBe('All products');
    expect(singleKey([row('Dairy', 100, 0), row('Bakery', 50, 0)])).toBeNull();
    expect(singleKey([])).toBeNull();
  });

  it('names the customers without a territory in its label and its tooltip, while a click still carries the stored key', () => {
    const option = leakageBarsOption([row('(none)', 300, 0), row('North', 100, 50)], 'Territory', fmt);
    const y = option.yAxis as Axis & { axisLabel: { formatter: (v: string) => string } };
    expect(y.data).toContain('(none)');
    expect(y.axisLabel.formatter('(none)')).toBe('No territory');
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    const text = tooltip.formatter([
      { axisValue: '(none)', seriesName: 'Revenue at risk', value: 300 },
      { axisValue: '(none)', seriesName: 'Growth potential', value: 0 },
    ]);
    expect(text).toBe('<b>No territory</b><br/>Revenue at risk: $300<br/>Growth potential: $0');
  });

  it('keeps only the twelve largest keys', () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(`R${i}`, i * 10, 0));
    const y = leakageBarsOption(rows, 'Rep', fmt).yAxis as Axis;
    expect(y.data).toHaveLength(12);
    expect(y.data?.at(-1)).toBe('R19');
    expect(y.data).not.toContain('R7');
  });

  it('shows the leakage share against the 7-30% band', () => {
    const option = leakageBandOption({ share: 0.183, band: { low: 0.07, high: 0.3, position: 'within' } }, fmt);
    const [bar] = option.series as Series[];
    expect(bar.data).toEqual([0.183]);
    expect(bar.markArea?.data[0].map((d) => d.xAxis)).toEqual([0.07, 0.3]);
  });
});

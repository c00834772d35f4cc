import { describe, expect, it } from 'vitest';
import { customerScatterHeight, customerScatterOption, elbowOption, jitterFor, profileHeatmapHeight, profileHeatmapOption, REFERENCE_NAME, scatterPointCode, silhouetteLabel, silhouetteOption } from '../../../renderer/src/charts/profiles';
import { categories, fmt, profiles, quality } from './fixtures';
import { wrapLabel } from '../../../renderer/src/charts/common';

type Point = { value: number; symbolSize: number };
type Mark = { xAxis: string; name: string };
type Series = { name: string; type: string; data: unknown[]; large?: boolean; markLine?: { data: Mark[] } };
type Axis = { type?: string; name?: string; data?: string[] };

describe('profile charts', () => {
  it('plots the error of every k in order and marks the chosen and the suggested k', () => {
    const shuffled = [quality[2], quality[0], quality[3], quality[1]];
    const option = elbowOption(shuffled, 3, 4);
    expect((option.xAxis as Axis).data).toEqual(['2', '3', '4', '5']);
    const [line] = option.series as Series[];
    expect((line.data as Point[]).map((p) => p.value)).toEqual([900, 610, 420, 380]);
    expect(line.markLine?.data.map((m) => [m.name, m.xAxis])).toEqual([
      ['chosen', '3'],
      ['suggested', '4'],
    ]);
    // The chosen k's point is drawn larger so it stands out without the line.
    expect((line.data as Point[])[1].symbolSize).toBeGreaterThan((line.data as Point[])[0].symbolSize);
    expect((option.xAxis as Axis).name).toBe('Number of profiles (k)');
  });

  it('marks one k only when the chosen k is the suggested one', () => {
    const [line] = silhouetteOption(quality, 4, 4).series as Series[];
    expect((line.data as Point[]).map((p) => p.value)).toEqual([0.31, 0.42, 0.47, 0.39]);
    expect(line.markLine?.data).toHaveLength(1);
  });

  it('sets the cloud with no groups beside the silhouette where the sweep measured it, and says it in the label', () => {
    const measured = quality.map((q) => (q.k === 4 ? { ...q, reference: 0.29 } : q));
    const option = silhouetteOption(measured, 4, 4);
    const [, cloud] = option.series as Series[];
    expect(cloud.name).toBe(REFERENCE_NAME);
    expect(cloud.data).toEqual([null, null, 0.29, null]);
    expect((option.legend as { data: string[] }).data).toEqual(['Mean silhouette', REFERENCE_NAME]);
    expect(silhouetteLabel(measured, 4, 4)).toBe('Mean silhouette for each k; chosen k 4, suggested 4; a cloud with the same spread and no groups, cut into 4, scores 0.29');
    expect(silhouetteOption(quality, 4, 4).series as Series[]).toHaveLength(1);
  });

  it('labels silhouette ticks half a hundredth apart differently, as weak structure needs', () => {
    const label = ((silhouetteOption(quality, 4, 4).yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter);
    expect([0.04, 0.045, 0.05, 0.055, 0.06].map(label)).toEqual(['0.04', '0.045', '0.05', '0.055', '0.06']);
  });

  it('lays out the heatmap as category x profile cells with the profile mix values', () => {
    const option = profileHeatmapOption(profiles, categories, 'mix', fmt);
    const [cells] = option.series as Series[];
    expect(cells.data).toContainEqual([0, 0, 0.7]);
    expect(cells.data).toContainEqual([2, 1, 0.4]);
    expect(cells.data).toHaveLength(6);
    expect((option.xAxis as Axis).data).toEqual(categories);
    expect((option.yAxis as Axis).data).toEqual(['1. Dairy heavy', '2. Meat + Seafood']);
  });

  it("writes a long profile name on as many as three lines beside its row instead of cutting it, and cuts only what three lines cannot hold", () => {
    const named = [
      { ...profiles[0], label: 'All customers (no clear pattern)' },
      { ...profiles[1], label: 'Bakery + Coffee & Tea + Dairy + Paper & Disposables heavy' },
    ];
    const rows = (profileHeatmapOption(named, categories, 'mix', fmt).yAxis as Axis).data;
    expect(rows).toEqual(['1. All customers (no clear\npattern)', '2. Bakery + Coffee & Tea + Dairy\n+ Paper & Disposables heavy']);
    const endless = [{ ...profiles[0], label: 'Broad buyers of Bag, Heart, Christmas range, Holder, Tin, Kit, Card, Light, Bottle and Candle' }];
    expect((profileHeatmapOption(endless, categories, 'mix', fmt).yAxis as Axis).data).toEqual(['1. Broad buyers of Bag, Heart,\nChristmas range, Holder, Tin,\nKit, Card, Light, Bottle and…']);
    expect(wrapLabel('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
    expect(wrapLabel('Dairy', 10)).toBe('Dairy');
  });

  it('makes every heatmap row as tall as the longest profile name beside it needs', () => {
    const six = [...profiles, ...profiles, ...profiles];
    const short = profileHeatmapHeight(six, 12);
    const threeLines = profileHeatmapHeight([...six.slice(1), { ...profiles[1], label: 'Broad buyers of Bag, Heart, Christmas range, Holder, Tin and Kit' }], 12);
    expect(threeLines - short).toBe(6 * (3 * 14 + 8 - 34));
  });

  it('breaks a long category name under its heatmap column onto more lines instead of cutting it', () => {
    const axis = profileHeatmapOption(profiles, ['Paper & Disposables', ...categories], 'mix', fmt).xAxis as { axisLabel: { overflow: string; width: number; formatter: (v: string) => string } };
    expect(axis.axisLabel.overflow).toBe('break');
    expect(axis.axisLabel.formatter('Paper & Disposables')).toBe('Paper & Disposables');
  });

  it('shows penetration on a 0-100% scale when asked', () => {
    const option = profileHeatmapOption(profiles, categories, 'penetration', fmt);
    expect((option.visualMap as { max: number }).max).toBe(1);
    expect((option.series as Series[])[0].data).toContainEqual([1, 1, 1]);
  });

  it('draws one large-mode series per profile and leaves out customers a log axis cannot show', () => {
    const customers = [
      { code: 'A', name: 'Alpha', revenue12m: 5000, breadth: 4, profile: 1 },
      { code: 'B', name: 'Beta', revenue12m: 0, breadth: 1, profile: 1 },
      { code: 'C', name: 'Gamma', revenue12m: 800, breadth: 2, profile: 2 },
      { code: 'D', name: 'Delta', revenue12m: 300, breadth: 1, profile: null },
    ];
    const option = customerScatterOption(customers, profiles, fmt);
    const series = option.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['1. Dairy heavy', '2. Meat + Seafood']);
    expect(series.every((s) => s.large)).toBe(true);
    const [alpha] = series[0].data as [number, number, string, number][];
    expect(alpha[0]).toBe(5000);
    expect(alpha.slice(2)).toEqual(['Alpha', 4, 'A']);
    expect(scatterPointCode(alpha)).toBe('A');
    // Spread around its whole breadth so stacked customers stay visible, always the same way.
    expect(Math.abs(alpha[1] - 4)).toBeLessThanOrEqual(0.35);
    expect(alpha[1]).toBe(4 + jitterFor('A'));
    expect((series[1].data as unknown[][])[0].slice(2)).toEqual(['Gamma', 2, 'C']);
    expect((option.xAxis as Axis).type).toBe('log');
    expect((option.xAxis as Axis).name).toContain('USD');
  });

  it('wraps the scatter legend onto as many lines as seven profile names need, and grows the chart by as much, instead of paging it', () => {
    const many = ['Bakery + Coffee & Tea heavy', 'Meat + Produce + Dairy heavy', 'Beverages + Meat heavy', 'Frozen + Dry Goods heavy', 'Snacks + Beverages heavy', 'Meat + Produce + Dry Goods heavy', 'Seafood + Produce heavy'].map((label, i) => ({ id: i + 1, label }));
    const option = customerScatterOption([], many, fmt);
    const legend = option.legend as { type: string; width: number };
    expect(legend.type).toBe('plain');
    const extra = customerScatterHeight(many) - customerScatterHeight(many.slice(0, 1));
    expect(extra).toBeGreaterThan(0);
    expect((option.grid as { top: number }).top).toBe(64 + extra);
    expect(customerScatterHeight(many.slice(0, 1))).toBe(380);
  });

  it("colours points by another k's profiles when a preview gives one per customer", () => {
    const customers = [
      { code: 'A', name: 'Alpha', revenue12m: 5000, breadth: 4, profile: 1 },
      { code: 'C', name: 'Gamma', revenue12m: 800, breadth: 2, profile: 1 },
      { code: 'D', name: 'Delta', revenue12m: 300, breadth: 1, profile: null },
    ];
    const previewed = [2, 1, 0];
    const series = customerScatterOption(customers, profiles, fmt, (i) => previewed[i] || null).series as Series[];
    expect((series[0].data as unknown[][]).map((p) => p[4])).toEqual(['C']);
    expect((series[1].data as unknown[][]).map((p) => p[4])).toEqual(['A']);
    expect(scatterPointCode('not a point')).toBeNull();
  });

  it('marks a previewed k beside the chosen one on the quality charts', () => {
    const marks = (elbowOption(quality, 3, 3, 5).series as { markLine: { data: { name: string; xAxis: string }[] } }[])[0].markLine.data;
    expect(marks.map((m) => [m.name, m.xAxis])).toEqual([
      ['chosen', '3'],
      ['preview', '5'],
    ]);
  });

  it('starts a mark\'s label at its line on the first k and ends it there on the last, so it covers neither the y-axis ticks nor runs off the plot', () => {
    type Labelled = { name: string; label: { formatter: string; align?: string } };
    const labels = (option: ReturnType<typeof elbowOption>) => ((option.series as { markLine: { data: Labelled[] } }[])[0].markLine.data).map((m) => [m.label.formatter, m.label.align]);
    expect(labels(elbowOption(quality, 2, 3, 5))).toEqual([
      ['chosen k = 2', 'left'],
      ['suggested k = 3', undefined],
      ['preview k = 5', 'right'],
    ]);
    expect(labels(silhouetteOption(quality, 5, 2))).toEqual([
      ['chosen k = 5', 'right'],
      ['suggested k = 2', 'left'],
    ]);
  });

  it('spreads customers evenly across the band around their breadth', () => {
    const offsets = Array.from({ length: 2000 }, (_, i) => jitterFor(`C${String(i).padStart(5, '0')}`));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-0.35);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(0.35);
    expect(offsets.filter((o) => o < 0).length).toBeGreaterThan(800);
    expect(offsets.filter((o) => o > 0).length).toBeGreaterThan(800);
  });

  it('keeps 30,000 customers as 30,000 points', () => {
    const many = Array.from({ length: 30000 }, (_, i) => ({ code: `C${i}`, name: `C${i}`, revenue12m: 100 + i, breadth: 1 + (i % 9), profile: 1 + (i % 2) }));
    const series = customerScatterOption(many, profiles, fmt).series as Series[];
    expect(series[0].data.length + series[1].data.length).toBe(30000);
  });
});

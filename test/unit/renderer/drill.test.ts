import { describe, expect, it } from 'vitest';
import { drillTarget, fieldText, sliceFromParams, sliceOfKey, sliceToParams, withoutField } from '../../../renderer/src/app/slice-params';
import { heatmapCell, profileHeatmapOption } from '../../../renderer/src/charts/profiles';
import { clickedCategory, sliceBarsOption, sliceMoneyWords } from '../../../renderer/src/charts/slice';
import { clickedRep } from '../../../renderer/src/features/assignment/chart';
import { holdoutBucketAt, holdoutCheckOption } from '../../../renderer/src/features/recovery/palive-chart';
import type { BgNbdHoldoutCheck } from '../../../shared/model/bgnbd';
import { categories, fmt, profiles } from '../charts/fixtures';

describe('drill-down: one slice in the address for every chart', () => {
  it('opens Explore from another screen with the clicked slice and remembers where it came from', () => {
    expect(drillTarget({ screen: 'overview', params: {} }, { territory: 'North' })).toEqual({ screen: 'explore', params: { territory: 'North', from: 'overview' } });
  });

  it('narrows the current slice inside Explore: filters combine instead of replacing each other', () => {
    const first = drillTarget({ screen: 'overview', params: {} }, { territory: 'North' });
    const second = drillTarget(first, { category: 'Dairy' });
    const third = drillTarget(second, { profile: 2, tier: 'long-tail' });
    expect(sliceFromParams(third.params)).toEqual({ territory: 'North', category: 'Dairy', profile: 2, tier: 'long-tail' });
    expect(third.params.from).toBe('overview');
    expect(sliceFromParams(withoutField(third, 'category').params)).toEqual({ territory: 'North', profile: 2, tier: 'long-tail' });
  });

  it('drops values that cannot be a slice, so an old or edited link still opens', () => {
    expect(sliceFromParams({ kind: 'upsell', tier: 'gold', profile: 'two', rep: 'Ann', repeats: '9' })).toEqual({ rep: 'Ann' });
    expect(sliceFromParams({ repeats: '0' })).toEqual({ repeats: 0 });
    expect(sliceToParams({ repeats: 7 })).toEqual({ repeats: '7' });
    expect(sliceToParams({ kind: 'growth', profile: 3 })).toEqual({ kind: 'growth', profile: '3' });
  });

  it('turns a leakage bar into a slice: profiles by label, customers without a profile as the inactive tier', () => {
    expect(sliceOfKey('profile', 'Meat + Seafood', profiles)).toEqual({ profile: 2 });
    expect(sliceOfKey('profile', '(none)', profiles)).toEqual({ tier: 'inactive' });
    expect(sliceOfKey('tier', 'long-tail', profiles)).toEqual({ tier: 'long-tail' });
    expect(sliceOfKey('tier', 'platinum', profiles)).toBeNull();
    expect(sliceOfKey('rep', '(none)', profiles)).toEqual({ rep: '(none)' });
  });

  it('names each breadcrumb in words', () => {
    const slice = { kind: 'recovery' as const, profile: 1, tier: 'long-tail' as const, rep: '(none)' };
    expect(fieldText('kind', slice, profiles)).toBe('Recovery actions');
    expect(fieldText('profile', slice, profiles)).toBe('Profile 1: Dairy heavy');
    expect(fieldText('tier', slice, profiles)).toBe('Tier: long tail');
    expect(fieldText('rep', slice, profiles)).toBe('Rep: none set');
    expect(fieldText('territory', slice, profiles)).toBeNull();
    expect(fieldText('repeats', { repeats: 1 }, profiles)).toBe('Holdout check: 1 repeat purchase');
    expect(fieldText('repeats', { repeats: 0 }, profiles)).toBe('Holdout check: 0 repeat purchases');
    expect(fieldText('repeats', { repeats: 7 }, profiles)).toBe('Holdout check: 7+ repeat purchases');
  });

  it('reads a holdout-check column label as its slice, "7+" as the last bar', () => {
    expect(sliceOfKey('repeats', '3', profiles)).toEqual({ repeats: 3 });
    expect(sliceOfKey('repeats', '7+', profiles)).toEqual({ repeats: 7 });
    expect(sliceOfKey('repeats', '(none)', profiles)).toBeNull();
  });
});

describe('what a click on a chart names', () => {
  it('finds the profile and category of a heatmap cell on the page it was drawn', () => {
    const option = profileHeatmapOption(profiles, categories, 'mix', fmt, { offset: 1, size: 2 });
    const names = (option.xAxis as { data: string[] }).data;
    const cell = heatmapCell(profiles, categories, 'mix', { offset: 1, size: 2 }, [1, 1, 0.4]);
    expect(cell).toEqual({ profile: 2, category: names[1] });
    expect(heatmapCell(profiles, categories, 'mix', { offset: 1, size: 2 }, [5, 0, 0])).toBeNull();
  });

  it('opens the holdout-check column a click falls in, anywhere between its edges, and says so on hover', () => {
    const check = {
      calibrationEnd: '2025-08-31',
      buckets: [
        { label: '0', customers: 300, actual: 60, predicted: 66 },
        { label: '1', customers: 120, actual: 70, predicted: 64 },
        { label: '7+', customers: 40, actual: 400, predicted: 380 },
      ],
    } as BgNbdHoldoutCheck;
    expect(holdoutBucketAt(check, 0.4)).toBe('0');
    expect(holdoutBucketAt(check, 1.49)).toBe('1');
    expect(holdoutBucketAt(check, 2)).toBe('7+');
    expect(holdoutBucketAt(check, 3.2)).toBeNull();
    const clickable = holdoutCheckOption(check, fmt, true);
    expect((clickable.xAxis as { triggerEvent: boolean }).triggerEvent).toBe(true);
    const tip = (clickable.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 2 }]);
    expect(tip).toContain('40 customers');
    expect(tip).toContain('<br/>Click to open these customers');
    expect(tip).not.toContain('&lt;');
    const still = holdoutCheckOption(check, fmt);
    expect((still.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 2 }])).not.toContain('Click');
  });

  it('reads a bar or its axis label the same way', () => {
    expect(clickedCategory({ componentType: 'series', dataIndex: 0, name: 'North', value: 1200 })).toBe('North');
    expect(clickedCategory({ componentType: 'yAxis', dataIndex: 0, name: '', value: 'South' })).toBe('South');
    const reps = [{ rep: 'Ann' }, { rep: 'Bo' }] as unknown as Parameters<typeof clickedRep>[1];
    expect(clickedRep({ componentType: 'series', seriesName: 'Growth', dataIndex: 1, name: 'Bo', value: 5 }, reps)).toBe('Bo');
    expect(clickedRep({ componentType: 'xAxis', dataIndex: 0, name: '', value: 'Ann' }, reps)).toBe('Ann');
  });

  it('draws a slice breakdown largest on top with clickable labels and names the key in the tooltip', () => {
    const groups = [
      { key: '2', actions: 10, customers: 6, expected: 9000 },
      { key: '1', actions: 4, customers: 4, expected: 2500 },
    ];
    const option = sliceBarsOption(groups, (k) => `Profile ${k}`, 'growth', fmt);
    const axis = option.yAxis as { data: string[]; triggerEvent: boolean };
    expect(axis.data).toEqual(['1', '2']);
    expect(axis.triggerEvent).toBe(true);
    // Redrawn at once when the slice narrows: no bars sliding from the previous keys.
    expect(option.animation).toBe(false);
    const tip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 1, value: 9000 }]);
    expect(tip).toContain('Profile 2');
    expect(tip).toContain('$9,000');
    expect(tip).toContain('10 actions');
  });

  it("names a slice's money by what it is over: a year at the default horizon, the run's horizon when recovery is in it", () => {
    expect(sliceMoneyWords(undefined, 365).label).toBe('Expected per year');
    expect(sliceMoneyWords('growth', 100).label).toBe('Expected per year');
    expect(sliceMoneyWords('recovery', 100).label).toBe('At risk, next 100 days');
    expect(sliceMoneyWords(undefined, 100)).toMatchObject({ label: 'Expected money', detail: "growth a year; recovery at risk over the next 100 days (the run's horizon)" });
    const groups = [{ key: 'UK', actions: 3, customers: 2, expected: 1200 }];
    const option = sliceBarsOption(groups, (k) => k, 'recovery', fmt, 15, 100);
    expect((option.xAxis as { name: string }).name).toBe('At risk, next 100 days (USD)');
    const tip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0, value: 1200 }]);
    expect(tip).toContain('$1,200 over the next 100 days from 3 actions');
  });
});

// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { SettingsForm } from '../../../renderer/src/features/settings/SettingsForm';
import { analysisSettingsSchema, defaultAnalysisSettings, type AnalysisSettings } from '../../../shared/contract/settings';
import { SETTINGS } from '../../../shared/contract/settings-meta';
import { settingsChanges } from '../../../shared/model/settings-changes';

afterEach(cleanup);

const resolved = { runId: 7, asOf: '2011-12-09', k: 1, suggestedK: 1 };

function form(run: AnalysisSettings = defaultAnalysisSettings()) {
  const applied: AnalysisSettings[] = [];
  render(<SettingsForm run={run} resolved={resolved} currency="GBP" busy={false} onApply={(s) => applied.push(s)} />);
  const field = (flag: string) => document.getElementById(`setting-${flag}`) as HTMLInputElement & HTMLSelectElement;
  const type = (flag: string, value: string) => fireEvent.change(field(flag), { target: { value } });
  const problem = (flag: string) => screen.queryByTestId(`setting-${flag}-problem`)?.textContent ?? null;
  const apply = () => screen.getByTestId('apply-settings') as HTMLButtonElement;
  return { applied, field, type, problem, apply };
}

describe('the Run settings panel', () => {
  it('lists every analysis setting once, in four groups, each with its range, default and the run’s value', () => {
    form();
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual(['Dates and horizon', 'Tiers and profiles', 'Recovery', 'Growth']);
    for (const meta of SETTINGS) expect(screen.getAllByTestId(`setting-${meta.flag}`)).toHaveLength(1);
    const horizon = screen.getByTestId('setting-horizon').textContent;
    expect(horizon).toContain('Money at risk over');
    expect(horizon).toContain('Allowed: a whole number from 30 to 730 days');
    expect(horizon).toContain('Default: 365 days');
    expect(screen.getByTestId('setting-horizon-run').textContent).toBe('Run 7: 365 days');
    // Open settings say what the run made of them.
    expect(screen.getByTestId('setting-as-of-run').textContent).toBe('Run 7: the last transaction date (2011-12-09)');
    expect(screen.getByTestId('setting-k-run').textContent).toBe('Run 7: auto (k = 1)');
    // A limit of nothing says what it means, not "0 a year".
    expect(screen.getByTestId('setting-min-revenue-run').textContent).toBe('Run 7: 0 (no recovery action is left out for its size)');
    expect(screen.getByTestId('setting-min-growth-value').textContent).toContain('Allowed: from 0% to 500%');
    expect(screen.getByTestId('settings-pending').textContent).toBe("These are run 7's settings.");
  });

  it('refuses a value outside its range before sending, naming the setting and its range', () => {
    const { type, problem, apply } = form();
    type('horizon', '10');
    expect(problem('horizon')).toBe('Money at risk over must be a whole number from 30 to 730 days.');
    expect(apply().disabled).toBe(true);
    type('horizon', '90.5');
    expect(problem('horizon')).toBe('Money at risk over must be a whole number from 30 to 730 days.');
    type('horizon', '180');
    expect(problem('horizon')).toBeNull();
    type('min-growth-value', 'lots');
    expect(problem('min-growth-value')).toBe('Smallest growth action must be from 0% to 500%.');
    type('as-of', '2011-02-30');
    expect(problem('as-of')).toBe('As of: must be a real date: 2011-02-30 is no day of the calendar');
    type('as-of', '31/08/2011');
    expect(problem('as-of')).toBe('As of: must be a date written YYYY-MM-DD, year first (as 2011-08-31)');
  });

  it('checks the settings against each other as the backend does: kMin above kMax, a k outside the range tried', () => {
    const { type, field, problem, apply } = form();
    type('k-min', '9');
    type('k-max', '4');
    expect(problem('k-min')).toBe('Smallest k scored: 9 is above Largest k scored 4: the range of k to try runs from the smaller to the larger');
    type('k-max', '12');
    fireEvent.change(field('k'), { target: { value: '3' } });
    expect(problem('k')).toBe('Profiles (k): 3 is outside the range tried, 9 to 12: widen Smallest k scored or Largest k scored to take it');
    expect(apply().disabled).toBe(true);
    // auto is always within reach, and says what it suggests.
    expect(Array.from(field('k').options, (o) => o.textContent)[0]).toBe('auto (suggested: one peer group)');
    fireEvent.change(field('k'), { target: { value: 'auto' } });
    expect(problem('k')).toBeNull();
  });

  it('applies the horizon and the smallest growth action as one re-run, every other setting as the run had it', () => {
    const run = { ...defaultAnalysisSettings(), seed: 9 };
    const { type, apply, applied } = form(run);
    expect(apply().disabled).toBe(true);
    type('horizon', '180');
    type('min-growth-value', '25');
    expect(screen.getByTestId('settings-pending').textContent).toBe('To apply: Money at risk over 180 days (run 7: 365 days), Smallest growth action 25% (run 7: 10%).');
    fireEvent.click(apply());
    expect(applied).toHaveLength(1);
    expect(analysisSettingsSchema.safeParse(applied[0]).success).toBe(true);
    expect(settingsChanges(applied[0], run).map((c) => [c.key, c.value])).toEqual([
      ['recovery.horizonDays', 180],
      ['growth.minValueShare', 0.25],
    ]);
  });

  it('puts one setting back to its default, or every one, and the run’s values back', () => {
    const run = { ...defaultAnalysisSettings(), strategicShare: 0.9, growth: { ...defaultAnalysisSettings().growth, minPeers: 12 } };
    const { field, applied, apply } = form(run);
    expect(field('strategic-share').value).toBe('90');
    fireEvent.click(screen.getByRole('button', { name: 'Reset Strategic share to its default' }));
    expect(field('strategic-share').value).toBe('80');
    expect((screen.getByRole('button', { name: 'Reset Strategic share to its default' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: "Back to run 7's values" }));
    expect(field('strategic-share').value).toBe('90');
    fireEvent.click(screen.getByRole('button', { name: 'All to defaults' }));
    fireEvent.click(apply());
    expect(settingsChanges(applied[0])).toEqual([]);
  });
});

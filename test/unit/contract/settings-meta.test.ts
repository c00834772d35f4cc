import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analysisSettingsSchema, defaultAnalysisSettings } from '../../../shared/contract/settings';
import { latenessGrid, settingProse, SETTINGS, settingValue, sliderRange } from '../../../shared/contract/settings-meta';
import { settingsFromArgs, settingsHelp, settingsOptions } from '../../../main/cli/commands/analyze';
import { methodParagraphs, settingsRows } from '../../../main/backend/report/settings-text';

/** Every leaf of the settings object, as dotted paths. */
function leaves(value: unknown, prefix = ''): string[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('the settings table', () => {
  it('names every setting of the schema once, each with its own flag', () => {
    expect(SETTINGS.map((s) => s.path).sort()).toEqual(leaves(defaultAnalysisSettings()).sort());
    expect(new Set(SETTINGS.map((s) => s.flag)).size).toBe(SETTINGS.length);
  });

  it('takes defaults and bounds from the schema, so the lateness slider runs 1 to 10 from a default of 2', () => {
    const lateness = SETTINGS.find((s) => s.path === 'recovery.lateness')!;
    expect(lateness).toMatchObject({ default: 2, min: 1, max: 10, step: 0.25 });
    expect(sliderRange('recovery.minPurchases')).toEqual({ min: 2, max: 20, step: 1 });
  });

  it('draws the lateness curves over the slider’s whole range', () => {
    const grid = latenessGrid();
    const { min, max } = sliderRange('recovery.lateness');
    expect(grid[0]).toBe(min);
    expect(grid[grid.length - 1]).toBe(max);
    expect(grid.length).toBeLessThanOrEqual(20);
  });

  it('lists every flag with its default in the command-line help', () => {
    for (const s of SETTINGS) {
      const line = settingsHelp.split('\n').find((l) => new RegExp(`^  --${s.flag}(\\s|$)`).test(l));
      expect(line, s.flag).toBeDefined();
      if (s.kind !== 'switch') expect(line, s.flag).toContain(`[${s.default === null ? s.nullMeans : String(s.default)}]`);
    }
  });

  it('turns every flag into the setting it names, and the report repeats it with the same flag', () => {
    const argv = [
      '--as-of', '2025-06-30', '--strategic-share', '0.7', '--best-quantile', '0.6', '--min-breadth', '4', '--k', '5',
      '--k-min', '3', '--k-max', '9', '--seed', '7', '--restarts', '3', '--lateness', '3.5', '--min-purchases', '6',
      '--volatility-allowance', '2', '--decline-threshold', '0.4', '--min-revenue', '250', '--horizon', '180', '--min-probability', '0.6',
      '--value-floor', '75', '--list-order', 'sure', '--no-seasonal', '--no-volatility', '--no-win-back-once',
      '--min-penetration', '0.6', '--peer-quantile', '0.7', '--min-peers', '8', '--under-buy-ratio', '0.3', '--min-p-alive', '0.1',
      '--min-profile-share', '0.08', '--min-growth-value', '0.05',
    ];
    const args = parseArgs({ args: argv, options: settingsOptions, allowPositionals: false });
    const settings = analysisSettingsSchema.parse(settingsFromArgs(args));
    const defaults = defaultAnalysisSettings();
    for (const s of SETTINGS) expect(settingValue(settings, s.path), s.path).not.toEqual(settingValue(defaults, s.path));
    const repeated = settingsRows(settings).flatMap((r) => r.flag.split(' ').filter((part) => part !== ''));
    expect(analysisSettingsSchema.parse(settingsFromArgs(parseArgs({ args: repeated, options: settingsOptions })))).toEqual(settings);
  });

  it('says in the report what each value means: shares as percentages, units spelled out', () => {
    const rows = settingsRows(defaultAnalysisSettings());
    expect(rows.find((r) => r.label === 'Late after')).toEqual({ label: 'Late after', value: '2 cycles', flag: '--lateness 2' });
    expect(rows.find((r) => r.label === 'Strategic share')?.value).toBe('80%');
    expect(rows.find((r) => r.label === 'As of')).toEqual({ label: 'As of', value: 'the last transaction date', flag: '' });
    expect(rows.find((r) => r.label === 'List order')).toEqual({ label: 'List order', value: 'Balanced', flag: '--list-order balanced' });
  });

  it('refuses a list order that is none of its choices, naming them', () => {
    const args = parseArgs({ args: ['--list-order', 'biggest'], options: settingsOptions });
    expect(() => settingsFromArgs(args)).toThrow('--list-order biggest is not one of balanced, money, sure.');
  });

  it("writes the report's method text from the table: every setting is said with its clause and this run's value", () => {
    const defaults = defaultAnalysisSettings();
    const text = methodParagraphs(defaults, '2011-12-09', 5).join('\n');
    const resolved: Record<string, unknown> = { asOf: '2011-12-09', k: 5 };
    for (const meta of SETTINGS) {
      const value = meta.path in resolved ? resolved[meta.path] : settingValue(defaults, meta.path);
      const clause = settingProse(meta, value);
      expect(clause, meta.path).not.toBe('');
      expect(text, meta.path).toContain(clause);
    }
    expect(text).toContain('more than 2 cycles of the customer');
    expect(text).toContain('revenue at or above the 50th percentile');
    // Money at risk as the list states it (an expected loss, with its chance), not the rules' old run-rate.
    expect(text).toContain("The revenue at risk is what the unit is expected to lose of its usual spend (its prior 12 months' rate), stated over the next 365 days: learned from how such units fared");
    expect(text).not.toContain('run-rate before the slide');
    // A size limit of nothing is said as none, not as "worth less than 0 a year".
    expect(text).toContain('no recovery action is left out for its size');
    expect(text).not.toContain('worth less than 0');
  });

  it('changes the method text with the run: another value is said, a switch turned off is not', () => {
    const changed = analysisSettingsSchema.parse({
      strategicShare: 0.7,
      growth: { peerQuantile: 0.75, minPenetration: 0.4 },
      recovery: { lateness: 3.5, seasonal: false, volatility: false },
    });
    const text = methodParagraphs(changed, '2011-12-09', 4).join('\n');
    expect(text).toContain('together make 70% of it');
    expect(text).toContain('the 75th percentile of what');
    expect(text).toContain('at least 40% of a profile');
    expect(text).toContain('more than 3.5 cycles');
    expect(text).toContain('k = 4');
    expect(text).not.toContain('same season');
    expect(text).not.toContain('irregular buyers');
  });
});

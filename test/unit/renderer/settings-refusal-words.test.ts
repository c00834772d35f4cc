import { describe, expect, it } from 'vitest';
import { screenWords } from '../../../renderer/src/app/screen-words';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { kSetting } from '../../../renderer/src/features/profiles/ProfilesScreen';

/** The door's wording of refused input (main/backend/dispatch.ts), for a settings object sent to analysis-run. */
const refused = (settings: unknown): string => {
  const parsed = analysisSettingsSchema.safeParse(settings);
  if (parsed.success) throw new Error('expected a refusal');
  return `Invalid input for analysis-run: ${parsed.error.issues.map((i) => `settings.${i.path.join('.')}: ${i.message}`).join('; ')}`;
};

describe('a refused analysis setting on a screen', () => {
  it("reads in the setting's label and range, never as a zod path", () => {
    const text = screenWords('Invalid input for analysis-run: settings.k: Too small: expected number to be >=2; settings.k: k 1 is outside the range tried, 2 to 12: widen kMin or kMax to take it');
    expect(text).toBe('Profiles (k) must be auto or a whole number from 2 to 15; Profiles (k): 1 is outside the range tried, 2 to 12: widen Smallest k scored or Largest k scored to take it.');
    expect(screenWords(refused({ recovery: { horizonDays: 10 } }))).toBe('Money at risk over must be a whole number from 30 to 730 days.');
    expect(screenWords(refused({ growth: { minValueShare: 9 } }))).toBe('Smallest growth action must be from 0% to 500%.');
    expect(screenWords(refused({ kMin: 9, kMax: 4 }))).toBe('Smallest k scored: 9 is above Largest k scored 4: the range of k to try runs from the smaller to the larger.');
  });
});

describe('the suggested k asked for on Profiles', () => {
  it("is 'auto', which the settings take even where the suggestion is one peer group; another k stays a number", () => {
    expect(kSetting(1, 1)).toBe('auto');
    expect(analysisSettingsSchema.safeParse({ k: kSetting(1, 1) }).success).toBe(true);
    expect(analysisSettingsSchema.safeParse({ k: 1 }).success).toBe(false);
    expect(kSetting(4, 4)).toBe('auto');
    expect(kSetting(3, 1)).toBe(3);
  });
});

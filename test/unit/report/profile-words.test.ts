import { describe, expect, it } from 'vitest';
import { profileWords, structureReasonAfterHeading } from '../../../shared/format/profile-words';
import { describeSummary } from '../../../main/cli/commands/analyze';
import type { AnalysisSummary } from '../../../shared/model/results';
import { summary } from './fixtures';

describe("the overview's head line", () => {
  it('counts the profiles of a run that found several', () => {
    expect(profileWords({ k: 4, structure: { state: 'clear', reason: '' } })).toBe('4 profiles');
  });

  it('says the patterns are weak where the split is hardly better than a cloud with no groups', () => {
    expect(profileWords({ k: 4, structure: { state: 'weak', reason: '' } })).toBe('4 profiles (weak buying patterns)');
  });

  it('says one peer group, and why, when the sweep found no buying patterns', () => {
    expect(profileWords({ k: 1, structure: { state: 'none', reason: 'No clear buying patterns: ...' } })).toBe('one peer group (no clear buying patterns)');
  });

  it('says one peer group without a reason when the user chose one', () => {
    expect(profileWords({ k: 1, structure: { state: 'clear', reason: '' } })).toBe('one peer group');
  });
});

describe("the terminal's profiles line", () => {
  const run = () => summary({ revenue12m: 1_000_000, recovery: 100_000, growth: 50_000 });

  it('gives the k and why when the sweep found profiles', () => {
    const s = { ...run(), quality: [{ k: 2 }, { k: 3 }] as AnalysisSummary['quality'], suggestedK: 3, k: 3, elbowK: 3, structure: { state: 'clear' as const, reason: '' } };
    expect(describeSummary(s)).toContain('Profiles: k = 3 (suggested 3 by silhouette, error-curve elbow at 3)');
  });

  it('says the patterns are weak on the same line when the split is hardly better than a cloud with no groups', () => {
    const s = { ...run(), quality: [{ k: 2 }, { k: 4 }] as AnalysisSummary['quality'], suggestedK: 4, k: 4, elbowK: 5, structure: { state: 'weak' as const, reason: 'Weak buying patterns: ...' } };
    expect(describeSummary(s)).toContain('Profiles: k = 4 (suggested 4 by silhouette, error-curve elbow at 5; weak buying patterns, see the notes)');
  });

  it('says one peer group and no stable split, not "suggested 1 by silhouette", when the sweep found no patterns', () => {
    const s = { ...run(), quality: [{ k: 2 }] as AnalysisSummary['quality'], suggestedK: 1, k: 1, structure: { state: 'none' as const, reason: '' } };
    const text = describeSummary(s);
    expect(text).toContain('Profiles: one peer group, no clear buying patterns (no stable split from k = 2 to 12: see the notes)');
    expect(text).not.toContain('by silhouette');
  });
});

describe('a structure reason under its bold heading', () => {
  it('drops the heading the notice shows already and starts with a capital', () => {
    expect(structureReasonAfterHeading('Weak buying patterns: the best stable split (silhouette 0.28) is hardly better.')).toBe('The best stable split (silhouette 0.28) is hardly better.');
    expect(structureReasonAfterHeading('No clear buying patterns: the best stable split has a mean silhouette of 0.08.')).toBe('The best stable split has a mean silhouette of 0.08.');
  });

  it('leaves a reason that does not start with a heading as it is', () => {
    expect(structureReasonAfterHeading('Only 12 best customers: too few to look for buying patterns.')).toBe('Only 12 best customers: too few to look for buying patterns.');
  });
});

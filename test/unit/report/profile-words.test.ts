import { describe, expect, it } from 'vitest';
import { profileWords } from '../../../shared/format/profile-words';

describe("the overview's head line", () => {
  it('counts the profiles of a run that found several', () => {
    expect(profileWords({ k: 4, structure: { state: 'clear', reason: '' } })).toBe('4 profiles');
  });

  it('says one peer group, and why, when the sweep found no buying patterns', () => {
    expect(profileWords({ k: 1, structure: { state: 'none', reason: 'No clear buying patterns: ...' } })).toBe('one peer group (no clear buying patterns)');
  });

  it('says one peer group without a reason when the user chose one', () => {
    expect(profileWords({ k: 1, structure: { state: 'clear', reason: '' } })).toBe('one peer group');
  });
});

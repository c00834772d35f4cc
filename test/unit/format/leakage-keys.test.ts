import { describe, expect, it } from 'vitest';
import { leakageKeyLabel } from '../../../shared/format/leakage-keys';
import { NONE_KEY } from '../../../shared/model/slice';

describe('a leakage breakdown row as people read it', () => {
  it('names the customers without a territory, rep or profile for what they are, whatever the dimension is spelt', () => {
    expect(leakageKeyLabel('Territory', NONE_KEY)).toBe('No territory');
    expect(leakageKeyLabel('rep', NONE_KEY)).toBe('No rep');
    expect(leakageKeyLabel('profile', NONE_KEY)).toBe('No profile (no spend in 12 months)');
  });

  it('leaves every other key as the name it already is, a category really called "(none)" included', () => {
    expect(leakageKeyLabel('territory', 'North Valley')).toBe('North Valley');
    expect(leakageKeyLabel('category', '(none)')).toBe('(none)');
  });
});

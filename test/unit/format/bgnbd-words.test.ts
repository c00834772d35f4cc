import { describe, expect, it } from 'vitest';
import { describeHoldoutError } from '../../../shared/format/bgnbd';

describe('the BG/NBD holdout check in words', () => {
  it('says whether the model expected too many purchases or too few, not a bare signed share', () => {
    expect(describeHoldoutError(-0.17)).toBe('the model 17% low');
    expect(describeHoldoutError(0.239)).toBe('the model 24% high');
  });

  it('calls a miss that rounds to nothing within 1%, and says when there was nothing to compare', () => {
    expect(describeHoldoutError(0.004)).toBe('the model within 1%');
    expect(describeHoldoutError(-0.004)).toBe('the model within 1%');
    expect(describeHoldoutError(null)).toBe('nothing to compare it with');
  });
});

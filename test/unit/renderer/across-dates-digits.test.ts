import { describe, expect, it } from 'vitest';
import { sharesApart } from '../../../renderer/src/features/recovery/AcrossDates';
import { calibrationText } from '../../../shared/analytics/holdout/across-dates';
import { formatShare } from '../../../shared/format/numbers';

const share = (v: number, digits = 1) => formatShare(v, digits, 'en-US');

describe("the Recovery screen's across-dates table near a bar", () => {
  it('shows a second decimal where one alone would print our precision equal to the bar it was judged against', () => {
    expect(sharesApart(0.4971, 0.4968, share)).toBe('49.71% / 49.68%');
    expect(sharesApart(0.53, 0.49, share)).toBe('53.0% / 49.0%');
  });

  it("shows stated over lost with the digits that tell it from the money band's end", () => {
    expect(calibrationText(1.2491)).toBe('1.249x');
    expect(calibrationText(1.2541)).toBe('1.254x');
    expect(calibrationText(1.1)).toBe('1.10x');
  });
});

import { describe, expect, it } from 'vitest';
import { hindsightSentence, ordersInHindsight, type OrderOutcome } from '../../../shared/analytics/holdout/orders-in-hindsight';

/** Ten weights as a run tries them, lightest first; `meets` lists the ones whose top flags met both bars. */
const outcomes = (meets: number[], capturing: number[] = []): OrderOutcome[] =>
  [0, 1, 2, 4, 8, 16, 32, 64, 128, 512].map((weight) => ({ weight, beatsCapture: meets.includes(weight) || capturing.includes(weight), precisionOk: meets.includes(weight) }));

describe('every order the recovery list could take, scored in hindsight', () => {
  it('counts the weights that met both bars, and which side of the run’s own they lie', () => {
    expect(ordersInHindsight(outcomes([0, 1, 16, 64]), 8)).toEqual({ weights: 10, meetBoth: 4, chosenMeets: false, lighter: 2, heavier: 2 });
    expect(ordersInHindsight(outcomes([2, 4]), 4)).toEqual({ weights: 10, meetBoth: 2, chosenMeets: true, lighter: 1, heavier: 0 });
  });

  it('does not count a weight that met only one of the two bars', () => {
    expect(ordersInHindsight(outcomes([], [0, 1, 2]), 0).meetBoth).toBe(0);
  });

  it('says nothing when the run’s own order met both bars', () => {
    expect(hindsightSentence(ordersInHindsight(outcomes([2, 4]), 4), 300)).toBe('');
  });

  it('puts the limit on the forecasts when no order would have met both bars', () => {
    expect(hindsightSentence(ordersInHindsight(outcomes([], [0, 1]), 0), 300)).toBe(
      " None of the 10 orders the list could take (money first, 8 weights on sureness between, surest first) would have met both the capture and the precision bars with its top 300 here: on this data the forecasts, not the list's order, set the limit.",
    );
  });

  it('names the side a better order lay on when some other order would have met both', () => {
    expect(hindsightSentence(ordersInHindsight(outcomes([64]), 0), 300)).toBe(
      " In hindsight 1 of the 10 orders the list could take (money first, 8 weights on sureness between, surest first) would have met both the capture and the precision bars, with a heavier weight on sureness than this run's; the run weighs sureness by its own forecasts, which cannot see what followed.",
    );
    expect(hindsightSentence(ordersInHindsight(outcomes([0, 512]), 8), 300)).toContain(' would have met both the capture and the precision bars, with weights on sureness lighter and heavier than this run\'s;');
    expect(hindsightSentence(ordersInHindsight(outcomes([0, 1]), 8), 300)).toContain(' In hindsight 2 of the 10 orders ');
    expect(hindsightSentence(ordersInHindsight(outcomes([0, 1]), 8), 300)).toContain(', with lighter weights on sureness than this run\'s;');
  });
});

import { formatCount } from '../../format/numbers';

/**
 * Every order the list could have taken on a replay (each weight on sureness, from money first to
 * surest first), scored on what followed against the same two bars as the verdict. It tells a miss
 * the order could have avoided from one no order could: the run chooses its weight from its own
 * forecasts, which cannot see the outcome, so when no weight meets both bars it is the forecasts,
 * not the choice, that set the limit.
 */
export type OrdersInHindsight = {
  /** How many weights were scored, and how many of them met both the capture and the precision bar. */
  weights: number;
  meetBoth: number;
  /** Whether the run's own weight met both; how many weights lighter and heavier than it did. */
  chosenMeets: boolean;
  lighter: number;
  heavier: number;
};

/** What one weight's top flags did: whether they held the capture margin over the best rule's loss, and whether they cleared the precision bar. */
export type OrderOutcome = { weight: number; beatsCapture: boolean; precisionOk: boolean };

export function ordersInHindsight(outcomes: readonly OrderOutcome[], used: number): OrdersInHindsight {
  const meets = outcomes.filter((o) => o.beatsCapture && o.precisionOk);
  return {
    weights: outcomes.length,
    meetBoth: meets.length,
    chosenMeets: meets.some((o) => o.weight === used),
    lighter: meets.filter((o) => o.weight < used).length,
    heavier: meets.filter((o) => o.weight > used).length,
  };
}

/** The hindsight in one sentence beside the verdict: nothing when the run's own order met both bars. */
export function hindsightSentence(h: OrdersInHindsight, compared: number): string {
  if (h.chosenMeets || h.weights < 2) return '';
  const orders = `${h.weights} orders the list could take (money first, ${h.weights - 2} weights on sureness between, surest first)`;
  if (h.meetBoth === 0) {
    return ` None of the ${orders} would have met both the capture and the precision bars with its top ${formatCount(compared)} here: on this data the forecasts, not the list's order, set the limit.`;
  }
  const several = h.meetBoth > 1;
  const side =
    h.lighter > 0 && h.heavier > 0
      ? 'weights on sureness lighter and heavier than'
      : `${several ? '' : 'a '}${h.lighter > 0 ? 'lighter' : 'heavier'} weight${several ? 's' : ''} on sureness than`;
  return ` In hindsight ${h.meetBoth} of the ${orders} would have met both the capture and the precision bars, with ${side} this run's; the run weighs sureness by its own forecasts, which cannot see what followed.`;
}

import { formatMoney, formatShare, roundForReason } from '../../format/numbers';
import type { RecoveryModel } from './model';
import type { CustomerVerdict, Verdict } from './judge';
import { seasonLabel } from './season';

// Reasons a rep can read aloud: what the customer usually does, what it did instead, what it is worth.

const days = (x: number): string => {
  const d = Math.round(x);
  return `${d} day${d === 1 ? '' : 's'}`;
};

const rhythmWords = (cycle: number): string => (cycle >= 56 ? `about every ${Math.round(cycle / 7)} weeks` : `about every ${days(cycle)}`);

export function reasonFor(m: RecoveryModel, r: number, v: Verdict, customer: CustomerVerdict): string {
  const category = m.categories[m.category[r]];
  const cash = (x: number) => formatMoney(roundForReason(x), m.currency);
  switch (v.signal) {
    case 'lapsed-all':
      return (
        `No order in any category for ${days(customer.silence)}, where its usual rhythms would have brought about ${Math.round(customer.expectedOrders)} orders; ` +
        `bought ${category} for ${cash(m.runRate[r])} a year before stopping`
      );
    case 'late': {
      const cycles = (v.gap / v.cycle).toFixed(1);
      if (v.seasonal) {
        return (
          `Buys ${category} in season (${seasonLabel(m.seasonMask[r])}), ${rhythmWords(v.cycle)} then; ` +
          `${days(v.gap)} of season without an order (${cycles} cycles); ${cash(m.runRate[r])} in the 12 months up to the last order`
        );
      }
      return (
        `Orders ${category} ${rhythmWords(v.cycle)}; last order ${days(v.gap)} ago (${cycles} cycles); ` +
        `${cash(m.runRate[r])} in the 12 months up to it`
      );
    }
    case 'declining': {
      const against = v.seasonal ? 'the same months a year earlier' : 'its usual rate';
      return (
        `${category} spend down to ${formatShare(v.ratio, 0)} of ${against} over the last ${days(m.trailingDays[r])}; ` +
        `${cash(v.baseline)} a year before the slide`
      );
    }
    default:
      return '';
  }
}

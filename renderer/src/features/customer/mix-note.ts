import type { CustomerDetail } from '../../../../shared/contract/analysis';
import type { Formatters } from '../../app/format';

type Customer = Pick<CustomerDetail['customer'], 'mix' | 'revenue12m'>;

/**
 * Why a customer has no mix to set against its profile, or null where it has one. Without any
 * spend in its 12 months the chart drew only a legend and an axis (Online Retail II's 15162, whose
 * 12 months hold only a return).
 */
export function noMixWords(c: Customer, asOf: string | null, fmt: Pick<Formatters, 'money' | 'date'>): string | null {
  if (c.mix.some((share) => share > 0)) return null;
  if (asOf === null) return 'No mix to compare: the table gives this customer no spend in any category.';
  const window = `the 12 months to ${fmt.date(asOf)}`;
  return c.revenue12m < 0
    ? `No mix to compare: in ${window} its returns outweighed its purchases (${fmt.money(c.revenue12m)}), so no category holds a share of its spend.`
    : `No mix to compare: it bought nothing in ${window}, so no category holds a share of its spend.`;
}

import { isoFromDay } from '../format/dates';
import { purchasesOf } from './purchases';
import { createRng, deriveSeed } from './rng';
import type { CustomerPlan, DistributorPlan, SampleRow } from './types';

const CREDIT_RATE = 0.015;
const PREFERRED_SHARE = 0.65;
const YEARLY_PRICE_RISE = 0.03;

type Line = { day: number; category: number; product: number; quantity: number; unitPrice: number; credit: boolean };

const cents = (x: number): number => Math.round(x * 100) / 100;

/**
 * A small order buys a cheaper product rather than one unit of a dear one, so quantities stay
 * realistic and a shrinking spend shows up as shrinking money.
 */
function affordable(products: readonly { price: number }[], wanted: number, value: number): number {
  if (products[wanted].price * 2 <= value) return wanted;
  let best = 0;
  for (let i = 1; i < products.length; i++) {
    const fits = products[i].price * 2 <= value;
    const bestFits = products[best].price * 2 <= value;
    if (fits ? !bestFits || products[i].price > products[best].price : !bestFits && products[i].price < products[best].price) best = i;
  }
  return best;
}

function linesOf(plan: DistributorPlan, customer: CustomerPlan): Line[] {
  const lines: Line[] = [];
  for (const rel of customer.relationships) {
    const products = plan.categories[rel.category].products;
    const rng = createRng(deriveSeed(rel.seed, 5));
    for (const purchase of purchasesOf(rel, plan.startDay, plan.endDay)) {
      const wanted = rng.chance(PREFERRED_SHARE) ? rel.preferredProduct : rng.int(0, products.length - 1);
      const product = affordable(products, wanted, purchase.value);
      const years = (purchase.day - plan.startDay) / 365;
      const unitPrice = cents(products[product].price * customer.priceFactor * (1 + YEARLY_PRICE_RISE * years));
      const quantity = Math.max(1, Math.round(purchase.value / unitPrice));
      lines.push({ day: purchase.day, category: rel.category, product, quantity, unitPrice, credit: false });
      // Returns only on healthy rhythmic relationships, so no credit blurs a planted signal.
      if (rel.kind === 'regular' && rng.chance(CREDIT_RATE)) {
        const day = purchase.day + rng.int(2, 12);
        if (day <= plan.endDay) lines.push({ day, category: rel.category, product, quantity: -rng.int(1, Math.max(1, Math.floor(quantity / 2))), unitPrice, credit: true });
      }
    }
  }
  return lines.sort((a, b) => a.day - b.day || a.category - b.category || Number(a.credit) - Number(b.credit));
}

/** Invoice numbers read like a real ERP's: one per customer and day, credit notes prefixed C. */
const invoiceFor = (plan: DistributorPlan, customer: CustomerPlan, day: number, credit: boolean): string =>
  `${credit ? 'CN' : 'INV'}${String(day - plan.startDay).padStart(4, '0')}${String(customer.index + 1).padStart(5, '0')}`;

export function* rowsOfCustomer(plan: DistributorPlan, customer: CustomerPlan): Generator<SampleRow> {
  for (const line of linesOf(plan, customer)) {
    const category = plan.categories[line.category];
    const rep = customer.repChange && line.day >= customer.repChange.day ? customer.repChange.rep : customer.rep;
    yield {
      invoice: invoiceFor(plan, customer, line.day, line.credit),
      date: isoFromDay(line.day),
      customerId: customer.id,
      customerName: customer.name,
      category: category.name,
      product: category.products[line.product].name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      revenue: cents(line.quantity * line.unitPrice),
      rep,
      territory: customer.territory,
      segment: customer.segment,
    };
  }
}

/** Streams every row, customer by customer, each customer's rows by date. */
export function* rowsOfPlan(plan: DistributorPlan): Generator<SampleRow> {
  for (const customer of plan.customers) yield* rowsOfCustomer(plan, customer);
}

import type { ImportField } from '../../../shared/contract/import';

/**
 * What to say where the revenue and a unit price are both mapped with no quantity: the revenue is
 * summed and the price left aside, which is right for a line's total beside its unit price and
 * wrong where the "revenue" counts the items (Ta-Feng's AMOUNT beside its SALES_PRICE had summed
 * 5 million items as the money, silently). Only the analyst can tell the two apart for sure.
 */
export function revenueBesidePriceNote(mapping: Partial<Record<ImportField, string | null>>): string | null {
  const { revenue, unitPrice, quantity } = mapping;
  if (!revenue || !unitPrice || quantity) return null;
  return `'${revenue}' is read as each line's money and '${unitPrice}' as a price per unit, with no column counting the items. If '${revenue}' counts items, map --map quantity=${revenue} and --map revenue=${unitPrice} (where '${unitPrice}' is the line's total) or leave '${unitPrice}' the unit price.`;
}

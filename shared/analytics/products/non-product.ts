/**
 * Lines on an invoice that are not products: postage, carriage, fees, discounts, manual
 * adjustments, samples, commission, vouchers, test lines. They are recognised from three
 * independent signals, so no list tuned to one file is needed:
 * - the description names a charge or an adjustment (words any ERP uses for them);
 * - the code itself is such a word (POST, FREIGHT, ADJUST2, DISC...);
 * - in a catalogue whose product codes carry digits, a code without any that behaves like money
 *   rather than goods: its net revenue is a credit, or its unit price changes from line to line.
 */
/**
 * The group the exported product list gives a line left out, so the list imports back without
 * rejects; a product list naming it says those lines are no products, not that they are a group.
 */
export const NOT_A_PRODUCT_GROUP = '(not a product)';

export type LineKind = 'shipping' | 'fee' | 'commission' | 'discount' | 'adjustment' | 'sample' | 'voucher' | 'test';

export const LINE_KIND_LABELS: Record<LineKind, string> = {
  shipping: 'postage / carriage',
  fee: 'fee or bank charge',
  commission: 'commission',
  discount: 'discount',
  adjustment: 'manual adjustment',
  sample: 'samples',
  voucher: 'gift voucher',
  test: 'test line',
};

export type LineEvidence = {
  code: string;
  /** Descriptions seen for the code (any may be empty). */
  names: readonly string[];
  /** Rows, rows with negative revenue, and net revenue. */
  rows: number;
  negativeRows: number;
  revenue: number;
  /** Coefficient of variation of the unit price over rows with a quantity; NaN when unknown. */
  priceCv: number;
};

export type LineVerdict = { kind: LineKind; reason: string };

/**
 * Words that name a charge wherever they stand in a description. "Carriage" alone also names
 * goods (a carriage clock, a carriage lantern): it is a charge only at the end of the description
 * or before charge, cost, fee or paid.
 */
const ANYWHERE: [LineKind, RegExp][] = [
  ['shipping', /\b(postage|carriage(?= (charges?|costs?|fees?|paid))|carriage$|freight|shipping( charges?| costs?| fee)?|delivery (charges?|costs?|fees?)|courier (charges?|fee)|p ?& ?p|post (and|&) packing|packing (and|&) postage|handling (charges?|fee))\b/],
  ['fee', /\b(bank charges?|bank fees?|card (charges?|fees?)|transaction (charges?|fees?)|service (charges?|fee)|surcharge|marketplace fees?|amazon fees?|ebay fees?|paypal fees?|late (payment )?fee)\b/],
  ['commission', /\bcommissions?\b/],
  ['adjustment', /\b(adjustments?( by)?|bad debts?|write[- ]?offs?|rounding( difference)?|invoice correction|credit note|reversal|balance transfer)\b/],
  ['voucher', /\bgift (vouchers?|cards?|certificates?)\b/],
  ['test', /\b(test (product|item|line|article)s?|this is a test)\b/],
];

/** Words that are a non-product line only when they are (nearly) the whole description: "Manual", "Discount". */
const WHOLE: [LineKind, RegExp][] = [
  ['adjustment', /^(manual( entry| adjustment| line)?|adjust|adjustment|correction|misc(ellaneous)?( charge)?|sundry|sundries)$/],
  ['discount', /^((volume |trade |early payment |cash |customer |promotional )?discounts?|rebates?|promo(tion)?|coupon|allowance)$/],
  ['sample', /^((free )?samples?|sample (pack|order))$/],
  ['fee', /^(fees?|charges?|admin(istration)? (fee|charge)|fuel surcharge|deposit)$/],
  ['shipping', /^(delivery|shipping|post|transport|haulage)$/],
  ['test', /^test$/],
];

/** Codes that are such a word, optionally numbered (ADJUST2, POST1). */
const CODES: [LineKind, RegExp][] = [
  ['shipping', /^(POST|POSTAGE|SHIP|SHIPPING|FREIGHT|CARRIAGE|DELIVERY|DELIV|COURIER|PP|PANDP)\d*$/],
  ['fee', /^(FEE|FEES|BANKCHARGES?|BANKFEES?|SURCHARGE|AMAZONFEE|EBAYFEE|PAYPALFEE|SERVICECHARGE)\d*$/],
  ['commission', /^(COMM|COMMISSION)\d*$/],
  ['discount', /^(DISC|DISCOUNT|REBATE|PROMO|COUPON)\d*$/],
  ['adjustment', /^(ADJ|ADJUST|ADJUSTMENT|MANUAL|CORR|CORRECTION|MISC|WRITEOFF|BADDEBT|ROUNDING)\d*$/],
  ['sample', /^(SAMPLE|SAMPLES)\d*$/],
  ['voucher', /^(GIFT|VOUCHER|GIFTCARD|GIFTVOUCHER)\d*$/],
  ['test', /^TEST\d*$/],
];

const normaliseText = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9& ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const normaliseCode = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9&]/g, '').replace(/&/g, 'AND');

/** Share of codes in the catalogue that carry a digit: a code without one stands out only where most have one. */
export const digitShare = (codes: readonly string[]): number => (codes.length ? codes.filter((c) => /\d/.test(c)).length / codes.length : 0);

/** Codes such as gift_0001_10 carry their kind in a word before the digits. */
const codeWords = (code: string): string => code.replace(/[_\-./]+/g, ' ').replace(/\d+/g, ' ').trim().toUpperCase().replace(/\s+/g, '');

export function classifyLine(line: LineEvidence, catalogueDigitShare: number): LineVerdict | null {
  for (const name of line.names) {
    const text = normaliseText(name);
    if (text === '') continue;
    for (const [kind, re] of ANYWHERE) if (re.test(text)) return { kind, reason: `description '${name.trim()}' names ${LINE_KIND_LABELS[kind]}` };
    for (const [kind, re] of WHOLE) if (re.test(text)) return { kind, reason: `description '${name.trim()}' is ${LINE_KIND_LABELS[kind]}` };
  }
  const code = normaliseCode(line.code);
  for (const [kind, re] of CODES) {
    if (re.test(code) || (codeWords(line.code) !== code && re.test(codeWords(line.code)))) {
      return { kind, reason: `code '${line.code}' is ${LINE_KIND_LABELS[kind]}` };
    }
  }
  // Behaviour only where most codes carry digits, so "a code without digits" means something.
  if (catalogueDigitShare >= 0.8 && !/\d/.test(line.code) && line.rows >= 3) {
    if (line.revenue < 0 || line.negativeRows > line.rows / 2) {
      return { kind: 'adjustment', reason: `code '${line.code}' has no digits, unlike ${Math.round(catalogueDigitShare * 100)}% of codes, and nets to a credit` };
    }
    if (line.priceCv > 1.5) {
      return { kind: 'adjustment', reason: `code '${line.code}' has no digits, unlike ${Math.round(catalogueDigitShare * 100)}% of codes, and its unit price varies from line to line (CV ${line.priceCv.toFixed(1)})` };
    }
  }
  return null;
}

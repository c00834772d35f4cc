import fs from 'node:fs';
import zlib from 'node:zlib';
import Papa from 'papaparse';
import { dayFromIso } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';

export const ONLINE_RETAIL = '/work/shared/data/online_retail.csv.gz';
export const ONLINE_RETAIL_II = '/work/shared/data/online_retail_II_2009_2010.csv.gz';

/**
 * The category level for UCI Online Retail: 4,070 StockCodes are far too fine for buying patterns
 * (most customers buy a few dozen of them once) and the codes carry no family in their digits, so
 * Description keywords group products into the families a giftware wholesaler sells by. First
 * match wins, so the seasonal family is tested before the product type it shares words with.
 * Postage, manual adjustments and bank fees are not products and are left out.
 */
const FAMILIES: [string, RegExp][] = [
  ['Christmas', /CHRISTMAS|XMAS|ADVENT|SANTA|REINDEER|SNOWFLAKE/],
  ['Bags', /\bBAG\b|BAGS|LUNCH BOX|SHOPPER|TOTE/],
  ['Lighting & candles', /LIGHT|LANTERN|CANDLE|T-LIGHT|TEALIGHT|LAMP/],
  ['Tableware', /MUG|CUP|PLATE|BOWL|JUG|TEAPOT|GLASS|NAPKIN|CUTLERY|SAUCER|BEAKER|TUMBLER/],
  ['Baking & kitchen', /CAKE|BAKING|TIN|JAR|KITCHEN|APRON|TEA TOWEL|OVEN|SPOON|BISCUIT|LUNCH/],
  ['Stationery & wrap', /CARD|WRAP|PAPER|NOTEBOOK|PENCIL|PEN\b|STICKER|ENVELOPE|TAPE|RIBBON|BOOK|CALENDAR|CHALK/],
  ['Kids & toys', /CHILD|KIDS|TOY|GAME|DOLL|SPACEBOY|DOLLY|PLAYING|JIGSAW|BALLOON|TEDDY/],
  ['Jewellery & accessories', /NECKLACE|BRACELET|EARRING|RING\b|JEWEL|HAIR|PURSE|UMBRELLA|WALLET|CHARM/],
  ['Garden', /GARDEN|PLANT|FLOWER POT|WATERING|BIRD|HERB|SEED/],
  ['Home decor', /HEART|SIGN|DECORATION|FRAME|CLOCK|MIRROR|CUSHION|VASE|HOOK|HANGER|DOORMAT|WALL|ORNAMENT|BUNTING|GARLAND|HOLDER|BOX/],
];
const NOT_PRODUCTS = new Set(['POST', 'DOT', 'M', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'D', 'S', 'PADS', 'C2', 'B']);

export const familyOf = (description: string): string => {
  const text = description.toUpperCase();
  for (const [family, pattern] of FAMILIES) if (pattern.test(text)) return family;
  return 'Other giftware';
};

/** Cleaned as the data README's reference: a CustomerID, no "C" invoices, quantity and price above 0. */
export function onlineRetail(file = ONLINE_RETAIL): { ds: Dataset; rows: number; revenue: number } {
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const header = parsed[0];
  // Online Retail II names two columns differently (Invoice, Price).
  const col = (...names: string[]) => Math.max(...names.map((name) => header.indexOf(name)));
  const [iInvoice, iCode, iDesc, iQty, iDate, iPrice, iCustomer, iCountry] = [
    col('InvoiceNo', 'Invoice'), col('StockCode'), col('Description'), col('Quantity'), col('InvoiceDate'), col('UnitPrice', 'Price'), col('CustomerID'), col('Country'),
  ];
  const customers = new Map<string, { index: number; country: string }>();
  const categories = new Map<string, number>();
  const tx: { c: number; k: number; d: number; v: number }[] = [];
  let revenue = 0;
  let rows = 0;
  for (let r = 1; r < parsed.length; r++) {
    const row = parsed[r];
    const id = row[iCustomer];
    const qty = Number(row[iQty]);
    const price = Number(row[iPrice]);
    if (!id || row[iInvoice].startsWith('C') || !(qty > 0) || !(price > 0)) continue;
    rows++;
    revenue += qty * price;
    if (NOT_PRODUCTS.has(row[iCode])) continue;
    let customer = customers.get(id);
    if (!customer) {
      customer = { index: customers.size, country: row[iCountry] };
      customers.set(id, customer);
    }
    const family = familyOf(row[iDesc] ?? '');
    let k = categories.get(family);
    if (k === undefined) {
      k = categories.size;
      categories.set(family, k);
    }
    tx.push({ c: customer.index, k, d: dayFromIso(row[iDate].slice(0, 10)), v: qty * price });
  }
  // Dense indices in sorted order of code and family name, so the dataset is the same whatever the row order.
  const codes = [...customers.keys()].sort();
  const names = [...categories.keys()].sort();
  const customerRank = new Int32Array(customers.size);
  codes.forEach((code, i) => (customerRank[(customers.get(code) as { index: number }).index] = i));
  const categoryRank = new Int32Array(categories.size);
  names.forEach((name, i) => (categoryRank[categories.get(name) as number] = i));
  const sorted = tx
    .map((t) => ({ c: customerRank[t.c], k: categoryRank[t.k], d: t.d, v: t.v }))
    .sort((a, b) => a.c - b.c || a.k - b.k || a.d - b.d);
  const days = sorted.map((t) => t.d);
  return {
    rows,
    revenue,
    ds: {
      customers: codes.map((code) => ({ code, name: `Customer ${code}`, rep: null, territory: customers.get(code)?.country ?? null, segment: null })),
      categories: names,
      tx: {
        customer: Int32Array.from(sorted, (t) => t.c),
        category: Int32Array.from(sorted, (t) => t.k),
        day: Int32Array.from(days),
        revenue: Float64Array.from(sorted, (t) => t.v),
      },
      hasDates: true,
      firstDay: Math.min(...days.slice(0, 1), days.reduce((a, b) => Math.min(a, b), Infinity)),
      lastDay: days.reduce((a, b) => Math.max(a, b), -Infinity),
      currency: 'GBP',
    },
  };
}

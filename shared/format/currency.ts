import { foldWords } from './fold-words';

/**
 * Which currency a sales file is in, guessed the way an analyst would: a currency column, a code or
 * symbol in the amount headers or cells, then the country the customers are in; failing all of
 * those, the currency of the machine's locale. Every guess says why, so the screen can show it.
 */
/**
 * The workspace "currency" of a purchase log without money (ISO 4217's code for no currency): every
 * row counts as one purchase of one unit, so every amount is a count of purchases, shown as units.
 */
export const PURCHASE_UNITS = 'XXX';

/** What a file's amounts count in, for its currency column: the code, or the purchase log's units. */
export const amountsIn = (currency: string): string => (currency === PURCHASE_UNITS ? 'units (purchase counts)' : currency);

export type CurrencyGuess = {
  code: string;
  /** data: read from the file; locale: from the system's region; default: nothing to go on. */
  source: 'data' | 'locale' | 'default';
  reason: string;
};

export type CurrencyEvidence = {
  headers: string[];
  rows: string[][];
  /** Columns holding amounts (revenue, unit price, a spend table's categories). */
  amountColumns: string[];
  /** A BCP 47 locale such as en-GB; its region decides when the file says nothing. */
  locale?: string;
  /**
   * A workbook's number formats, by amount column: one per number cell of the rows read, null
   * where it is General. A cell formatted '"£"#,##0.00' shows £1,000.00 while its value is 1000.
   */
  formats?: Record<string, (string | null)[]>;
};

const ISO = /^[A-Z]{3}$/;
const CODES = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'INR', 'CNY', 'BRL', 'MXN', 'ZAR', 'SGD', 'HKD'];
const CODE_IN_TEXT = new RegExp(`\\b(${CODES.join('|')})\\b`, 'i');
// '$' alone is the dollar of too many countries to settle anything but USD as a last resort.
const SYMBOLS: [string, string][] = [
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['CHF', 'CHF'],
  ['A$', 'AUD'],
  ['C$', 'CAD'],
  ['NZ$', 'NZD'],
  ['R$', 'BRL'],
  ['US$', 'USD'],
  ['$', 'USD'],
];

const EURO = ['DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'PT', 'AT', 'FI', 'IE', 'GR', 'LU', 'SK', 'SI', 'EE', 'LV', 'LT', 'MT', 'CY', 'HR'];
const REGION_CURRENCY: Record<string, string> = {
  ...Object.fromEntries(EURO.map((r) => [r, 'EUR'])),
  GB: 'GBP', US: 'USD', CH: 'CHF', JP: 'JPY', CA: 'CAD', AU: 'AUD', NZ: 'NZD', SE: 'SEK', NO: 'NOK', DK: 'DKK',
  PL: 'PLN', CZ: 'CZK', HU: 'HUF', IN: 'INR', CN: 'CNY', BR: 'BRL', MX: 'MXN', ZA: 'ZAR', SG: 'SGD', HK: 'HKD',
};
const COUNTRY_REGION: [RegExp, string][] = [
  [/^(united kingdom|uk|u\.k\.|great britain|gb|england|scotland|wales|northern ireland|britain)$/, 'GB'],
  [/^(united states( of america)?|usa|u\.s\.a?\.?|us|america)$/, 'US'],
  [/^(eire|ireland|republic of ireland)$/, 'IE'],
  [/^(germany|deutschland)$/, 'DE'],
  [/^(france)$/, 'FR'],
  [/^(spain|españa)$/, 'ES'],
  [/^(italy|italia)$/, 'IT'],
  [/^(netherlands|the netherlands|holland)$/, 'NL'],
  [/^(belgium)$/, 'BE'],
  [/^(portugal)$/, 'PT'],
  [/^(austria|österreich)$/, 'AT'],
  [/^(finland)$/, 'FI'],
  [/^(greece)$/, 'GR'],
  [/^(switzerland|schweiz|suisse)$/, 'CH'],
  [/^(sweden|sverige)$/, 'SE'],
  [/^(norway|norge)$/, 'NO'],
  [/^(denmark|danmark)$/, 'DK'],
  [/^(poland|polska)$/, 'PL'],
  [/^(australia)$/, 'AU'],
  [/^(canada)$/, 'CA'],
  [/^(japan)$/, 'JP'],
  [/^(india)$/, 'IN'],
  [/^(brazil|brasil)$/, 'BR'],
  [/^(mexico|méxico)$/, 'MX'],
  [/^(south africa|rsa)$/, 'ZA'],
  [/^(new zealand)$/, 'NZ'],
  [/^(singapore)$/, 'SG'],
];

const normalise = (h: string): string => h.toLowerCase().replace(/[^a-z]/g, '');

/** The currency of a locale's region (en-GB -> GBP), or null when it has no region we know. */
export function currencyOfLocale(locale: string | undefined): string | null {
  const region = locale?.match(/[-_]([A-Za-z]{2})\b/)?.[1]?.toUpperCase();
  return region ? (REGION_CURRENCY[region] ?? null) : null;
}

function symbolIn(text: string): string | null {
  const code = text.match(CODE_IN_TEXT)?.[1];
  if (code) return code.toUpperCase();
  for (const [symbol, iso] of SYMBOLS) if (text.includes(symbol)) return iso;
  return null;
}

/**
 * The currency text a spreadsheet number format shows, or null for none: the symbol of a locale
 * tag ('[$€-407]', '[$USD]'; '[$-409]' names only a locale), quoted or escaped text ('"£"', '\€')
 * and a bare symbol ('$#,##0.00'); colours and conditions ('[Red]', '[>=100]') say nothing.
 */
export function currencyTextOfFormat(format: string): string | null {
  const parts: string[] = [];
  for (const m of format.matchAll(/\[\$([^\]-]*)[^\]]*\]|"([^"]*)"|\\(.)/gu)) parts.push(m[1] ?? m[2] ?? m[3] ?? '');
  const bare = format.replace(/\[[^\]]*\]|"[^"]*"|\\./gu, '');
  for (const [symbol] of SYMBOLS) if (symbol.length === 1 && bare.includes(symbol)) parts.push(symbol);
  const text = parts.join(' ').trim();
  return text === '' ? null : text;
}

const CURRENCY_HEADERS = ['currency', 'curr', 'ccy', 'currencycode', 'waehrung', 'wahrung', 'devise', 'moneda', 'valuta', 'moeda'];
/**
 * The currency of the document itself, where an ERP also carries others (SAP's Document Currency
 * beside its company code's Local Currency): the amounts of a sales line are in it.
 */
const DOCUMENT_CURRENCY_HEADERS = ['documentcurrency', 'doccurrency', 'doccurr', 'transactioncurrency', 'invoicecurrency', 'currencykey', 'currencyiso', 'currencyisocode', 'belegwaehrung', 'belegwahrung', 'transaktionswaehrung', 'transaktionswahrung', 'devisedocument', 'monedadocumento'];

/** The column that says each row's currency (Currency, CCY, Währung, Devise, Moneda, SAP's Document Currency), or null. */
export function currencyColumnOf(headers: readonly string[]): string | null {
  const folded = (h: string): string => normalise(h.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  return headers.find((h) => CURRENCY_HEADERS.includes(folded(h))) ?? headers.find((h) => DOCUMENT_CURRENCY_HEADERS.includes(folded(h))) ?? null;
}

/** Every ISO 4217 code this JavaScript knows (about 160), so a cell such as 'TBD' or 'NaN' is not read as one. */
const KNOWN_CODES: ReadonlySet<string> | null = (() => {
  const listed = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency');
  return listed ? new Set([...listed, ...CODES]) : null;
})();

const isCode = (upper: string): boolean => ISO.test(upper) && (KNOWN_CODES === null || KNOWN_CODES.has(upper));

// Every dollar and peso country writes '$': a '$' cell names any of them, USD first when a guess is needed.
const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN'];

/**
 * Currencies written out in a currency column, as ERP and accounting exports do ('Euro', 'US Dollar',
 * 'Pound Sterling', 'Schweizer Franken'), folded to lower case without accents or punctuation. A
 * name several currencies share ('dollar', 'krone') names each of them, the likeliest first.
 */
const NAMES: [string[], string[]][] = [
  [['euro', 'euros'], ['EUR']],
  [['dollar', 'dollars', 'dolar', 'dolares'], DOLLARS],
  [['us dollar', 'us dollars', 'u s dollar', 'u s dollars', 'united states dollar', 'united states dollars', 'american dollar', 'dollar americain', 'dolar estadounidense'], ['USD']],
  [['pound', 'pounds', 'pound sterling', 'pounds sterling', 'sterling', 'british pound', 'british pounds', 'livre sterling', 'libra esterlina'], ['GBP']],
  [['yen', 'japanese yen'], ['JPY']],
  [['swiss franc', 'swiss francs', 'franc suisse', 'francs suisses', 'schweizer franken', 'franken', 'franco suizo'], ['CHF']],
  [['canadian dollar', 'canadian dollars', 'dollar canadien'], ['CAD']],
  [['australian dollar', 'australian dollars'], ['AUD']],
  [['new zealand dollar', 'new zealand dollars'], ['NZD']],
  [['singapore dollar', 'singapore dollars'], ['SGD']],
  [['hong kong dollar', 'hong kong dollars'], ['HKD']],
  [['krona', 'kronor', 'swedish krona', 'swedish kronor'], ['SEK']],
  [['krone', 'kroner'], ['NOK', 'DKK']],
  [['norwegian krone', 'norwegian kroner'], ['NOK']],
  [['danish krone', 'danish kroner'], ['DKK']],
  [['zloty', 'zlotys', 'zlote', 'zlotych', 'polish zloty'], ['PLN']],
  [['koruna', 'czech koruna'], ['CZK']],
  [['forint', 'forints', 'hungarian forint'], ['HUF']],
  [['rupee', 'rupees', 'indian rupee', 'indian rupees'], ['INR']],
  [['yuan', 'renminbi', 'rmb', 'chinese yuan'], ['CNY']],
  [['real', 'reais', 'brazilian real'], ['BRL']],
  [['peso', 'pesos', 'mexican peso', 'mexican pesos', 'peso mexicano'], ['MXN']],
  [['rand', 'south african rand'], ['ZAR']],
];
const NAMED = new Map<string, string[]>(NAMES.flatMap(([names, codes]) => names.map((name) => [name, codes] as [string, string[]])));


/**
 * The currencies a currency cell can name, the likeliest first: its three-letter code in any case,
 * its name written out, or a symbol (£); null when blank or unknown.
 */
function currenciesNamedBy(cell: string): string[] | null {
  const text = cell.trim();
  if (text === '') return null;
  const upper = text.toUpperCase();
  if (isCode(upper)) return [upper];
  const named = NAMED.get(foldWords(text));
  if (named) return named;
  if (text === '$') return DOLLARS;
  const symbol = symbolIn(text);
  return symbol ? [symbol] : null;
}

/** The currency a header names in a code of its own ('Amount (EUR)', 'net_usd', 'EUR Amount'), or null. */
export function currencyInHeader(header: string): string | null {
  for (const word of header.toUpperCase().split(/[^A-Z]+/)) if (word.length === 3 && isCode(word)) return word;
  return null;
}

/** The currencies a currency column's cells name, each once, in their order. */
export function currenciesIn(cells: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const cell of cells) {
    const named = currenciesNamedBy(cell);
    if (named?.length === 1) seen.add(named[0]);
  }
  return [...seen];
}

/** Whether a currency cell names `code` (the code itself in any case, its name, or a symbol it may stand for). */
export const namesCurrency = (cell: string, code: string): boolean => currenciesNamedBy(cell)?.includes(code) ?? false;

/**
 * The currency a row's currency cell names when it is not `code` (a code such as USD, a name such
 * as 'US Dollar', or a symbol such as £); null when it names `code` or may ('$' in a CAD import),
 * is blank, or names nothing we know, which is let pass rather than refused on a guess.
 */
export function otherCurrencyIn(cell: string, code: string): string | null {
  const named = currenciesNamedBy(cell);
  return named !== null && !named.includes(code) ? named[0] : null;
}

/**
 * Every way of writing `code` a currency cell is read by, upper-cased: the code, its symbols and
 * its names. For a warehouse query, which compares the cell as written (trimmed, upper case).
 */
export function spellingsOf(code: string): string[] {
  const spellings = new Set([code]);
  for (const [symbol, iso] of SYMBOLS) if (iso === code || (symbol === '$' && DOLLARS.includes(code))) spellings.add(symbol);
  for (const [names, codes] of NAMES) if (codes.includes(code)) for (const name of names) spellings.add(name.toUpperCase());
  return [...spellings];
}

/** The value most rows agree on, when at least `share` of the counted rows do. */
function majority(values: (string | null)[], share: number): { value: string; count: number; of: number } | null {
  const counts = new Map<string, number>();
  let of = 0;
  for (const v of values) {
    if (v === null) continue;
    of++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best && of > 0 && best[1] / of >= share ? { value: best[0], count: best[1], of } : null;
}

/** A bare '$' (not US$, C$ or a code): the dollar of any dollar country. */
const bareDollar = (text: string): boolean => symbolIn(text) === 'USD' && !/US\$|USD/i.test(text);

/** Marks a '$' or 'Dollar' in the majority count until the customers' country says which dollar. */
const SOME_DOLLAR = '$';

export function guessCurrency(e: CurrencyEvidence): CurrencyGuess {
  const column = (h: string): string[] => {
    const i = e.headers.indexOf(h);
    return i < 0 ? [] : e.rows.map((r) => (r[i] ?? '').trim()).filter((v) => v !== '');
  };

  const regionOf = (v: string): string | null => COUNTRY_REGION.find(([re]) => re.test(v.toLowerCase()))?.[1] ?? null;
  // A territory or region column naming countries says as much: a warehouse's cube carries the
  // country as the customer's territory, and had been read as USD where its lines read GBP.
  const countryHeader =
    e.headers.find((h) => /^(country|countryname|nation|land|pays|billingcountry|shiptocountry|customercountry)$/.test(normalise(h))) ??
    e.headers.find((h) => {
      if (!/^(territory|salesterritory|region|salesregion|market)$/.test(normalise(h))) return false;
      const values = column(h);
      return values.length > 0 && values.filter((v) => regionOf(v) !== null).length >= 0.8 * values.length;
    });
  const fromCountry = (() => {
    if (!countryHeader) return null;
    const regions = column(countryHeader).map(regionOf);
    const found = majority(regions.map((r) => (r ? REGION_CURRENCY[r] : null)), 0.5);
    return found ? { code: found.value, reason: `${Math.round((found.count / found.of) * 100)}% of the rows in '${countryHeader}' are in ${found.value} countries` } : null;
  })();
  // '$' is the dollar of a dozen countries: where the customers are in a dollar country, it is that
  // country's dollar (a Canadian file of '$' amounts had been read as USD); else USD, the likeliest.
  const dollar = (said: string): CurrencyGuess =>
    fromCountry && DOLLARS.includes(fromCountry.code) && fromCountry.code !== 'USD'
      ? { code: fromCountry.code, source: 'data', reason: `${said}, and ${fromCountry.reason}` }
      : { code: 'USD', source: 'data', reason: said };

  const currencyHeader = currencyColumnOf(e.headers);
  if (currencyHeader) {
    const found = majority(
      column(currencyHeader).map((cell) => {
        const named = currenciesNamedBy(cell);
        return named === DOLLARS ? SOME_DOLLAR : (named?.[0] ?? null);
      }),
      0.5,
    );
    if (found?.value === SOME_DOLLAR) return dollar(`the '${currencyHeader}' column says dollars`);
    if (found) return { code: found.value, source: 'data', reason: `the '${currencyHeader}' column says ${found.value}` };
  }

  for (const h of e.amountColumns) {
    const code = symbolIn(h);
    if (code && bareDollar(h)) return dollar(`the header '${h}' names $`);
    if (code) return { code, source: 'data', reason: `the header '${h}' names ${code}` };
  }

  for (const h of e.amountColumns) {
    const found = majority(column(h).map((cell) => (bareDollar(cell) ? SOME_DOLLAR : symbolIn(cell))), 0.5);
    if (found?.value === SOME_DOLLAR) return dollar(`amounts in '${h}' are written with $`);
    if (found) return { code: found.value, source: 'data', reason: `amounts in '${h}' are written with ${SYMBOLS.find(([, iso]) => iso === found.value)?.[0] ?? found.value}` };
  }

  // A workbook's amounts are plain numbers shown through their format: the format is what the analyst sees.
  for (const h of e.amountColumns) {
    const formats = e.formats?.[h] ?? [];
    const shown = formats.map((f) => {
      const text = f === null ? null : currencyTextOfFormat(f);
      // Counted, so a handful of formatted cells among plain ones settles nothing.
      if (text === null) return '';
      return bareDollar(text) ? SOME_DOLLAR : (symbolIn(text) ?? '');
    });
    const found = majority(shown, 0.5);
    if (!found || found.value === '') continue;
    const example = formats.find((f, i) => shown[i] === found.value) ?? '';
    const symbol = found.value === SOME_DOLLAR ? '$' : (SYMBOLS.find(([, iso]) => iso === found.value)?.[0] ?? found.value);
    const said = `amounts in '${h}' are shown with ${symbol} by their number format (${example})`;
    if (found.value === SOME_DOLLAR) return dollar(said);
    return { code: found.value, source: 'data', reason: said };
  }

  if (fromCountry) return { code: fromCountry.code, source: 'data', reason: fromCountry.reason };

  const fromLocale = currencyOfLocale(e.locale);
  if (fromLocale) return { code: fromLocale, source: 'locale', reason: `the file names no currency; ${fromLocale} is the currency of this computer's region (${e.locale})` };
  return { code: 'USD', source: 'default', reason: 'the file names no currency and this computer has no region set' };
}

import { describe, expect, it } from 'vitest';
import { currencyColumnOf, currencyOfLocale, currencyTextOfFormat, guessCurrency, namesCurrency, otherCurrencyIn, spellingsOf } from '../../../shared/format/currency';

const headers = ['Invoice', 'Date', 'Customer', 'Country', 'Amount'];

describe('guessing the currency of a sales file', () => {
  it('reads it from the customers\' country when the amounts are plain numbers, as in the UK Online Retail file', () => {
    const rows = [
      ['1', '2011-01-04', 'C1', 'United Kingdom', '12.50'],
      ['2', '2011-01-04', 'C2', 'United Kingdom', '3.10'],
      ['3', '2011-01-05', 'C3', 'EIRE', '8.00'],
    ];
    expect(guessCurrency({ headers, rows, amountColumns: ['Amount'], locale: 'en-US' })).toEqual({
      code: 'GBP',
      source: 'data',
      reason: "67% of the rows in 'Country' are in GBP countries",
    });
  });

  it('reads the country from a territory column that names countries, as a warehouse cube carries it, and not from one of sales regions', () => {
    const rows = [
      ['C1', 'United Kingdom', '12.50'],
      ['C2', 'United Kingdom', '3.10'],
      ['C3', 'France', '8.00'],
      ['C4', 'United Kingdom', '8.00'],
    ];
    expect(guessCurrency({ headers: ['customer', 'territory', 'revenue'], rows, amountColumns: ['revenue'], locale: 'en-US' })).toMatchObject({ code: 'GBP', reason: "75% of the rows in 'territory' are in GBP countries" });
    const regions = rows.map((r, i) => [r[0], i % 2 ? 'North' : 'South', r[2]]);
    expect(guessCurrency({ headers: ['customer', 'territory', 'revenue'], rows: regions, amountColumns: ['revenue'], locale: 'en-US' }).code).toBe('USD');
  });

  it('prefers a currency column, then a code in an amount header, then symbols in the amounts', () => {
    expect(guessCurrency({ headers: ['Customer', 'Ccy', 'Amount'], rows: [['C1', 'chf', '10'], ['C2', 'CHF', '12']], amountColumns: ['Amount'] }).code).toBe('CHF');
    expect(guessCurrency({ headers: ['Customer', 'Net Sales (EUR)'], rows: [['C1', '10']], amountColumns: ['Net Sales (EUR)'] })).toMatchObject({ code: 'EUR', reason: "the header 'Net Sales (EUR)' names EUR" });
    expect(guessCurrency({ headers: ['Customer', 'Amount'], rows: [['C1', '£1,200.00'], ['C2', '£80']], amountColumns: ['Amount'] })).toMatchObject({ code: 'GBP', reason: "amounts in 'Amount' are written with £" });
    expect(guessCurrency({ headers: ['Customer', 'Amount'], rows: [['C1', '1.200,00 €']], amountColumns: ['Amount'] }).code).toBe('EUR');
  });

  it("reads a workbook's amounts by their number format, as the analyst sees them, where the values are plain numbers", () => {
    const rows = [['C1', '1000'], ['C2', '1010.5'], ['C3', '1021']];
    const guess = (formats: (string | null)[]) => guessCurrency({ headers: ['Customer', 'Revenue'], rows, amountColumns: ['Revenue'], locale: 'en-US', formats: { Revenue: formats } });
    expect(guess(['"£"#,##0.00', '"£"#,##0.00', '"£"#,##0.00'])).toEqual({ code: 'GBP', source: 'data', reason: 'amounts in \'Revenue\' are shown with £ by their number format ("£"#,##0.00)' });
    expect(guess(['#,##0.00 [$€-407]', '#,##0.00 [$€-407]', null])).toMatchObject({ code: 'EUR', source: 'data' });
    expect(guess(['[$USD] #,##0', '[$USD] #,##0', '[$USD] #,##0']).code).toBe('USD');
    expect(guess(['_-[$£-809]* #,##0.00_-', '_-[$£-809]* #,##0.00_-', '_-[$£-809]* #,##0.00_-']).code).toBe('GBP');
    // A locale tag without a symbol, colours and plain number formats name no currency; nor does one formatted cell among plain ones.
    expect(guess(['[$-409]#,##0.00', '[Red]#,##0.00', '#,##0.00']).source).toBe('locale');
    expect(guess(['"£"#,##0.00', null, null]).source).toBe('locale');
  });

  it('finds the currency a number format shows in its locale tag, quoted or escaped text, or a bare symbol', () => {
    expect(['#,##0.00 [$€-407]', '"£"#,##0.00', '\\€#,##0', '$#,##0.00', '[$CHF] #,##0.00', '[$-409]#,##0.00', '[Red]#,##0.00;[Blue]-#,##0.00', 'General'].map(currencyTextOfFormat)).toEqual([
      '€',
      '£',
      '€',
      '$',
      'CHF',
      null,
      null,
      null,
    ]);
  });

  it("reads a bare '$' as the dollar of the customers' country, and as USD where they are not in a dollar country", () => {
    const canada = [['1', '2024-01-02', 'C1', 'Canada', '$10.00'], ['2', '2024-01-03', 'C2', 'Canada', '$12.00'], ['3', '2024-01-03', 'C3', 'USA', '$9.00']];
    expect(guessCurrency({ headers, rows: canada, amountColumns: ['Amount'], locale: 'en-US' })).toEqual({
      code: 'CAD',
      source: 'data',
      reason: "amounts in 'Amount' are written with $, and 67% of the rows in 'Country' are in CAD countries",
    });
    const withColumn = { headers: ['Customer', 'Country', 'Amount', 'Currency'], rows: [['C1', 'Australia', '10', '$'], ['C2', 'Australia', '12', 'Dollar']], amountColumns: ['Amount'] };
    expect(guessCurrency(withColumn)).toMatchObject({ code: 'AUD', reason: "the 'Currency' column says dollars, and 100% of the rows in 'Country' are in AUD countries" });
    expect(guessCurrency({ headers: ['Customer', 'Country', 'Sales ($)'], rows: [['C1', 'New Zealand', '10']], amountColumns: ['Sales ($)'] })).toMatchObject({ code: 'NZD' });
    // Written as US dollars, or sold in a country of another currency: the '$' stays USD.
    expect(guessCurrency({ headers, rows: canada.map((r) => [...r.slice(0, 4), r[4].replace('$', 'US$')]), amountColumns: ['Amount'] })).toMatchObject({ code: 'USD', reason: "amounts in 'Amount' are written with US$" });
    expect(guessCurrency({ headers, rows: canada.map((r) => [...r.slice(0, 3), 'Germany', r[4]]), amountColumns: ['Amount'] })).toMatchObject({ code: 'USD', reason: "amounts in 'Amount' are written with $" });
    expect(guessCurrency({ headers: ['Customer', 'Amount'], rows: [['C1', '$5']], amountColumns: ['Amount'], locale: 'en-CA' })).toMatchObject({ code: 'USD' });
  });

  it('falls back to the region of the locale, and to USD only when there is none, saying so', () => {
    const plain = { headers: ['Customer', 'Amount'], rows: [['C1', '10']], amountColumns: ['Amount'] };
    expect(guessCurrency({ ...plain, locale: 'de-AT' })).toMatchObject({ code: 'EUR', source: 'locale' });
    expect(guessCurrency({ ...plain, locale: 'en' })).toMatchObject({ code: 'USD', source: 'default' });
    expect(currencyOfLocale('en_GB.UTF-8')).toBe('GBP');
    expect(currencyOfLocale('ja-JP')).toBe('JPY');
  });

  it('is not swayed by a country column of mixed places with no majority', () => {
    const rows = [['1', 'd', 'C1', 'France', '1'], ['2', 'd', 'C2', 'Japan', '1'], ['3', 'd', 'C3', 'Canada', '1'], ['4', 'd', 'C4', 'Narnia', '1']];
    expect(guessCurrency({ headers, rows, amountColumns: ['Amount'], locale: 'en-GB' })).toMatchObject({ code: 'GBP', source: 'locale' });
  });
});

describe("a row's currency cell against the import's currency", () => {
  it('names another currency by its code in any case, or by its symbol', () => {
    expect(otherCurrencyIn('USD', 'EUR')).toBe('USD');
    expect(otherCurrencyIn(' usd ', 'EUR')).toBe('USD');
    expect(otherCurrencyIn('£', 'EUR')).toBe('GBP');
    expect(otherCurrencyIn('THB', 'EUR')).toBe('THB');
  });

  it('names another currency by its name written out, as ERP exports do', () => {
    expect(otherCurrencyIn('US Dollar', 'EUR')).toBe('USD');
    expect(otherCurrencyIn('U.S. dollars', 'EUR')).toBe('USD');
    expect(otherCurrencyIn('Pound Sterling', 'EUR')).toBe('GBP');
    expect(otherCurrencyIn('Schweizer Franken', 'EUR')).toBe('CHF');
    expect(otherCurrencyIn('Złoty', 'EUR')).toBe('PLN');
    expect(otherCurrencyIn('Euros', 'USD')).toBe('EUR');
    expect(namesCurrency('Euro', 'EUR')).toBe(true);
    expect(guessCurrency({ headers: ['Customer', 'Currency', 'Amount'], rows: [['C1', 'Euro', '10'], ['C2', 'Euro', '12'], ['C3', 'US Dollar', '9']], amountColumns: ['Amount'] })).toMatchObject({ code: 'EUR', reason: "the 'Currency' column says EUR" });
  });

  it('lets a name or symbol several currencies share pass in any of them, and names the likeliest where it must', () => {
    expect(otherCurrencyIn('$', 'CAD')).toBeNull();
    expect(otherCurrencyIn('Dollars', 'AUD')).toBeNull();
    expect(otherCurrencyIn('$', 'EUR')).toBe('USD');
    expect(otherCurrencyIn('Krone', 'DKK')).toBeNull();
    expect(otherCurrencyIn('Krone', 'EUR')).toBe('NOK');
  });

  it('lets the import currency, a blank and what it cannot read as a currency pass', () => {
    for (const cell of ['EUR', 'eur', '€', 'Euro', '', '  ', 'n/a', 'TBD', 'NaN', 'Bitcoin']) expect(otherCurrencyIn(cell, 'EUR')).toBeNull();
    expect(namesCurrency('€', 'EUR')).toBe(true);
    expect(namesCurrency('eur', 'EUR')).toBe(true);
    expect(namesCurrency('n/a', 'EUR')).toBe(false);
  });

  it('gives a warehouse query every spelling it reads a currency by', () => {
    expect(spellingsOf('EUR')).toEqual(['EUR', '€', 'EURO', 'EUROS']);
    expect(spellingsOf('CAD')).toEqual(expect.arrayContaining(['CAD', 'C$', '$', 'DOLLAR', 'CANADIAN DOLLAR']));
    expect(spellingsOf('GBP')).toContain('POUND STERLING');
  });

  it('finds the column by its usual names', () => {
    expect(currencyColumnOf(['Date', 'Amount', 'CCY'])).toBe('CCY');
    expect(currencyColumnOf(['Datum', 'Betrag', 'Währung'])).toBe('Währung');
    expect(currencyColumnOf(['Billing Date', 'Net Value', 'Local Currency', 'Document Currency'])).toBe('Document Currency');
    expect(currencyColumnOf(['Belegdatum', 'Nettowert', 'Belegwährung'])).toBe('Belegwährung');
    expect(currencyColumnOf(['Date', 'Amount', 'Currency', 'Document Currency'])).toBe('Currency');
    expect(currencyColumnOf(['Date', 'Amount'])).toBeNull();
    expect(currencyColumnOf(['Date', 'Amount in Local Currency'])).toBeNull();
  });
});

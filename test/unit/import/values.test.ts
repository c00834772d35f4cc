import { describe, expect, it } from 'vitest';
import { DateOrderDetector, parseDate } from '../../../main/backend/import/dates';
import { DecimalDetector, parseAmount } from '../../../main/backend/import/numbers';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';

const iso = (text: string, format: Parameters<typeof parseDate>[1] = null): string | null => {
  const day = parseDate(text, format);
  return day === null ? null : isoFromDay(day);
};

const decide = (values: string[]): ReturnType<DateOrderDetector['decide']> => {
  const d = new DateOrderDetector();
  for (const v of values) d.observe(v);
  return d.decide();
};

describe('dates', () => {
  it('reads ISO dates with or without a time, and YYYYMMDD', () => {
    expect(iso('2024-02-29')).toBe('2024-02-29');
    expect(iso('2010-12-01 08:26:00')).toBe('2010-12-01');
    expect(iso('2024-03-05T23:59:59Z')).toBe('2024-03-05');
    expect(iso('19970101')).toBe('1997-01-01');
  });

  it('reads US and day-first dates under the chosen order', () => {
    expect(iso('03/04/2024', 'mdy')).toBe('2024-03-04');
    expect(iso('03/04/2024', 'dmy')).toBe('2024-04-03');
    expect(iso('31.12.2024 10:00', 'dmy')).toBe('2024-12-31');
    expect(iso('1/2/24', 'mdy')).toBe('2024-01-02');
  });

  it('reads 09/01/2023 under no format that does not give the order of day and month, where ISO had read it as 1 September', () => {
    expect([iso('09/01/2023', 'iso'), iso('09-01-2023', 'iso'), iso('09/01/2023', 'excel-serial'), iso('09/01/2023', 'yyyymm')]).toEqual([null, null, null, null]);
    expect(iso('2023-01-09', 'iso')).toBe('2023-01-09');
    // Dots are written day first, whatever the format.
    expect(iso('09.01.2023', 'iso')).toBe('2023-01-09');
  });

  it('reads month names and Excel date numbers', () => {
    expect(iso('5-Jan-2024')).toBe('2024-01-05');
    expect(iso('Jan 5, 2024')).toBe('2024-01-05');
    // A weekday in front, as long date formats and mail headers write it.
    expect([iso('Friday, January 5, 2024'), iso('Fri, 05 Jan 2024 10:00'), iso('Sunday Market')]).toEqual(['2024-01-05', '2024-01-05', null]);
    expect(iso('45306', 'excel-serial')).toBe('2024-01-15');
  });

  it('refuses impossible dates such as 13/45/2025 and 2023-02-29', () => {
    expect(iso('13/45/2025', 'mdy')).toBeNull();
    expect(iso('13/45/2025', 'dmy')).toBeNull();
    expect(iso('2023-02-29')).toBeNull();
    expect(iso('soon')).toBeNull();
  });

  it('decides the order from one value with a day above 12 anywhere in the column', () => {
    expect(decide(['01/02/2024', '03/04/2024', '13/04/2024']).detected).toBe('dmy');
    expect(decide(['01/02/2024', '03/14/2024']).detected).toBe('mdy');
  });

  it('calls a column ambiguous when no value tells the order', () => {
    expect(decide(['01/02/2024', '03/04/2024'])).toMatchObject({ detected: null, ambiguous: true, candidates: ['mdy', 'dmy'] });
  });

  it('asks rather than turn every date around on a typo: one day-first value among hundreds of either-way ones', () => {
    const monthFirst = Array.from({ length: 400 }, (_, i) => `0${1 + (i % 9)}/${String(1 + (i % 12)).padStart(2, '0')}/20${10 + Math.floor(i / 108)}`);
    const typo = [...monthFirst.slice(0, 300), '13/02/2023', ...monthFirst.slice(300)];
    expect(decide(typo)).toMatchObject({ detected: null, ambiguous: true });
    expect(decide(typo).reason).toMatch(/^only 1 of \d+ values has a day above 12 first \(e\.g\. 13\/02\/2023\) and the rest read either way/);
    // Both orders proven, neither by a clear majority: asked, naming an example of each.
    const both = [...typo, '02/13/2023', '02/14/2023'];
    expect(decide(both)).toMatchObject({ detected: null, ambiguous: true });
    expect(decide(both).reason).toBe('both orders appear: 1 value(s) have a day above 12 first (e.g. 13/02/2023) and 2 second (e.g. 02/13/2023)');
    // A real day-first file: days above 12 in a good share of its dates, one month-first typo rejected.
    const dayFirst = Array.from({ length: 400 }, (_, i) => `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2023`);
    expect(decide([...dayFirst, '02/13/2023'])).toMatchObject({ detected: 'dmy', ambiguous: false });
  });

  it('takes dotted dates as day first', () => {
    expect(decide(['01.02.2024', '03.04.2024']).detected).toBe('dmy');
  });

  it('reads Unix times in seconds or milliseconds as their UTC day, and nothing else as one', () => {
    expect(iso('1291191960', 'unix')).toBe('2010-12-01');
    expect(iso('1291191960.5', 'unix')).toBe('2010-12-01');
    expect(iso('1291191960000', 'unix')).toBe('2010-12-01');
    expect(iso('1291161599', 'unix')).toBe('2010-11-30');
    // Outside 1990-2049, or not a whole count of seconds or milliseconds: no date.
    expect(iso('123456789', 'unix')).toBeNull();
    expect(iso('4006381333931', 'unix')).toBeNull();
    expect(iso('12911919600', 'unix')).toBeNull();
    expect(iso('45306', 'unix')).toBeNull();
    // Read as Unix time only when the column is: an ISO date still reads as itself.
    expect(iso('2010-12-01', 'unix')).toBe('2010-12-01');
    expect(iso('1291191960')).toBeNull();
  });

  it('reads day numbers only as days counted from the day 1 given, and never guesses them', () => {
    const dayOne = dayFromIso('2012-01-01');
    const day = (text: string): string | null => {
      const d = parseDate(text, 'day-number', dayOne);
      return d === null ? null : isoFromDay(d);
    };
    expect([day('1'), day('60'), day('711')]).toEqual(['2012-01-01', '2012-02-29', '2013-12-11']);
    // Without a day 1, a count, a date or a fraction: no date.
    expect(parseDate('1', 'day-number')).toBeNull();
    expect([day('2012-01-05'), day('1.5'), day('-3'), day('123456')]).toEqual([null, null, null, null]);
    expect(parseDate('711', null)).toBeNull();
  });

  it('reads a month without a day, as ERP summaries write it, as the first day of that month', () => {
    expect(['2021-01', '2021/3', '01/2021', '7-2021', '01.2021', 'Jan 2021', 'January 2021', 'Sept 2021', 'Mar-15', 'Dec-1999'].map((t) => iso(t))).toEqual([
      '2021-01-01', '2021-03-01', '2021-01-01', '2021-07-01', '2021-01-01', '2021-01-01', '2021-01-01', '2021-09-01', '2015-03-01', '1999-12-01',
    ]);
    // Not a month: a 13th month, a year far off (a part number like 2301-12), a word that names no month,
    // and amounts with a dot ('2021.12', '1.2021').
    expect([iso('2021-13'), iso('2301-12'), iso('Total 2021'), iso('Week-21'), iso('2021.12'), iso('1.2021')]).toEqual([null, null, null, null, null, null]);
  });

  it('decides a column of months as such, and says each is dated on its first day', () => {
    expect(decide(['2021-01', '2021-02', '2021-03'])).toMatchObject({ detected: 'iso', ambiguous: false, months: true, reason: 'dates are months without a day, each dated on its first day' });
    expect(decide(['2021-01', '2021-02-15']).months).toBeUndefined();
  });

  it("reads month names in a European client's language, accents and all: '13 févr. 2023', '5. März 2024', '1 ago 2023'", () => {
    expect(['13 févr. 2023', '28 avr. 2023', '14 juil. 2023', '3 juin 2023', '15 août 2023', '13. Februar 2023', '5. März 2024', '24 Dez 2023', '1 ago 2023', '12 dic 2023', '9 gen 2024', '4 mrt 2023', '5 out 2023', 'März 2024'].map((t) => iso(t))).toEqual([
      '2023-02-13', '2023-04-28', '2023-07-14', '2023-06-03', '2023-08-15', '2023-02-13', '2024-03-05', '2023-12-24', '2023-08-01', '2023-12-12', '2024-01-09', '2023-03-04', '2023-10-05', '2024-03-01',
    ]);
    expect([iso('Total 2021'), iso('13 Fooo 2023')]).toEqual([null, null]);
  });

  it("reads a ledger's posting periods as months, period n as month n of the year written", () => {
    expect(['001.2023', '012/2023', '2023/003', '2023-P04', '2023P05', '2023 P06', 'FY2023 P07', 'P08 2023', 'P09-2023', '2023M10'].map((t) => iso(t))).toEqual([
      '2023-01-01', '2023-12-01', '2023-03-01', '2023-04-01', '2023-05-01', '2023-06-01', '2023-07-01', '2023-08-01', '2023-09-01', '2023-10-01',
    ]);
    // Closing periods 13-16 and period 0 have no month; a year then a dot and three digits is as likely an amount.
    expect([iso('013.2023'), iso('2023-P16'), iso('000.2023'), iso('2023.001')]).toEqual([null, null, null, null]);
  });

  it('decides a column of posting periods as months, and marks it as periods for the fiscal-year note', () => {
    expect(decide(['001.2023', '002.2023', '003.2023'])).toMatchObject({ detected: 'iso', months: true, periods: true, reason: "dates are posting periods, each dated on its month's first day" });
    expect(decide(['2023-01', '2023-02']).periods).toBeUndefined();
  });

  it('reads months keyed as numbers (202301, SAP 2023001) only once the column is nearly all of them', () => {
    expect(decide(['202301', '202302', '202312'])).toMatchObject({ detected: 'yyyymm', months: true, reason: 'values are months written as numbers (YYYYMM), each dated on its first day' });
    expect(decide(['2023001', '2023002', '2023013'])).toMatchObject({ detected: 'yyyymm', months: true, periods: true });
    expect([iso('202301', 'yyyymm'), iso('2023012', 'yyyymm'), iso('2023013', 'yyyymm'), iso('202313', 'yyyymm'), iso('2023-02-15', 'yyyymm')]).toEqual([
      '2023-01-01', '2023-12-01', null, null, '2023-02-15',
    ]);
    // Under any other format a six-digit number is no date: an id or a quantity.
    expect([iso('202301'), iso('202301', 'dmy')]).toEqual([null, null]);
    expect(decide(['202301', '202302', '2023-03-15']).detected).toBe('iso');
    expect(decide(['202301', '555123', '874455', '120045']).detected).not.toBe('yyyymm');
  });

  it("reads ISO weeks as their Monday (or the weekday given), week 1 holding the year's first Thursday", () => {
    expect(iso('2010-W48')).toBe('2010-11-29');
    expect(iso('2024W05')).toBe('2024-01-29');
    expect(iso('2024-W01')).toBe('2024-01-01');
    // 2021's week 1 starts in the January after 2020's 53rd week, which starts on 2020-12-28.
    expect([iso('2020-W53'), iso('2021-W01')]).toEqual(['2020-12-28', '2021-01-04']);
    expect(iso('2024-W05-3')).toBe('2024-01-31');
    expect([iso('2021-W53'), iso('2024-W00'), iso('2024-W54')]).toEqual([null, null, null]);
  });

  it('decides a column of ISO weeks as such, and says each is dated on its Monday', () => {
    expect(decide(['2024-W01', '2024-W02', '2024-W03'])).toMatchObject({ detected: 'iso', ambiguous: false, weeks: true, reason: 'dates are ISO weeks, each dated on its Monday' });
    expect(decide(['2024-W01', '2024-01-15']).weeks).toBeUndefined();
  });

  it('decides a column of Unix times as such, the odd text aside, but not a column that also holds dates', () => {
    expect(decide(['1291191960', '1292230080', '1294130040'])).toMatchObject({ detected: 'unix', ambiguous: false });
    expect(decide([...Array.from({ length: 19 }, (_, i) => String(1291191960 + i * 86400)), 'n/a']).detected).toBe('unix');
    expect(decide(['1291191960', '2010-12-13', '2011-01-04']).detected).toBe('iso');
  });
});

describe('amounts', () => {
  it.each([
    ['1234.5', 1234.5],
    ['$1,234.50', 1234.5],
    ['(120.00)', -120],
    ['$ (1,234.56)', -1234.56],
    ['$(1,234.56)', -1234.56],
    ['($1,234.56)', -1234.56],
    ['75.25-', -75.25],
    ['€ 99', 99],
    ['-1,000', -1000],
    ['USD 12', 12],
    ["CHF 1'200.10", 1200.1],
    ['1,234.56 CR', -1234.56],
    ['$40.00 Cr.', -40],
    ['12.50 DR', 12.5],
  ])('reads %j as %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it('reads a decimal comma when the column writes one', () => {
    expect(parseAmount('1.234,50', 'comma')).toBe(1234.5);
    expect(parseAmount('-3,10', 'comma')).toBe(-3.1);
    expect(parseAmount('1 234,5 €', 'comma')).toBe(1234.5);
    expect(parseAmount('1.234,50 CR', 'comma')).toBe(-1234.5);
  });

  it("reads a dot in a decimal-comma column as thousands: 1.500 is fifteen hundred there, as 1.234.567 and 1 234,56 are", () => {
    expect(['1.500', '12.345', '1.234.567', '1 234,56', '−1.234,56', '1.234,56 EUR-'].map((t) => parseAmount(t, 'comma'))).toEqual([1500, 12345, 1234567, 1234.56, -1234.56, -1234.56]);
    expect(parseAmount('1.500', 'dot')).toBe(1.5);
  });

  it('refuses marks that do not group thousands, rather than reading 1,2345 as 12,345', () => {
    expect([parseAmount('1,2345', 'dot'), parseAmount('12,34', 'dot'), parseAmount('1,2,3', 'dot'), parseAmount('1.23.4', 'comma')]).toEqual([null, null, null, null]);
    // A guess at what a column holds reads either style.
    expect([parseAmount('120,50'), parseAmount('1,234')]).toEqual([120.5, 1234]);
    // Indian lakhs group by two before the last three; Swiss apostrophes, typed or typographic.
    expect([parseAmount('1,23,456.78', 'dot'), parseAmount("1'234.50", 'dot'), parseAmount('1’234.50', 'dot'), parseAmount('1,234,567.891', 'dot')]).toEqual([123456.78, 1234.5, 1234.5, 1234567.891]);
    expect(parseAmount('1.5E+05', 'dot')).toBe(150000);
  });

  it("reads German whole prices with dashed cents (3,-) as whole, an accounting dash as zero, and a code written against the digits", () => {
    expect([parseAmount('3,-', 'comma'), parseAmount('12,--', 'comma'), parseAmount('1.234,-', 'comma')]).toEqual([3, 12, 1234]);
    expect([parseAmount('-'), parseAmount('$ -'), parseAmount('( - )')]).toEqual([0, 0, 0]);
    expect([parseAmount('USD1,234.56'), parseAmount('1,234.56EUR')]).toEqual([1234.56, 1234.56]);
    expect(parseAmount('USDX 12')).toBeNull();
  });

  it('refuses text that is not a number', () => {
    expect(parseAmount('lots')).toBeNull();
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('1.2.3')).toBeNull();
  });

  it('tells a decimal comma column from a thousands comma column', () => {
    const comma = new DecimalDetector();
    for (const v of ['1.234,50', '200,25', '3,1']) comma.observe(v);
    expect(comma.decide()).toBe('comma');
    const dot = new DecimalDetector();
    for (const v of ['1,234.50', '200.25', '7']) dot.observe(v);
    expect(dot.decide()).toBe('dot');
  });
});

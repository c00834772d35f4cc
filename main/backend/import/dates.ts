import type { DateFormat } from '../../../shared/contract/import';
import { dayFromParts, isValidDate } from '../../../shared/format/dates';

/**
 * Months by their first three or four letters, accents folded: English, then the French, German,
 * Spanish, Italian, Dutch and Portuguese names a European client's export writes ('13 févr. 2023',
 * '5. März 2024', '1 ago 2023'). None stands for two months: 'juin' and 'juil' are told apart by
 * their fourth letter.
 */
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  janv: 1, fevr: 2, fev: 2, avr: 4, mai: 5, juin: 6, juil: 7, aout: 8,
  mrz: 3, okt: 10, dez: 12,
  ene: 1, abr: 4, ago: 8, set: 9, dic: 12,
  gen: 1, mag: 5, giu: 6, lug: 7, ott: 10,
  maa: 3, mrt: 3, mei: 5,
  out: 10,
};
/** Letters of a month's name, accented ones included. */
const LETTERS = 'A-Za-zÀ-ÖØ-öø-ÿ';

// Days from 1899-12-30 (Excel's day zero, which absorbs its 1900 leap-year bug) to 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25569;

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ]\d{1,2}:\d{2})/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:$|[T ]\d{1,2}:\d{2})/;
const NAMED_DAY_FIRST = new RegExp(`^(\\d{1,2})\\.?[- ]+([${LETTERS}]{3,9})\\.?[- ,]+(\\d{4}|\\d{2})(?:$|[T ]\\d{1,2}:\\d{2})`);
const NAMED_MONTH_FIRST = new RegExp(`^([${LETTERS}]{3,9})\\.? (\\d{1,2}),? (\\d{4})(?:$|[T ]\\d{1,2}:\\d{2})`);
const SERIAL = /^\d{4,6}(\.\d+)?$/;
/**
 * A month without a day, as ERP exports summarise sales ('2021-01', '01/2021', 'Jan 2021',
 * 'January 2021', Excel's 'Jan-21'): dated on the month's first day.
 */
// A dot only as German exports write a month ('01.2021'): '2021.12' or '1.2021' is more likely an amount.
const YEAR_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})[-/](\d{4})$|^(\d{2})\.(\d{4})$/;
const NAMED_MONTH_YEAR = new RegExp(`^([${LETTERS}]{3,9})\\.?(?: (\\d{4})|-(\\d{2}|\\d{4}))$`);
/** Years a month without a day is read in: a part number like '2301-12' is no month of 2301. */
const MONTH_YEARS = { from: 1900, to: 2100 };
/** A statistical office's month ('2023M01', SDMX and Eurostat). */
const YEAR_M_MONTH = /^(\d{4})M(\d{2})$/i;
/**
 * A ledger's posting period instead of a month: SAP's '001.2023' and '2023/001', '2023-P01',
 * 'P01 2023', 'FY2023 P01'. Period n is month n of the year written; 13-16, a year's closing
 * periods, have no month. (No dot after a year: '2023.001' is as likely an amount.)
 */
const PERIOD_YEAR = /^(\d{3})[./](\d{4})$/;
const YEAR_PERIOD = /^(\d{4})\/(\d{3})$/;
const YEAR_P_PERIOD = /^(?:FY ?)?(\d{4}) ?[-/ ]? ?P(\d{1,2})$/i;
const P_PERIOD_YEAR = /^P(\d{1,2}) ?[-/ ]? ?(?:FY ?)?(\d{4})$/i;
/** A month or SAP period written as a number, as warehouses key months: 202301, 2023001. */
const YEAR_MONTH_NUMBER = /^(19|20)\d{2}(0[1-9]|1[0-2])$/;
const YEAR_PERIOD_NUMBER = /^(19|20)\d{2}0\d{2}$/;
/** Unix time: seconds (9-10 digits) or milliseconds (12-13 digits) since 1970-01-01 UTC. */
const UNIX_SECONDS = /^\d{9,10}(\.\d+)?$/;
const UNIX_MILLISECONDS = /^\d{12,13}$/;
/**
 * Unix times read as dates from 1990 to 2049: ids of the same length rarely fall there and stay
 * close together, and 13-digit barcodes (a German EAN, 400...) stand for milliseconds past 2090.
 */
const UNIX_FROM = 631152000;
const UNIX_TO = 2524608000;

const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) - (Number(y) > 69 ? 100 : 0) : Number(y));
/** The month (1-12) a month's name or its first three or four letters stand for ('Mar', 'Sept', 'March'). */
export const monthNamed = (name: string): number | undefined => {
  const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return MONTHS[folded.slice(0, 4)] ?? MONTHS[folded.slice(0, 3)];
};

const checked = (y: number, m: number, d: number): number | null => (isValidDate(y, m, d) ? dayFromParts(y, m, d) : null);

/** The year and period a posting period is written as ('001.2023', '2023-P01'), or null for no such spelling. */
function periodParts(text: string): { year: number; period: number } | null {
  let m = PERIOD_YEAR.exec(text);
  if (m) return { year: Number(m[2]), period: Number(m[1]) };
  if ((m = YEAR_PERIOD.exec(text) ?? YEAR_P_PERIOD.exec(text))) return { year: Number(m[1]), period: Number(m[2]) };
  if ((m = P_PERIOD_YEAR.exec(text))) return { year: Number(m[2]), period: Number(m[1]) };
  return null;
}

/** Whether a date cell is a posting period ('001.2023', '2023-P01') rather than a month: period 1 is read as January. */
export const isPostingPeriod = (text: string): boolean => periodParts(text.trim()) !== null;

/**
 * The period a date cell names when it is a year-end closing period (13-16, SAP's special
 * periods), or null: such a line has no month to be dated in.
 */
export function closingPeriod(text: string): number | null {
  const t = text.trim();
  const parts = periodParts(t) ?? (YEAR_PERIOD_NUMBER.test(t) ? { year: Number(t.slice(0, 4)), period: Number(t.slice(4)) } : null);
  return parts && parts.period >= 13 && parts.period <= 16 ? parts.period : null;
}

/** The first day of a month written without a day, null for a month or year out of range, undefined for no such spelling. */
function parseMonth(text: string): number | null | undefined {
  let year: number;
  let month: number | undefined;
  let m = YEAR_MONTH.exec(text) ?? YEAR_M_MONTH.exec(text);
  let period: ReturnType<typeof periodParts>;
  if (m) [year, month] = [Number(m[1]), Number(m[2])];
  else if ((m = MONTH_YEAR.exec(text))) [year, month] = [Number(m[2] ?? m[4]), Number(m[1] ?? m[3])];
  else if ((m = NAMED_MONTH_YEAR.exec(text))) {
    month = monthNamed(m[1]);
    if (month === undefined) return undefined;
    year = fullYear(m[2] ?? m[3]);
  } else if ((period = periodParts(text))) [year, month] = [period.year, period.period];
  else return undefined;
  return year >= MONTH_YEARS.from && year <= MONTH_YEARS.to ? checked(year, month, 1) : null;
}

/** Whether a date cell names a month without a day ('2021-01', 'Jan 2021', '001.2023'): such a month is dated on its first day. */
export const isMonthOnly = (text: string): boolean => parseMonth(text.trim()) !== undefined;

/** The first day of the month a number keys (202301; SAP's 2023001, period 1), null when it keys none. */
function monthFromNumber(text: string): number | null {
  return YEAR_MONTH_NUMBER.test(text) || YEAR_PERIOD_NUMBER.test(text) ? checked(Number(text.slice(0, 4)), Number(text.slice(4)), 1) : null;
}

/** An ISO 8601 week, as BI tools and weekly summaries write it ('2024-W05', '2024W05', '2024-W05-3'). */
const ISO_WEEK = /^(\d{4})-?W(\d{2})(?:-?([1-7]))?$/i;

/**
 * The day an ISO week names: its Monday, or the weekday given (1 = Monday). Week 1 holds the
 * year's first Thursday; null for a week the year does not have (a 53rd in a 52-week year).
 */
function parseIsoWeek(text: string): number | null | undefined {
  const m = ISO_WEEK.exec(text);
  if (!m) return undefined;
  const [year, week, weekday] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
  if (year < MONTH_YEARS.from || year > MONTH_YEARS.to || week < 1 || week > 53) return null;
  const jan4 = dayFromParts(year, 1, 4);
  // Day 0 (1970-01-01) was a Thursday: Monday counts 0.
  const mondayOfWeek1 = jan4 - ((jan4 + 3) % 7);
  const monday = mondayOfWeek1 + (week - 1) * 7;
  // The week's Thursday decides its year: a 53rd week whose Thursday is in January is next year's first.
  if (week === 53 && monday + 3 >= dayFromParts(year + 1, 1, 1)) return null;
  return monday + weekday - 1;
}

/** Whether a date cell names an ISO week ('2024-W05'): such a week is dated on its Monday. */
export const isWeekOnly = (text: string): boolean => {
  const m = ISO_WEEK.exec(text.trim());
  return m !== null && m[3] === undefined;
};

/** A weekday before a date, as long date formats and mail headers write it ('Thursday, March 4, 2021', 'Thu, 04 Mar 2021'). */
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?=\d|[a-z])/i;

/** A date written so that its order is not in doubt (ISO, YYYYMMDD, month names, a month without a day; a weekday before any of them). */
function parseUnambiguous(raw: string): number | null | undefined {
  const text = raw.replace(WEEKDAY, '');
  let m = ISO.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NAMED_DAY_FIRST.exec(text);
  if (m) {
    const month = monthNamed(m[2]);
    return month === undefined ? null : checked(fullYear(m[3]), month, Number(m[1]));
  }
  m = NAMED_MONTH_FIRST.exec(text);
  if (m) {
    const month = monthNamed(m[1]);
    return month === undefined ? null : checked(Number(m[3]), month, Number(m[2]));
  }
  return parseMonth(text) ?? parseIsoWeek(text);
}

/** The seconds a Unix time stands for, or null when it is no Unix time of 1990-2049. */
function unixSeconds(text: string): number | null {
  const seconds = UNIX_SECONDS.test(text) ? Number(text) : UNIX_MILLISECONDS.test(text) ? Number(text) / 1000 : Number.NaN;
  return seconds >= UNIX_FROM && seconds < UNIX_TO ? seconds : null;
}

/** The UTC day of a Unix time (days since 1970-01-01, as every day here is counted). */
const unixDay = (seconds: number): number => Math.floor(seconds / 86400);

export const excelSerialToDay = (serial: number, date1904 = false): number =>
  Math.floor(serial) - EXCEL_EPOCH_OFFSET + (date1904 ? 1462 : 0);

const DATE_FORMAT_WORDS: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD',
  mdy: 'MM/DD/YYYY',
  dmy: 'DD/MM/YYYY',
  'excel-serial': 'an Excel date number',
  unix: 'a Unix time (seconds since 1970)',
  'day-number': 'a day number (1 = the day one given)',
  yyyymm: 'a month written as a number (YYYYMM, or YYYYPPP for a period)',
};
/**
 * Whether a date cell is day and month written as numbers with '/' or '-' (09/01/2023): read only
 * under a day/month order (mdy or dmy), as a dotted one (09.01.2023) is read day first.
 */
export function withoutItsOrder(text: string): boolean {
  const m = NUMERIC.exec(text.trim());
  return m !== null && m[2] !== '.';
}

export const describeDateFormat = (f: DateFormat): string => DATE_FORMAT_WORDS[f];

/** A panel's day count: a whole number of up to five digits (273 years of days). */
const DAY_NUMBER = /^\d{1,5}$/;

/**
 * Parses one date cell as a day number under the column's format; null when it is not a date.
 * Unambiguous spellings (ISO, month names) are accepted whatever the format, because files mix them;
 * a panel's day counts (day-number) only as counts from `dayOne`, the day of day 1.
 */
export function parseDate(text: string, format: DateFormat | null, dayOne?: number): number | null {
  const t = text.trim();
  if (t === '') return null;
  if (format === 'day-number') return dayOne !== undefined && DAY_NUMBER.test(t) ? dayOne + Number(t) - 1 : null;
  const plain = parseUnambiguous(t);
  if (plain !== undefined) return plain;
  const m = NUMERIC.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(m[4]);
    if (format === 'dmy' || (format !== 'mdy' && m[2] === '.')) return checked(y, b, a);
    // Only a day/month order says how to read 09/01/2023: an ISO (or any other) format, given or
    // saved from files of year-first dates, had read it month-first, as 1 September.
    if (format !== 'mdy' && format !== null) return null;
    return checked(y, a, b);
  }
  if (format === 'unix') {
    const seconds = unixSeconds(t);
    return seconds === null ? null : unixDay(seconds);
  }
  if (format === 'yyyymm') return monthFromNumber(t);
  if (format === 'excel-serial' && SERIAL.test(t)) {
    const serial = Number(t);
    return serial >= 1 && serial < 2958466 ? excelSerialToDay(serial) : null;
  }
  return null;
}

export type DateDecision = {
  detected: DateFormat | null;
  candidates: DateFormat[];
  ambiguous: boolean;
  reason: string;
  /** Every date is a month without a day ('2021-01'): each is dated on the month's first day. */
  months?: true;
  /** Every date is an ISO week ('2024-W05'): each is dated on the week's Monday. */
  weeks?: true;
  /** Some dates are posting periods ('001.2023', 2023001): period 1 is read as January. */
  periods?: true;
};

/** Below this share of the numeric dates, the values proving one order are too few to trust. */
const THIN_PROOF_SHARE = 0.05;
/** ...judged only from this many values on: a short column's one 13/05/2024 is all it has to say. */
const MIN_VALUES_FOR_SHARE = 40;
/** ...and fewer than this many: typos come in ones and twos, and 80 dates past the 12th all one way are no typos. */
const TYPOS = 10;
/** Mixed orders: the majority wins only at this many times the minority. */
const CLEAR_MAJORITY = 10;

/**
 * Decides the day/month order of a whole column: a value like 13/05/2024 settles it, unless such
 * values are too few among the rest to tell from a typo.
 * Feed it every value (or a sample first, then the rest if the sample left it open).
 */
export class DateOrderDetector {
  private seen = 0;
  private dates = 0;
  private unambiguous = 0;
  private serials = 0;
  private dayFirstProof = 0;
  private monthFirstProof = 0;
  private undecidable = 0;
  private dots = 0;
  /** Dates written year first (2009-12-31, 20091231), against which a few day-and-month ones are the odd ones out. */
  private yearFirst = 0;
  private lastText = '';
  private numericExample = '';
  /** The first value proving each order, to name in a question when the proof is too thin to trust. */
  private dayFirstExample = '';
  private monthFirstExample = '';

  observe(raw: string): void {
    const t = raw.trim();
    if (t === '' || t === this.lastText) return;
    this.lastText = t;
    this.seen++;
    if (parseUnambiguous(t) !== undefined) {
      this.unambiguous++;
      this.dates++;
      const plain = t.replace(WEEKDAY, '');
      if (ISO.test(plain) || COMPACT.test(plain)) this.yearFirst++;
      if (isMonthOnly(t)) {
        this.months++;
        if (isPostingPeriod(t)) this.periods++;
      } else if (isWeekOnly(t)) this.weeks++;
      return;
    }
    const m = NUMERIC.exec(t);
    if (m) {
      this.dates++;
      const a = Number(m[1]);
      const b = Number(m[3]);
      if (m[2] === '.') this.dots++;
      this.numericExample ||= t;
      if (a > 12 && b <= 12) {
        this.dayFirstProof++;
        this.dayFirstExample ||= t;
      } else if (b > 12 && a <= 12) {
        this.monthFirstProof++;
        this.monthFirstExample ||= t;
      }
      else if (a !== b && a <= 12 && b <= 12) this.undecidable++;
      return;
    }
    if (YEAR_MONTH_NUMBER.test(t) || YEAR_PERIOD_NUMBER.test(t)) {
      this.monthNumbers++;
      if (t.length === 7) this.periodNumbers++;
      return;
    }
    const seconds = unixSeconds(t);
    if (seconds !== null) {
      this.unix++;
      this.unixMin = Math.min(this.unixMin, seconds);
      this.unixMax = Math.max(this.unixMax, seconds);
      return;
    }
    if (SERIAL.test(t)) {
      const serial = Number(t);
      if (serial >= 20000 && serial <= 80000) {
        this.serials++;
        if (serial < this.serialMin) this.serialMin = serial;
        if (serial > this.serialMax) this.serialMax = serial;
      }
    }
  }

  private months = 0;
  private periods = 0;
  private monthNumbers = 0;
  private periodNumbers = 0;
  private weeks = 0;
  private serialMin = Infinity;
  private serialMax = -Infinity;
  private unix = 0;
  private unixMin = Infinity;
  private unixMax = -Infinity;

  /**
   * Whether the values look like Unix times by content alone: nearly all of them, within thirty
   * years of each other, and nothing else in the column reads as a date.
   */
  private get looksLikeUnixTimes(): boolean {
    return this.seen > 0 && this.unix >= 0.9 * this.seen && this.dates === 0 && this.serials === 0 && this.unixMax - this.unixMin <= 30 * 365.25 * 86400;
  }

  /**
   * Whether the values look like Excel date numbers by content alone: nearly all serials, within ten
   * years of each other (ids and quantities in the same range are rarely that close together).
   */
  private get looksLikeSerialDates(): boolean {
    return this.seen > 0 && this.serials >= 0.9 * this.seen && this.dates === 0 && this.serialMax - this.serialMin <= 3653;
  }

  /**
   * Dates written as numbers, Unix times or Excel date numbers, when the values look like them by
   * content alone, with the first and last day they stand for (to show what the numbers mean).
   */
  get datesAsNumbers(): { kind: 'Unix times' | 'Excel date numbers'; from: number; to: number } | null {
    if (this.looksLikeUnixTimes) return { kind: 'Unix times', from: unixDay(this.unixMin), to: unixDay(this.unixMax) };
    if (this.looksLikeSerialDates) return { kind: 'Excel date numbers', from: excelSerialToDay(this.serialMin), to: excelSerialToDay(this.serialMax) };
    return null;
  }

  /** Share of observed values that read as dates in some format (used to spot a date column by content). */
  get dateShare(): number {
    return this.seen === 0 ? 0 : (this.dates + this.serials) / this.seen;
  }

  get stillOpen(): boolean {
    return this.decide().ambiguous;
  }

  decide(): DateDecision {
    const numeric = this.dayFirstProof + this.monthFirstProof + this.undecidable;
    // Nearly all Unix times: the odd text is rejected as not a date, as with Excel date numbers.
    if (this.unix > 0 && numeric === 0 && this.serials === 0 && this.unix >= 0.9 * this.seen && this.unix >= this.unambiguous) {
      return {
        detected: 'unix',
        candidates: ['unix'],
        ambiguous: false,
        reason: `values are Unix times, seconds since 1970 (UTC)${this.unix < this.seen ? ` (${this.unix} of ${this.seen})` : ''}`,
      };
    }
    // Nearly all Excel date numbers: the odd text ('n/a', a typo) is rejected as not a date.
    if (this.serials > 0 && numeric === 0 && this.serials >= 0.9 * this.seen && this.serials >= this.unambiguous) {
      return {
        detected: 'excel-serial',
        candidates: ['excel-serial'],
        ambiguous: false,
        reason: `values are Excel date numbers${this.serials < this.seen ? ` (${this.serials} of ${this.seen})` : ''}`,
      };
    }
    // Nearly all months keyed as numbers (202301): read as such only when nothing else in the column is a date.
    if (this.monthNumbers > 0 && numeric === 0 && this.serials === 0 && this.unix === 0 && this.monthNumbers >= 0.9 * this.seen && this.monthNumbers >= this.unambiguous) {
      return {
        detected: 'yyyymm',
        candidates: ['yyyymm'],
        ambiguous: false,
        reason: this.periodNumbers > 0 ? 'values are posting periods written as numbers (YYYYPPP), each dated on its month\'s first day' : 'values are months written as numbers (YYYYMM), each dated on its first day',
        months: true,
        ...(this.periodNumbers > 0 ? { periods: true as const } : {}),
      };
    }
    if (numeric === 0 && this.months > 0 && this.months === this.dates) {
      const reason = this.periods > 0 ? 'dates are posting periods, each dated on its month\'s first day' : 'dates are months without a day, each dated on its first day';
      return { detected: 'iso', candidates: ['iso'], ambiguous: false, reason, months: true, ...(this.periods > 0 ? { periods: true as const } : {}) };
    }
    if (numeric === 0 && this.weeks > 0 && this.weeks === this.dates) {
      return { detected: 'iso', candidates: ['iso'], ambiguous: false, reason: 'dates are ISO weeks, each dated on its Monday', weeks: true };
    }
    if (numeric === 0) {
      return { detected: this.dates > 0 ? 'iso' : null, candidates: this.dates > 0 ? ['iso'] : [], ambiguous: false, reason: 'dates are written year first' };
    }
    // One '31/12/2009' among 199 year-first dates had made the column day-first, and every reject
    // then expected DD/MM/YYYY: the few written as day and month are the odd ones out, rejected under ISO.
    if (this.yearFirst >= CLEAR_MAJORITY * numeric) {
      return {
        detected: 'iso',
        candidates: ['iso', 'dmy', 'mdy'],
        ambiguous: false,
        // Counts here skip a value repeating the line above's, so they are no row counts: none is said.
        reason: `dates are written year first; ${numeric === 1 ? `the one written as day and month (${this.numericExample}) is` : `those written as day and month (e.g. ${this.numericExample}) are`} rejected unless a day/month order is chosen`,
      };
    }
    const order = this.orderOfNumbers(numeric);
    // A column truly mixing year-first and day-and-month dates is read, and the notes say how it is written.
    if (this.yearFirst === 0 || order.ambiguous) return order;
    return {
      ...order,
      candidates: order.candidates.length > 1 ? order.candidates : [...order.candidates, 'iso'],
      reason: `${order.reason}; the column mixes styles, dates written year first and as day and month (e.g. ${this.numericExample})`,
    };
  }

  /** The day/month order of the dates written as numbers ('13/05/2024'), the year-first ones set aside. */
  private orderOfNumbers(numeric: number): DateDecision {
    // Dates spread over a month put a day above 12 in over half of them; a handful among thousands
    // is a typo's worth of proof. One '13/02/2023' among 2,000 month-first dates had turned every
    // date of the file around without a word.
    const thin = (proof: number): boolean => numeric >= MIN_VALUES_FOR_SHARE && proof < THIN_PROOF_SHARE * numeric && proof < TYPOS;
    const tooThin = (proof: number, example: string, where: 'first' | 'second'): DateDecision => ({
      detected: null,
      candidates: ['mdy', 'dmy'],
      ambiguous: true,
      reason: `only ${proof} of ${numeric} values ${proof === 1 ? 'has' : 'have'} a day above 12 ${where} (e.g. ${example}) and the rest read either way: too few to tell the order from a typo`,
    });
    if (this.dayFirstProof > 0 && this.monthFirstProof === 0) {
      if (thin(this.dayFirstProof)) return tooThin(this.dayFirstProof, this.dayFirstExample, 'first');
      return { detected: 'dmy', candidates: ['dmy'], ambiguous: false, reason: `${this.dayFirstProof} value(s) have a day above 12 first` };
    }
    if (this.monthFirstProof > 0 && this.dayFirstProof === 0) {
      if (thin(this.monthFirstProof)) return tooThin(this.monthFirstProof, this.monthFirstExample, 'second');
      return { detected: 'mdy', candidates: ['mdy'], ambiguous: false, reason: `${this.monthFirstProof} value(s) have a day above 12 second` };
    }
    if (this.monthFirstProof > 0 && this.dayFirstProof > 0) {
      // Mixed evidence: a clear majority wins and the minority rows are rejected as invalid dates;
      // a close call, or a majority itself too thin, is asked.
      const dmy = this.dayFirstProof > this.monthFirstProof;
      const [most, fewest] = dmy ? [this.dayFirstProof, this.monthFirstProof] : [this.monthFirstProof, this.dayFirstProof];
      if (most < CLEAR_MAJORITY * fewest || thin(most)) {
        return {
          detected: null,
          candidates: ['mdy', 'dmy'],
          ambiguous: true,
          reason: `both orders appear: ${this.dayFirstProof} value(s) have a day above 12 first (e.g. ${this.dayFirstExample}) and ${this.monthFirstProof} second (e.g. ${this.monthFirstExample})`,
        };
      }
      return {
        detected: dmy ? 'dmy' : 'mdy',
        candidates: ['mdy', 'dmy'],
        ambiguous: false,
        reason: `mixed orders: ${this.dayFirstProof} day-first vs ${this.monthFirstProof} month-first values; the majority wins`,
      };
    }
    if (this.dots > 0 && this.dots === numeric) {
      return { detected: 'dmy', candidates: ['dmy'], ambiguous: false, reason: 'dates written with dots (DD.MM.YYYY) are day first' };
    }
    if (this.undecidable === 0) {
      return { detected: 'mdy', candidates: ['mdy', 'dmy'], ambiguous: false, reason: 'day and month are equal in every value' };
    }
    return { detected: null, candidates: ['mdy', 'dmy'], ambiguous: true, reason: 'no value written as day and month has a day above 12, so their order cannot be told apart' };
  }
}

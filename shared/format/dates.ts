// Days are whole days since 1970-01-01 UTC: time zones never move a sale to another day.
const MS_PER_DAY = 86_400_000;

export const dayFromIso = (iso: string): number => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
};

export const dayFromParts = (year: number, month: number, day: number): number =>
  Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);

export const isoFromDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** 'YYYY-MM' of a day. */
export const monthOfDay = (day: number): string => isoFromDay(day).slice(0, 7);

/** 0-based calendar month (0 = January) of a day. */
export const monthIndexOfDay = (day: number): number => new Date(day * MS_PER_DAY).getUTCMonth();

export const isValidDate = (year: number, month: number, day: number): boolean => {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
};

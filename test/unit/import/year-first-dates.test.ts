import { describe, expect, it } from 'vitest';
import { DateOrderDetector } from '../../../main/backend/import/dates';

const decide = (values: string[]): ReturnType<DateOrderDetector['decide']> => {
  const d = new DateOrderDetector();
  for (const v of values) d.observe(v);
  return d.decide();
};

/** Online Retail's first 199 invoice dates, each a minute apart, written year first. */
const yearFirst = (n: number): string[] => Array.from({ length: n }, (_, i) => `2009-12-${String(1 + (i % 28)).padStart(2, '0')} 07:${String(i % 60).padStart(2, '0')}:00`);

describe('a column of year-first dates with a few written as day and month', () => {
  it('stays year first when one date among 199 is written 31/12/2009, and names that date as the odd one', () => {
    const d = decide([...yearFirst(100), '31/12/2009 10:00', ...yearFirst(99)]);
    expect(d.detected).toBe('iso');
    expect(d.ambiguous).toBe(false);
    expect(d.reason).toBe('dates are written year first; the one written as day and month (31/12/2009 10:00) is rejected unless a day/month order is chosen');
  });

  it('stays year first when the odd dates read either way, instead of asking for an order they do not need', () => {
    const d = decide([...yearFirst(150), '05/06/2009', '07/08/2009']);
    expect(d).toMatchObject({ detected: 'iso', ambiguous: false });
    expect(d.reason).toContain('those written as day and month (e.g. 05/06/2009) are rejected');
  });

  it('reads a column that truly mixes year-first and day-first dates day first, and says it mixes them', () => {
    const dayFirst = Array.from({ length: 30 }, (_, i) => `${13 + (i % 15)}/03/2024`);
    const d = decide([...yearFirst(30), ...dayFirst]);
    expect(d.detected).toBe('dmy');
    expect(d.candidates.length).toBeGreaterThan(1);
    expect(d.reason).toContain('the column mixes styles, dates written year first and as day and month (e.g. 13/03/2024)');
  });

  it('still decides a column of day-and-month dates alone as before, without a word of mixing', () => {
    const d = decide(['13/03/2024', '14/03/2024', '01/04/2024']);
    expect(d).toMatchObject({ detected: 'dmy', candidates: ['dmy'], ambiguous: false });
    expect(d.reason).not.toContain('mixes');
  });
});

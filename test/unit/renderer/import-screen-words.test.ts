import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/contract';
import { formatCount, formatMoney } from '../../../shared/format/numbers';
import { currencyOfImport } from '../../../renderer/src/features/import/mapping';
import { rejectsShownNote } from '../../../renderer/src/features/import/RejectedRows';

const preview = (code: string): ImportPreview => ({
  file: { name: 'online_retail_II_2009_2010.csv.gz', path: '/tmp/online_retail_II_2009_2010.csv.gz', size: 10, format: 'csv' },
  encoding: 'utf-8',
  delimiter: ',',
  sheets: [],
  sheet: null,
  currency: { code, source: 'data', reason: 'the file names the United Kingdom' },
  headerRow: 1,
  headers: ['Invoice', 'InvoiceDate', 'Price', 'Customer ID'],
  rows: [],
  shape: 'transactions',
  mapping: [],
  categoryColumns: [],
  dateFormat: { detected: 'iso', candidates: ['iso'], ambiguous: false },
  savedMapping: false,
});

const count = (n: number): string => formatCount(n, 'en-US');

describe("the dry run's revenue on the Import screen", () => {
  it('is in pounds for a file guessed GBP in a workspace that counts in dollars, with the Currency field left as guessed', () => {
    expect(formatMoney(8348209, currencyOfImport('GBP', preview('GBP')), 'en-US')).toBe('£8,348,209');
  });

  it('follows a currency typed in the field, in any case', () => {
    expect(currencyOfImport('eur', preview('GBP'))).toBe('EUR');
  });

  it("keeps the file's currency while the field holds no code yet", () => {
    expect(currencyOfImport('', preview('GBP'))).toBe('GBP');
    expect(currencyOfImport('GB', preview('GBP'))).toBe('GBP');
  });
});

describe('the rejected-rows table of an import with more rejects than it shows', () => {
  it('says it shows the first 10,000 of 107,927, that the filter searches only these, and that the CSV has them all', () => {
    expect(rejectsShownNote(10000, 107927, count)).toBe(
      'The first 10,000 of 107,927 rejected rows are shown, and the filter searches only these. Save rejects as CSV has them all.',
    );
  });

  it('says nothing when it shows every rejected row', () => {
    expect(rejectsShownNote(42, 42, count)).toBeNull();
  });
});

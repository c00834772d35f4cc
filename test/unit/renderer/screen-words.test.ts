import { describe, expect, it } from 'vitest';
import { screenWords } from '../../../renderer/src/app/screen-words';

describe("the backend's messages on a screen", () => {
  it('name the control where the command line names a flag', () => {
    expect(screenWords('sales.csv was imported on 2026-12-07 already: use --force if you really mean it.')).toBe(
      'sales.csv was imported on 2026-12-07 already: tick "Import even if this file or its lines were imported before" if you really mean it.',
    );
    expect(screenWords('Map one with --map date=<column>, or import the file as a spend table (--shape spend-table).')).toBe(
      'Map one with its date column (Column mapping), or import the file as a spend table (the spend-table shape on the import screen).',
    );
    expect(screenWords('Import the sheet on its own too (--sheet "2010b").')).toBe('Import the sheet on its own too (the sheet "2010b" on the import screen).');
    expect(screenWords('No analysis yet: longtail analyze, or Analyse in the app.')).toBe('No analysis yet: Run analysis.');
    expect(screenWords('Invalid input for workspace-update: currency: Not an ISO currency code: use one such as USD, EUR or GBP')).toBe('Currency: Not an ISO currency code: use one such as USD, EUR or GBP');
  });

  it('say the control once where the words before the flag already name the column', () => {
    expect(
      screenWords("No category or product column: every sale is in one category, 'All products'. Churn per customer still works; profiles and growth need a category column (--map category=<column>)."),
    ).toBe("No category or product column: every sale is in one category, 'All products'. Churn per customer still works; profiles and growth need a category column (set the category column under Column mapping).");
    expect(screenWords('None of the 8 rows of messy.csv could be imported, 4 of them for one reason. Check the column mapping (--map) and the date format.')).toBe(
      'None of the 8 rows of messy.csv could be imported, 4 of them for one reason. Check the column mapping and the date format.',
    );
  });

  it('leave a message without flags as it is', () => {
    expect(screenWords("'lots' is not a number")).toBe("'lots' is not a number");
  });
});

// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ApiError } from '../../../renderer/src/api/errors';
import { ErrorNotice } from '../../../renderer/src/components/Feedback';
import { RejectReasons, rejectsOfError } from '../../../renderer/src/features/import/RejectedRows';

afterEach(cleanup);

// What importing /tmp/h7/messy.csv into a workspace of 1997-98 sales answered (rows of the same file, in the order they were rejected).
const refusal = new ApiError({
  code: 'IMPORT_NOT_A_TABLE',
  message:
    "None of the 3 rows of messy.csv could be imported, 2 of them for one reason, e.g. row 2, column order_date: '2023-01-15' is 25 years after the rest of the dates (1997-01-01 to 1998-06-30) and only a few rows are dated near it: most likely a typo in the year; fix the date and import the row again; the other on row 3, column order_date: '2023-02-30' is not a valid date (expected YYYY-MM-DD). Check the column mapping (--map) and the date format.",
  details: {
    rejectsSample: [
      { row: 3, column: 'order_date', value: '2023-02-30', reason: "'2023-02-30' is not a valid date (expected YYYY-MM-DD)" },
      { row: 2, column: 'order_date', value: '2023-01-15', reason: "'2023-01-15' is 25 years after the rest of the dates (1997-01-01 to 1998-06-30): most likely a typo in the year" },
      { row: 5, column: 'order_date', value: '2023-03-05', reason: "'2023-03-05' is 25 years after the rest of the dates (1997-01-01 to 1998-06-30): most likely a typo in the year" },
    ],
  },
});

describe('an import that stored no row, on the Import screen', () => {
  it('says what rejected the rows without the command line flag, and lists each rejected row with its reason in file order', () => {
    render(
      <>
        <ErrorNotice error={refusal} />
        <RejectReasons rows={rejectsOfError(refusal)} label="Why the rows were rejected" />
      </>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Check the column mapping and the date format.');
    expect(screen.getByRole('alert').textContent).not.toContain('--map');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      "Row 2, order_date “2023-01-15”: '2023-01-15' is 25 years after the rest of the dates (1997-01-01 to 1998-06-30): most likely a typo in the year",
      "Row 3, order_date “2023-02-30”: '2023-02-30' is not a valid date (expected YYYY-MM-DD)",
      "Row 5, order_date “2023-03-05”: '2023-03-05' is 25 years after the rest of the dates (1997-01-01 to 1998-06-30): most likely a typo in the year",
    ]);
  });

  it('lists nothing for an error that carries no rejected rows', () => {
    expect(rejectsOfError(new ApiError({ code: 'IMPORT_EMPTY', message: 'messy.csv has a header but no data rows. Nothing was imported.' }))).toEqual([]);
    expect(rejectsOfError(null)).toEqual([]);
  });
});

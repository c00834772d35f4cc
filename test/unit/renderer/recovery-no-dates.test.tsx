// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { NoDates } from '../../../renderer/src/features/recovery/NoDates';

afterEach(cleanup);

describe('the Recovery screen of a workspace without dates', () => {
  it('says why nothing on it can be computed and offers the import', () => {
    let imported = 0;
    render(<NoDates onImport={() => imported++} />);
    const notice = screen.getByTestId('recovery-no-dates');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('recovery actions, probability alive and the backtest need the date of each sale');
    expect(notice.textContent).toContain('profiles and growth actions work on the spend table as it is');
    fireEvent.click(screen.getByRole('button', { name: 'Import dated transactions' }));
    expect(imported).toBe(1);
  });
});

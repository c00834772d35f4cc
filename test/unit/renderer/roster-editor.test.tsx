// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RosterEditor } from '../../../renderer/src/features/assignment/RosterEditor';
import type { RosterRep } from '../../../shared/contract/assignment';

afterEach(cleanup);

const ann: RosterRep = { name: 'Ann Lee', kind: 'outside', territory: 'United Kingdom', capacity: 20, active: true, dataAccounts: 12 };

describe('the rep roster being edited', () => {
  it("refuses a name already on it in another case, saying which row to edit, and adds nothing", () => {
    render(<RosterEditor roster={[ann]} onSaved={() => {}} />);
    fireEvent.change(screen.getByLabelText('Add a rep'), { target: { value: 'ann  lee' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByTestId('roster-add-problem').textContent).toBe('Ann Lee is already on the roster (names are matched whatever their case and spacing): edit that row instead.');
    expect(screen.queryByLabelText('Capacity of ann  lee')).toBeNull();
  });

  it('says why a capacity holds the save back, beside the table, not only in a tooltip', () => {
    render(<RosterEditor roster={[ann]} onSaved={() => {}} />);
    fireEvent.change(screen.getByLabelText('Capacity of Ann Lee'), { target: { value: '-5' } });
    expect(screen.getByTestId('roster-problems').textContent).toContain('Capacity of Ann Lee: "-5" is not a whole number of accounts of 0 or more');
    expect((screen.getByTestId('roster-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('marks a capacity above 100,000 and names its rep, where the save had failed as "reps.2.capacity: Too big"', () => {
    render(<RosterEditor roster={[ann, { ...ann, name: 'Big Cap', capacity: 1_000_000 }]} onSaved={() => {}} />);
    expect(screen.getByLabelText('Capacity of Big Cap').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Capacity of Ann Lee').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByTestId('roster-problems').textContent).toContain('Capacity of Big Cap: 1,000,000 is more than 100,000 accounts, the most a rep can be given');
    fireEvent.change(screen.getByLabelText('Capacity of Big Cap'), { target: { value: '100000' } });
    expect(screen.queryByTestId('roster-problems')).toBeNull();
  });

  it('shows what an import read and each column it did not read', () => {
    const note = { text: 'roster_or.csv: 10 reps read, 10 new, 0 updated.', warnings: ['Column "Email" was not read: a roster\'s columns are "Rep", "Kind".'] };
    render(<RosterEditor roster={[ann]} onSaved={() => {}} note={note} />);
    expect(screen.getByTestId('roster-note').textContent).toContain('10 reps read, 10 new, 0 updated.');
    expect(screen.getByTestId('roster-warnings').textContent).toBe('Column "Email" was not read: a roster\'s columns are "Rep", "Kind".');
  });
});


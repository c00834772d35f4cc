// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { RecoveryBasis, RunNotes } from '../../../renderer/src/components/RunNotes';
import type { AnalysisSummary } from '../../../shared/model/results';

afterEach(cleanup);

const modelNote =
  "The learned model was not used at customer level: on its own history the model told decliners from steady buyers little better than chance (AUC 0.49). Customers are priced by their run-rate shortfall instead.";
const floorNote = '13 flagged relationships worth less than the value floor over 12 months were left off the action list.';
const bgnbdNote = 'The BG/NBD fit behind probability alive is degenerate (2 signs; see the fit check), so P(alive) is shown for reference only.';
const others = ['Product groups proposed from product descriptions (30 groups).', '11 non-product lines left out.', 'No k from 2 to 12 gives stable profiles.'];

/** Only the fields the notes read: a run whose learned model could not be used, with a degenerate BG/NBD fit. */
const fallbackRun = {
  notes: [...others, modelNote, floorNote, bgnbdNote],
  caveats: [modelNote, bgnbdNote],
  bgnbd: { verdict: 'degenerate' },
  recovery: {
    horizonDays: 365,
    notes: [modelNote, floorNote],
    caveats: [modelNote],
    model: { customer: { usable: false, reason: 'little better than chance (AUC 0.49)', cuts: ['2010-03-01'], horizonDays: 121, units: 2100, auc: 0.49, lossShare: 0.4, declineRate: 0.5 }, relationship: null },
  },
} as unknown as AnalysisSummary;

describe('the run notes beside the figures', () => {
  it('puts the caveats first, marked, and folds the rest behind a toggle', () => {
    render(<RunNotes summary={fallbackRun} />);
    const items = () => within(screen.getByTestId('run-notes')).getAllByRole('listitem');
    expect(items().map((li) => li.textContent)).toEqual([modelNote, bgnbdNote, others[0]]);
    expect(items().map((li) => li.className)).toEqual(['caveat', 'caveat', '']);
    fireEvent.click(screen.getByTestId('run-notes-toggle'));
    expect(items()).toHaveLength(6);
    expect(screen.getByTestId('run-notes-toggle').textContent).toBe('Show fewer');
  });

  it('shows a long tail left with no growth right after the caveats, where it is not folded away', () => {
    const tailNote = 'No growth action reaches the long tail: none of the 1,769 growth actions is for its 3,033 customers. The value floor of £68 a year left out all 42,796 growth gaps found for 2,790 of them, about £430,000 a year in all.';
    render(<RunNotes summary={{ ...fallbackRun, notes: [...fallbackRun.notes, tailNote] }} />);
    const items = within(screen.getByTestId('run-notes')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([modelNote, bgnbdNote, tailNote]);
  });

  it('warns on the Recovery screen that the learned model was not used, in the run\'s own words', () => {
    render(<RecoveryBasis summary={fallbackRun} />);
    const notice = screen.getByTestId('recovery-basis');
    expect(notice.className).toContain('warning');
    expect(notice.textContent).toBe(modelNote);
  });

  it('states the learned model\'s out-of-fold check when it was used', () => {
    const used = { ...fallbackRun, recovery: { ...fallbackRun.recovery, notes: [floorNote], caveats: [], model: { customer: { ...fallbackRun.recovery?.model.customer, usable: true, auc: 0.648, cuts: ['2011-05-23', '2011-04-03'] }, relationship: null } } } as AnalysisSummary;
    render(<RecoveryBasis summary={used} />);
    expect(screen.getByTestId('recovery-basis').textContent).toMatch(/at 2 earlier dates \(2,100 customer histories, a customer counted at each date, each watched for 121 days after its date\).*AUC of 0\.65 \(0\.5 is chance\)/);
  });
  it('says how long the money was checked over when the learning watched a shorter horizon (a short history)', () => {
    const customer = { ...fallbackRun.recovery?.model.customer, usable: true, auc: 0.58, cuts: ['2011-06-03', '2011-03-01'], horizonDays: 189, moneyHorizonDays: 283, units: 4425 };
    const shortHistory = { ...fallbackRun, recovery: { ...fallbackRun.recovery, notes: [], caveats: [], model: { customer, relationship: null } } } as AnalysisSummary;
    render(<RecoveryBasis summary={shortHistory} />);
    expect(screen.getByTestId('recovery-basis').textContent).toContain('(4,425 customer histories, a customer counted at each date, each watched for 189 days after its date, and for 283 days after the earlier to check the money)');
  });
  it('keeps a caveat beside the basis when the model was used but learned over less than the horizon asked', () => {
    const caveat = 'The data is too short to watch a whole 120 days after an earlier date, so the model learned from 61-day outcomes ... Ordered surest first (List order) they held more on every replay, though less of the money.';
    const customer = { ...fallbackRun.recovery?.model.customer, usable: true, auc: 0.66, cuts: ['2011-03-31', '2011-03-01'], horizonDays: 61, moneyHorizonDays: 91, units: 3823 };
    const shortLearning = { ...fallbackRun, recovery: { ...fallbackRun.recovery, horizonDays: 120, notes: [caveat], caveats: [caveat], model: { customer, relationship: null } } } as AnalysisSummary;
    render(<RecoveryBasis summary={shortLearning} />);
    expect(screen.getByTestId('recovery-basis').textContent).toMatch(/3,823 customer histories, a customer counted at each date, each watched for 61 days after its date/);
    const warning = screen.getByTestId('recovery-caveats');
    expect(warning.className).toContain('warning');
    expect(warning.textContent).toBe(caveat);
  });
});

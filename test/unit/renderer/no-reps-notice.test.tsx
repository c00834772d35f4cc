// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { makeFormatters } from '../../../renderer/src/app/format';
import { NoRepsNotice } from '../../../renderer/src/features/assignment/NoRepsNotice';

afterEach(cleanup);

describe('a plan made with no reps', () => {
  it('says every account stays unassigned and how to give the plan reps', () => {
    render(<NoRepsNotice accounts={2250} fmt={makeFormatters('GBP', 'en-GB')} />);
    const notice = screen.getByTestId('plan-no-reps');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('every one of the 2,250 accounts with actions stays unassigned');
    expect(notice.textContent).toContain('Add reps to the roster below');
  });

  it('says there is nothing to assign when the analysis found no actions, rather than that none of 0 accounts has a rep', () => {
    render(<NoRepsNotice accounts={0} fmt={makeFormatters('GBP', 'en-GB')} />);
    expect(screen.queryByTestId('plan-no-reps')).toBeNull();
    expect(screen.getByTestId('plan-no-actions').textContent).toContain('No actions to plan: this analysis found no recovery or growth actions');
  });

  it('says the plan is older than the roster, not to add reps, when reps were saved since it was made', () => {
    render(<NoRepsNotice accounts={2719} fmt={makeFormatters('GBP', 'en-GB')} rosterReps={10} />);
    const text = screen.getByTestId('plan-no-reps').textContent ?? '';
    expect(text).toContain('it was planned with an earlier roster');
    expect(text).toContain("Plan assignments again to give them to the roster's 10 active reps.");
    expect(text).not.toContain('Add reps to the roster below');
  });
});


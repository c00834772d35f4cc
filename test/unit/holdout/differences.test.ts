import { describe, expect, it } from 'vitest';
import { differenceSentence, differenceTable, listDifference, usualSpendEach } from '../../../shared/analytics/holdout/differences';
import { outcomesOf } from '../../helpers/outcomes';

describe('our backtest list beside the rule that sets the precision bar', () => {
  // 60 units: unit u usually spends 10 + u, lost u % 7 and declined when u is odd.
  const n = 60;
  const out = outcomesOf(
    n,
    (u) => u % 7,
    (u) => u % 2 === 1,
  );
  out.expected = Float64Array.from({ length: n }, (_, u) => 10 + u);
  const ours = [50, 51, 52, 53, 54, 55, 56, 57, 10, 11];
  const theirs = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];

  it('splits the two lists into the units both hold and those each holds alone, losing none', () => {
    const d = listDifference(ours, 'drop-90', theirs, out);
    expect(d.rule).toBe('drop-90');
    expect(d.shared.flagged + d.oursOnly.flagged).toBe(ours.length);
    expect(d.shared.flagged + d.ruleOnly.flagged).toBe(theirs.length);
    // Worked out here for each part from its own units.
    const parts: [typeof d.shared, number[]][] = [
      [d.shared, [10, 11]],
      [d.oursOnly, [50, 51, 52, 53, 54, 55, 56, 57]],
      [d.ruleOnly, [12, 13, 14, 15, 16, 17, 18, 19]],
    ];
    for (const [part, units] of parts) {
      const declined = units.filter((u) => u % 2 === 1).length;
      expect(part.flagged).toBe(units.length);
      expect(part.declined).toBe(declined);
      expect(part.precision).toBeCloseTo(declined / units.length, 12);
      expect(part.capturedLoss).toBe(units.reduce((s, u) => s + (u % 7), 0));
      expect(part.expected).toBe(units.reduce((s, u) => s + 10 + u, 0));
      expect(usualSpendEach(part)).toBeCloseTo(part.expected / units.length, 12);
    }
  });

  it('says in the verdict what each list held alone, and how big the rule’s own units were beside ours', () => {
    const d = listDifference(ours, 'own-gap', theirs, out);
    // Ours alone: 50..57 lost 1+2+3+4+5+6+0+1 = 22, 4 of 8 declined, usual spend 63.5 each;
    // the rule's alone: 12..19 lost 5+6+0+1+2+3+4+5 = 26, 4 of 8 declined, usual spend 25.5 each.
    expect(differenceSentence(d, 200, 'customers')).toBe(
      ' Where the lists differ, our own 8 flags held 11% of the loss at 50% precision; the rule with the better precision (gap above 90th percentile of own gaps) held 13% with its own 8, at 50%, customers that usually bought 0.40x as much as ours.',
    );
  });

  it('says nothing when one list holds nothing of its own, or nothing was lost', () => {
    expect(differenceSentence(listDifference(theirs, 'drop-90', theirs, out), 200, 'customers')).toBe('');
    expect(differenceSentence(listDifference(ours, 'drop-90', theirs, out), 0, 'customers')).toBe('');
  });

  it('is shown as the same three rows on every surface', () => {
    const table = differenceTable(listDifference(ours, 'drop-90', theirs, out));
    expect(table.caption).toBe("Ours beside the precision bar's rule (largest drop, last 90 days vs the 90 before), as many flags each");
    expect(table.rows.map((r) => [r.key, r.label, r.part.flagged])).toEqual([
      ['shared', 'In both lists', 2],
      ['oursOnly', 'Ours alone', 8],
      ['ruleOnly', "The rule's alone", 8],
    ]);
  });
});

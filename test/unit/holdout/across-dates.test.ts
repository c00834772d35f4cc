import { describe, expect, it } from 'vitest';
import { acrossDatesVerdict, edgeHolds, spreadDates, targetMet, targetsMet, whyNotJudged, type DatePoint } from '../../../shared/analytics/holdout';
import { describeAcrossDates } from '../../../main/cli/commands/backtest';

/** A judged date that met every target; each test changes what it is about. */
const point = (asOf: string, over: Partial<DatePoint> = {}): DatePoint => ({
  asOf,
  businessIndex: 1,
  flagged: 900,
  compared: 300,
  capturedRatio: 1.5,
  bestRule: 'drop-90',
  ceilingRatio: 2.5,
  precision: 0.6,
  precisionBar: 0.55,
  calibration: 1,
  beatsCapture: true,
  precisionOk: true,
  calibrationOk: true,
  tooFewDeclines: false,
  ruleOwnSize: 0.4,
  ...over,
});

describe('as-of dates spread over what the data allows', () => {
  it('include both ends and step evenly between them', () => {
    expect(spreadDates({ from: 100, to: 400 }, 4)).toEqual([100, 200, 300, 400]);
    expect(spreadDates({ from: 100, to: 401 }, 3)).toEqual([100, 251, 401]);
  });

  it('never repeat a day, so a range shorter than the count gives fewer dates', () => {
    expect(spreadDates({ from: 10, to: 12 }, 6)).toEqual([10, 11, 12]);
    expect(spreadDates({ from: 10, to: 10 }, 6)).toEqual([10]);
  });

  it('are none when the data leaves no date', () => {
    expect(spreadDates({ from: 20, to: 10 }, 6)).toEqual([]);
  });
});

describe('the targets met across dates', () => {
  it('count each target over the judged dates only, and all three together', () => {
    const points = [
      point('2011-01-31'),
      point('2011-02-28', { precisionOk: false }),
      point('2011-03-31', { beatsCapture: false, calibrationOk: false }),
      point('2011-04-30', { tooFewDeclines: true, beatsCapture: false, precisionOk: false, calibrationOk: false }),
    ];
    expect(targetsMet(points)).toEqual({ judged: 3, capture: 2, precision: 2, money: 2, all: 1 });
  });

  it('leave out a date where we flagged nothing, since every method then flags none, and say why', () => {
    const none = point('2015-05-01', { flagged: 0, compared: 0, capturedRatio: null, bestRule: null, precision: 0, precisionBar: 0, calibration: null, beatsCapture: false, precisionOk: false, calibrationOk: false });
    const few = point('2016-01-31', { tooFewDeclines: true, beatsCapture: false });
    expect(targetsMet([none, few, point('2017-01-31'), point('2018-01-31', { precisionOk: false })])).toEqual({ judged: 2, capture: 2, precision: 1, money: 2, all: 1 });
    expect([whyNotJudged(none), whyNotJudged(few), whyNotJudged(point('2017-01-31'))]).toEqual(['no flags to compare', 'too few declines to judge', null]);
    expect(targetMet(none, none.precisionOk)).toBeNull();
    const text = acrossDatesVerdict([none, few, point('2017-01-31'), point('2018-01-31')], 365);
    expect(text).toContain('Of 2 dates judged (1 had no flags to compare, 1 had too few declines to judge), our flags');
    expect(acrossDatesVerdict([none], 365)).toBe('Replayed as of 2015-05-01, 365 days watched each (customers, the top flags). No date had a flag of ours to compare.');
  });
});

describe('what the dates say together', () => {
  it('calls the edge general when capture beat the rules at most judged dates, with the counts', () => {
    const text = acrossDatesVerdict([point('2011-01-31'), point('2011-02-28'), point('2011-03-31', { beatsCapture: false })], 90);
    expect(text).toContain('Replayed at 3 dates from 2011-01-31 to 2011-03-31, 90 days watched each');
    expect(text).toContain("our flags held at least 1.2x the best naive rule's loss at 2, matched the precision bar at 3 and stated money within 0.8-1.25x of the loss at 3; all three at 2.");
    expect(text).toContain('The edge in loss captured holds across dates on this data');
    expect(text).not.toContain('Precision fell short');
  });

  it('says to read one date with care when capture held at half the dates or fewer, and that the ceiling was low when it was', () => {
    const missed = { beatsCapture: false, capturedRatio: 1.05 };
    const careful = acrossDatesVerdict([point('2011-01-31', missed), point('2011-02-28')], 90);
    expect(careful).toContain("does not hold across dates on this data: read any one date's verdict with care");
    const lowCeiling = acrossDatesVerdict([point('2011-01-31', { ...missed, ceilingRatio: 1.1 }), point('2011-02-28', { ...missed, ceilingRatio: 1.15 }), point('2011-03-31')], 90);
    expect(lowCeiling).toContain("At 2 of the 3 dates judged even perfect foresight held under 1.2x the best rule's loss");
  });

  it("names precision and money missed at most dates, and the rule's smaller customers when they explain it", () => {
    const text = acrossDatesVerdict([point('2011-01-31', { precisionOk: false, calibrationOk: false }), point('2011-02-28', { precisionOk: false })], 60);
    expect(text).toContain("Precision fell short of the better money-minded rule at 2 of the 2 dates judged; where it did, the rule's own customers were mostly smaller than ours");
    expect(text).toContain('Stated money was outside 0.8-1.25x of the loss that followed at 1 of the 2 dates judged: read money at risk as a rough figure');
    const bigger = acrossDatesVerdict([point('2011-01-31', { precisionOk: false, ruleOwnSize: 1.3 }), point('2011-02-28', { precisionOk: false, ruleOwnSize: null })], 60);
    expect(bigger).toContain('Precision fell short of the better money-minded rule at 2 of the 2 dates judged.');
    expect(bigger).not.toContain('smaller');
  });

  it('claims nothing general from one judged date, whether its capture beat the rules or not', () => {
    const few = { tooFewDeclines: true, beatsCapture: false };
    for (const judged of [point('2011-03-31'), point('2011-03-31', { beatsCapture: false })]) {
      const points = [point('2011-01-31', few), point('2011-02-28', few), judged];
      const text = acrossDatesVerdict(points, 30);
      expect(text).toContain('Only one date had enough declines to judge, so the dates cannot tell whether the edge in loss captured is general');
      expect(text).not.toContain('holds across dates');
      expect(text).not.toContain('does not hold across dates');
      expect(edgeHolds(targetsMet(points))).toBe(false);
    }
  });

  it('counts dates with too few declines apart, and says so when none could be judged', () => {
    const few = { tooFewDeclines: true };
    expect(acrossDatesVerdict([point('2011-01-31', few), point('2011-02-28')], 30)).toContain('Of 1 date judged (1 had too few declines to judge)');
    expect(acrossDatesVerdict([point('2011-01-31', few)], 30)).toBe('Replayed as of 2011-01-31, 30 days watched each (customers, the top flags). At no date did the flags hold enough declines to tell methods apart.');
    expect(acrossDatesVerdict([], 30)).toMatch(/^No date in the data/);
  });
});

describe('the across-dates table near a bar', () => {
  it('keeps the digits that tell a figure from its bar, so "ok" and "MISS" never sit beside the same figure', () => {
    const met = point('2011-03-31', { calibration: 1.2491, calibrationOk: true, capturedRatio: 1.2012, precision: 0.4971, precisionBar: 0.4968 });
    const missed = point('2011-07-20', { calibration: 1.2541, calibrationOk: false, capturedRatio: 1.1988, beatsCapture: false });
    const printed = describeAcrossDates({ horizonDays: 90, points: [met, missed], met: targetsMet([met, missed]), verdict: '' });
    expect(printed).toContain('1.249x ok');
    expect(printed).toContain('1.254x MISS');
    expect(printed).toContain('1.201x (90-day drop) ok');
    expect(printed).toContain('1.199x (90-day drop) MISS');
    expect(printed).toContain('49.71% / 49.68% ok');
    expect(printed).not.toMatch(/1\.25x|1\.20x/);
    // Far from every bar: as ever.
    expect(describeAcrossDates({ horizonDays: 90, points: [point('2011-03-31')], met: targetsMet([point('2011-03-31')]), verdict: '' })).toContain('1.50x (90-day drop) ok');
  });
});

import { describe, expect, it } from 'vitest';
import { trainingPlan } from '../../../shared/analytics/risk/model';

// Day numbers: the data starts on day 0.
describe('where the risk model learns from', () => {
  it('takes up to three cuts half a horizon apart when the history is long, each watched for the whole horizon', () => {
    expect(trainingPlan(0, 700, 100)).toEqual({ cuts: [600, 550, 500], horizonDays: 100, money: null });
  });

  it('takes the cuts that fit when fewer than three do, never with under a quarter of history before one', () => {
    expect(trainingPlan(0, 300, 100)).toEqual({ cuts: [200, 150, 100], horizonDays: 100, money: null });
    expect(trainingPlan(0, 250, 100)).toEqual({ cuts: [150, 100], horizonDays: 100, money: null });
  });

  it('learns from two cuts two thirds of the horizon apart when one cut would be all, and checks the money at the whole horizon from the earlier', () => {
    // One 100-day cut fits (day 100); a second would start on day 50, before a quarter of history.
    expect(trainingPlan(0, 200, 100)).toEqual({ cuts: [133, 100], horizonDays: 67, money: { cut: 100, horizonDays: 100 } });
    // Online Retail as of 2011-05-31 for 120 days: 181 days of history leave 91 days to watch.
    expect(trainingPlan(0, 181, 120)).toEqual({ cuts: [120, 90], horizonDays: 61, money: { cut: 90, horizonDays: 91 } });
  });

  it('keeps one cut when two thirds of its horizon would be under four weeks, and learns nothing from under four weeks', () => {
    expect(trainingPlan(0, 130, 60)).toEqual({ cuts: [90], horizonDays: 40, money: null });
    expect(trainingPlan(0, 110, 60)).toEqual({ cuts: [], horizonDays: 20, money: null });
  });
});

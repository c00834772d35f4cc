import { isoFromDay } from '../../format/dates';
import { formatCount, formatMoney, formatShare } from '../../format/numbers';
import { callOrderNotes, type CallOrder } from './call-order';
import type { RiskAssessment, RiskForecast, RiskTraining } from '../risk';
import type { RecoveryDecision } from './decide';
import { horizonWords } from './risk-reasons';

/** What the learned model was trained on, in a form a summary, a screen and a report can show. */
export type RiskTrainingSummary = {
  usable: boolean;
  reason: string | null;
  cuts: string[];
  horizonDays: number;
  /** The horizon stated money was checked against, when longer than the learning's (absent on runs stored before). */
  moneyHorizonDays?: number;
  units: number;
  auc: number;
  lossShare: number;
  declineRate: number;
};

export type RecoveryOverview = {
  horizonDays: number;
  floor: number;
  model: { customer: RiskTrainingSummary | null; relationship: RiskTrainingSummary | null };
  counts: { winBack: number; slipping: number; folded: number; relationships: number; belowFloor: number };
  belowFloorAtRisk: number;
  notes: string[];
  /** The notes that weaken recovery's money or list (the learned model not used, or learned over a shorter horizon than asked); absent on runs stored before. */
  caveats?: string[];
  /** How the list orders its calls at each level (absent on runs stored before). */
  order?: CallOrder;
  /**
   * What the run's recovery list holds, as the Recovery screen's figures count it (absent on runs
   * stored before): shown at once, while the screen's first evaluation reads the forecasts again.
   */
  totals?: RecoveryTotals;
};

/** A recovery decision's actions (whole accounts and relationships), its money at risk over the horizon, and the customers they reach. */
export type RecoveryTotals = { count: number; atRisk: number; customers: number; wholeCustomers: number };

export function recoveryTotals(d: RecoveryDecision): RecoveryTotals {
  const customers = new Set<number>();
  let atRisk = 0;
  for (const a of d.customers) {
    atRisk += a.atRisk;
    customers.add(a.customer);
  }
  for (const f of d.relationships) {
    atRisk += f.atRiskRevenue;
    customers.add(f.customer);
  }
  return { count: d.customers.length + d.relationships.length, atRisk: Math.round(atRisk * 100) / 100, customers: customers.size, wholeCustomers: d.customers.length };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function summarise(t: RiskTraining | null): RiskTrainingSummary | null {
  if (!t) return null;
  return {
    usable: t.usable,
    reason: t.reason,
    cuts: t.cuts.map(isoFromDay),
    horizonDays: t.horizonDays,
    moneyHorizonDays: t.moneyHorizonDays,
    units: t.units,
    auc: round3(t.auc),
    lossShare: round3(t.lossShare),
    declineRate: round3(t.declineRate),
  };
}

/**
 * What priced the units when the learned model was not used, in words. `priced`: whether any call
 * at this level was priced so; with none, saying units "are priced" told of a forecast no call used
 * (a file of one purchase day per customer had read it beside an empty list).
 */
function runRateWords(f: RiskForecast, span: string, units: string, priced: boolean): string {
  if (f.basis !== 'run-rate') return `Money at risk is then the usual spend over the next ${span} times the rules' confidence.`;
  if (!priced) return `${units} would be priced by their run-rate shortfall instead (what they would lose over the next ${span} if the last 90 days' pace held), but none was flagged, so nothing on the list was priced that way.`;
  return `${units} are priced by their run-rate shortfall instead: what they would lose over the next ${span} if the last 90 days' pace held, beside the rhythm rules' flags; ${
    f.calibrated ? 'how sure each slide is and how much of it really goes come from how such shortfalls fared at the training cuts' : 'nothing on this history says how much of it really goes: read the money as rough'
  }. This is a naive forecast: expect it to do about as well as the best naive rule, not better.`;
}

/**
 * Above this share of recovery's money in customers that bought only once, the money is mostly a
 * pool of one-time buyers to win back. On the public sets it is 3-7% (Online Retail, its 2009-10
 * sheet, the grocery panel) and 22% (CDNOW); on a marketplace's order items, where 97% of customers
 * buy once, 93%, and leakage read 81% of revenue.
 */
const ONE_TIME_MONEY_SHARE = 0.5;

/** Why recovery's money reads as a win-back pool where one-time buyers hold most of it, or null. */
function oneTimeCaveat(d: RecoveryDecision, f: RiskForecast, currency: string): string | null {
  let total = 0;
  let once = 0;
  let count = 0;
  for (const a of d.customers) {
    total += a.atRisk;
    if (f.facts.orders[a.customer] !== 1) continue;
    once += a.atRisk;
    count++;
  }
  for (const r of d.relationships) total += r.atRiskRevenue;
  if (!(total > 0) || once < ONE_TIME_MONEY_SHARE * total) return null;
  let buyers = 0;
  let single = 0;
  for (let c = 0; c < f.facts.orders.length; c++) {
    if (f.facts.orders[c] < 1) continue;
    buyers++;
    if (f.facts.orders[c] === 1) single++;
  }
  const money = (x: number): string => formatMoney(x, currency);
  return `${formatCount(count, 'en-US')} customers that bought only once hold ${formatShare(once / total, 0, 'en-US')} of recovery's money at risk (${money(once)} of ${money(total)}), and ${formatShare(single / buyers, 0, 'en-US')} of the customers who bought by the as-of date bought only once. One purchase has no rhythm to fall behind: its money at risk is that purchase again, priced by how one-time buyers fared in this data. Where most customers buy once (a shop or a marketplace more than a distributor), read that money, and the leakage it makes, as customers to win back, not as recurring revenue slipping away.`;
}

export function recoveryOverview(d: RecoveryDecision, risk: RiskAssessment, currency = 'USD'): RecoveryOverview {
  const customer = summarise(risk.customer.training);
  const relationship = summarise(risk.relationship.training);
  const caveats: string[] = [];
  const span = horizonWords(d.horizonDays);
  if (!customer) {
    caveats.push(`Recovery used the rhythm rules alone: the data is too short to learn from its own past (a quarter of history plus four weeks before the as-of date is the least).`);
  } else if (!customer.usable) {
    caveats.push(`The learned model was not used at customer level: ${customer.reason}. ${runRateWords(risk.customer, span, 'Customers', d.customers.some((a) => a.signal !== 'several-categories'))}`);
  }
  if (customer?.usable && customer.horizonDays < d.horizonDays) caveats.push(shortLearningCaveat(customer, d.horizonDays, span, d.order?.customer?.mode === 'sure'));
  const once = oneTimeCaveat(d, risk.customer, currency);
  if (once) caveats.push(once);
  const notes = [...caveats];
  if (relationship && !relationship.usable && customer?.usable) {
    const caveat = `The learned model was not used for relationships: ${relationship.reason}. ${runRateWords(risk.relationship, span, 'Relationships', d.customers.length + d.relationships.length > 0)}`;
    caveats.push(caveat);
    notes.push(caveat);
  }
  if (d.belowFloor.count > 0) {
    notes.push(`${d.belowFloor.count} flagged relationships worth less than the value floor over ${span}, alone or with their customer's other small slips, were left off the action list.`);
  }
  const lost = d.lostBefore;
  if (lost && lost.relationships > 0) {
    const n = (x: number): string => formatCount(x, 'en-US');
    // With one category the relationships are the customers.
    const who =
      lost.oneCategory
        ? `${n(lost.customers)} ${lost.customers === 1 ? 'customer' : 'customers'}`
        : `${n(lost.relationships)} customer x category relationships (of ${n(lost.customers)} customers)`;
    notes.push(
      `${who} that the rhythm rules judged late had gone silent and bought nothing in the 12 months before the as-of date: lost before that, with nothing left to lose over ${span}, so they are not recovery actions. A customer that bought nothing at all in that time is listed as inactive.`,
    );
  }
  const returned = d.returnedAll;
  if (returned && returned.customers + returned.relationships > 0) {
    const n = (x: number): string => formatCount(x, 'en-US');
    const window = risk.customer.priorDays >= 365 ? '12 months' : `${horizonWords(risk.customer.priorDays)} of data`;
    const parts = [
      returned.customers > 0 ? `${n(returned.customers)} ${returned.customers === 1 ? 'customer' : 'customers'}` : '',
      returned.relationships > 0 && !lost?.oneCategory ? `${n(returned.relationships)} customer x category relationships (of ${n(returned.relationshipCustomers)} customers)` : '',
    ].filter((p) => p !== '');
    if (parts.length > 0) {
      notes.push(
        `${parts.join(' and ')} sent back all they bought in the ${window} before the as-of date: with nothing kept there is nothing at risk, so they are not recovery actions (money at risk never goes above what a customer or a relationship kept of what it bought).`,
      );
    }
  }
  notes.push(...callOrderNotes(d.order, (x) => formatMoney(x, currency)));
  const count = (signal: string) => d.customers.filter((c) => c.signal === signal).length;
  return {
    horizonDays: d.horizonDays,
    floor: d.floor,
    model: { customer, relationship },
    counts: { winBack: count('lapsed-all'), slipping: count('slipping'), folded: count('several-categories'), relationships: d.relationships.length, belowFloor: d.belowFloor.count },
    belowFloorAtRisk: d.belowFloor.atRisk,
    notes,
    caveats,
    ...(d.order ? { order: d.order } : {}),
    totals: recoveryTotals(d),
  };
}

/** The longest horizon stated money was checked against. */
const moneyHorizon = (t: RiskTrainingSummary): number => Math.max(t.horizonDays, t.moneyHorizonDays ?? t.horizonDays);

/**
 * What the backtests on public data (bench/backtest.bench.ts, customer level, the 24 replays; its
 * "Precision by how the learned model learned" line re-measures these on every run) say of
 * lists learned over a shorter horizon than asked: the top 300 fell short of the better money-minded
 * naive rule's precision on 7 of the 11 replays learned that way and on 2 of the 13 that learned the
 * whole horizon. Learning the shorter horizon in full does not mend it: the same 11 dates replayed at
 * the longest horizon each history can learn in full missed that precision 6 times. It is the short
 * history before the date, so the caveat says so and names the order that does beat the rules there
 * (surest first met that precision on all 24 replays).
 */
const SHORT_LEARNING = { missed: 7, of: 11, missedFull: 2, ofFull: 13 } as const;

/**
 * Why recovery reads rougher when the history could not show the whole horizon twice before the
 * as-of date: money learned over a shorter span, and a list that slid less surely than the naive
 * rules' where that happened on public data. `sureFirst`: the run's list is already ordered that way.
 */
function shortLearningCaveat(t: RiskTrainingSummary, horizonDays: number, span: string, sureFirst: boolean): string {
  const money = moneyHorizon(t);
  const learned =
    money >= horizonDays
      ? `The data before the as-of date can show a whole ${span} after one earlier date only, too early in the data for trends to show there, so the model learned from ${t.horizonDays}-day outcomes at two dates and checked its money against the ${span} after the earlier one.`
      : `The data is too short to watch a whole ${span} after an earlier date, so the model learned from ${t.horizonDays}-day outcomes${money > t.horizonDays ? `, checked its money against ${money}-day outcomes` : ''} and applies them to ${span}: treat money at risk as a rougher estimate.`;
  const evidence = `On a history this short its list is less sure than it looks: in backtests on public data, lists learned over a shorter horizon than asked held fewer true slides than the better money-minded naive rule's on ${SHORT_LEARNING.missed} of ${SHORT_LEARNING.of} replays (${SHORT_LEARNING.missedFull} of ${SHORT_LEARNING.ofFull} where the whole horizon was learned)`;
  const advice = sureFirst ? '. This run orders it surest first, as the settings ask: so ordered, lists held more true slides than that rule on every replay.' : '. Ordered surest first (List order) they held more on every replay, though less of the money.';
  return `${learned} ${evidence}${advice}`;
}

/**
 * What priced recovery's money when the learned model did, in one sentence for a screen or a
 * report: where it learned and its out-of-fold check. Null when it was not used (the caveats say why).
 */
export function learnedModelBasis(r: RecoveryOverview): string | null {
  const customer = r.model.customer;
  if (!customer?.usable) return null;
  const dates = customer.cuts.length === 1 ? 'one earlier date' : `${customer.cuts.length} earlier dates`;
  return `Money at risk over the next ${horizonWords(r.horizonDays)} comes from a model learned on this data's own past at ${dates} (${customer.units.toLocaleString('en')} ${
    customer.cuts.length === 1 ? `customers watched for ${customer.horizonDays} days after it` : `customer histories, a customer counted at each date, each watched for ${customer.horizonDays} days after its date`
  }${
    moneyHorizon(customer) > customer.horizonDays ? `, and for ${moneyHorizon(customer)} days after the earlier to check the money` : ''
  }); out of fold it told decliners from steady buyers with an AUC of ${customer.auc.toFixed(2)} (0.5 is chance).`;
}

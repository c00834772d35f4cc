import type { Dataset } from '../../model/dataset';
import { unitFacts, type UnitFacts } from './features';
import { applyRisk, breadthAt, learnRisk, type LearnedRisk, type RiskForecast } from './model';
import { priorDaysAt } from './outcome';
import { customerSeries, relationshipSeries, type SeriesMemory, type UnitSeries, type Units } from './series';

export type { LearnedRisk, RiskForecast, RiskTraining } from './model';
export { moneyCeiling, silenceInCycles } from './model';

/** What the risk stage learns at both levels: the costly part, kept in the workspace. */
export type RiskModels = { customer: LearnedRisk; relationship: LearnedRisk };
export type { UnitSeries, Units } from './series';


/** Both levels' forecasts as of one day, and how to find a relationship's unit. */
export type RiskAssessment = {
  asOfDay: number;
  horizonDays: number;
  customers: Units;
  relationships: Units;
  customer: RiskForecast;
  relationship: RiskForecast;
  /** Relationship unit of customer c's first relationship; its units run to relationshipStart[c + 1]. */
  relationshipStart: Int32Array;
};

/** A level's units without their day-level history. */
const unitsOnly = ({ level, count, customer, category }: UnitSeries): Units => ({ level, count, customer, category });

/**
 * The customer level's model alone, learned from its own series: what a second thread can learn while
 * `assessRisk` learns the relationships (the two levels' learning reads the data, never each other).
 */
export function learnCustomerRisk(ds: Dataset, asOfDay: number, horizonDays: number, customers: UnitSeries = customerSeries(ds)): LearnedRisk {
  return learnRisk(ds, customers, asOfDay, horizonDays);
}

/**
 * What other threads made or set aside for an assessment instead of its making them: the customer
 * series, asked for once the relationships' series are made; the customer model, asked for only once
 * the relationships are learned and only when nothing was kept; and memory already written once, to
 * make the relationship series in (see SeriesMemory).
 */
export type FromElsewhere = {
  customers?: () => UnitSeries;
  customerModel?: () => LearnedRisk;
  /** The customers priced with the model `customerModel` gave (`forecastCustomers`), without their breadth. */
  customerForecast?: () => RiskForecast;
  relationshipMemory?: SeriesMemory;
  /**
   * Called once the customers' day series is let go, before the relationships' facts are made: a
   * full collection there gives its memory back first (on a thread, V8 frees a shared buffer only
   * when it collects the last object holding it).
   */
  letGo?: () => void;
};

/**
 * Every customer priced with its level's model as of the day, without the breadth of its categories
 * (that needs the relationships' facts; `assessRisk` adds it): what the thread that learned the
 * model can do while the assessing thread still learns the relationships.
 */
export function forecastCustomers(ds: Dataset, customers: UnitSeries, asOfDay: number, horizonDays: number, model: LearnedRisk): RiskForecast {
  const facts = unitFacts(customers, ds.firstDay, asOfDay, priorDaysAt(ds.firstDay, asOfDay), horizonDays);
  return applyRisk(ds, customers, asOfDay, horizonDays, model, { facts });
}

/**
 * The learned risk forecasts for every customer and every customer x category relationship. The
 * models are learned from the data's own past up to `asOfDay` (heavy: once per as-of day and
 * horizon); `keep` may hand back models learned before on the same data, day and horizon instead,
 * and `elsewhere` the customer series and model made on another thread (`learnCustomerRisk`).
 * The assessment keeps the units but not their series: nothing reads the days once the forecasts
 * exist, and the series are about as big as the transactions (24 bytes a row for both levels,
 * 0.45 GB at 20M rows) while the assessment stays warm for the whole session.
 */
export function assessRisk(
  ds: Dataset,
  asOfDay: number,
  horizonDays: number,
  keep: (learn: () => RiskModels) => RiskModels = (learn) => learn(),
  elsewhere?: FromElsewhere,
): RiskAssessment {
  const { models, customer, customerUnits, relationships, relationshipFacts, relationshipStart } = learnAndDescribe(ds, asOfDay, horizonDays, keep, elsewhere);
  // The relationships' day series went with learnAndDescribe's frame: pricing reads their facts.
  elsewhere?.letGo?.();
  return {
    asOfDay,
    horizonDays,
    customers: customerUnits,
    relationships,
    customer,
    relationship: applyRisk(ds, relationships, asOfDay, horizonDays, models.relationship, { facts: relationshipFacts, customerFacts: customer.facts }),
    relationshipStart,
  };
}

/**
 * Everything of the assessment that reads the day series: the models, the customers priced, and the
 * relationships' facts. Each series goes once it has been read for the last time: the customers'
 * with customerSide, the relationships' when this returns.
 */
function learnAndDescribe(
  ds: Dataset,
  asOfDay: number,
  horizonDays: number,
  keep: (learn: () => RiskModels) => RiskModels,
  elsewhere: FromElsewhere | undefined,
): { models: RiskModels; customer: RiskForecast; customerUnits: Units; relationships: Units; relationshipFacts: UnitFacts; relationshipStart: Int32Array } {
  const relationships = relationshipSeries(ds, elsewhere?.relationshipMemory);
  const relationshipStart = relationshipStarts(relationships, ds.customers.length);
  const priorDays = priorDaysAt(ds.firstDay, asOfDay);
  const { models, customer, customerUnits } = customerSide(ds, relationships, asOfDay, horizonDays, priorDays, keep, elsewhere);
  elsewhere?.letGo?.();
  // Each level's facts at the as-of day serve the other level too (the customers' breadth of
  // categories): found once, after the customer series has gone. Found before (while that series was
  // on its way from the other thread), their columns (64 bytes a relationship, 0.14 GB at 20M rows)
  // sat through the learning and beside that series, the stage's crest.
  const relationshipFacts = unitFacts(relationships, ds.firstDay, asOfDay, priorDays, horizonDays);
  customer.breadth = breadthAt(ds, { start: relationshipStart, facts: relationshipFacts });
  return { models, customer, customerUnits, relationships: unitsOnly(relationships), relationshipFacts, relationshipStart };
}

/**
 * The models (learned, or kept ones) and the customer level's forecast: everything of the
 * assessment that reads the customers' day series, which are let go when this returns.
 */
function customerSide(
  ds: Dataset,
  relationships: UnitSeries,
  asOfDay: number,
  horizonDays: number,
  priorDays: number,
  keep: (learn: () => RiskModels) => RiskModels,
  elsewhere: FromElsewhere | undefined,
): { models: RiskModels; customer: RiskForecast; customerUnits: Units } {
  const customers = elsewhere?.customers ? elsewhere.customers() : customerSeries(ds);
  let customerModelFromElsewhere = false;
  const models = keep(() => {
    const relationship = learnRisk(ds, relationships, asOfDay, horizonDays, { customers });
    customerModelFromElsewhere = elsewhere?.customerModel !== undefined;
    return { customer: elsewhere?.customerModel ? elsewhere.customerModel() : learnRisk(ds, customers, asOfDay, horizonDays), relationship };
  });
  // The thread that learned the customer model prices the customers with it while this one learns
  // the relationships (on 5M rows it otherwise sat idle for the last second or so of this stage).
  const customer =
    customerModelFromElsewhere && elsewhere?.customerForecast
      ? elsewhere.customerForecast()
      : applyRisk(ds, customers, asOfDay, horizonDays, models.customer, { facts: unitFacts(customers, ds.firstDay, asOfDay, priorDays, horizonDays) });
  return { models, customer, customerUnits: unitsOnly(customers) };
}

/** Where each customer's relationship units start: customer c's run from start[c] to start[c + 1]. */
export function relationshipStarts(relationships: Units, customerCount: number): Int32Array {
  const start = new Int32Array(customerCount + 1);
  let u = 0;
  for (let c = 0; c <= customerCount; c++) {
    while (u < relationships.count && relationships.customer[u] < c) u++;
    start[c] = u;
  }
  return start;
}

/** The unit of (customer, category) among `relationships`, or -1. Linear in the customer's categories (a handful). */
export function unitOf(relationships: Units, start: Int32Array, customer: number, category: number): number {
  for (let u = start[customer]; u < start[customer + 1]; u++) if (relationships.category[u] === category) return u;
  return -1;
}

/** The relationship unit of (customer, category) in an assessment, or -1. */
export const relationshipUnit = (a: RiskAssessment, customer: number, category: number): number => unitOf(a.relationships, a.relationshipStart, customer, category);

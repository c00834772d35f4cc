import type { Dataset } from '../../model/dataset';
import { applyRisk, learnRisk, type LearnedRisk, type RiskForecast } from './model';
import { customerSeries, relationshipSeries, type UnitSeries } from './series';

export type { LearnedRisk, RiskForecast, RiskTraining } from './model';

/** What the risk stage learns at both levels: the costly part, kept in the workspace. */
export type RiskModels = { customer: LearnedRisk; relationship: LearnedRisk };
export type { UnitSeries } from './series';

/** Both levels' forecasts as of one day, and how to find a relationship's unit. */
export type RiskAssessment = {
  asOfDay: number;
  horizonDays: number;
  customers: UnitSeries;
  relationships: UnitSeries;
  customer: RiskForecast;
  relationship: RiskForecast;
  /** Relationship unit of customer c's first relationship; its units run to relationshipStart[c + 1]. */
  relationshipStart: Int32Array;
};

function unitsOf(ds: Dataset): { customers: UnitSeries; relationships: UnitSeries; relationshipStart: Int32Array } {
  const customers = customerSeries(ds);
  const relationships = relationshipSeries(ds);
  const relationshipStart = new Int32Array(ds.customers.length + 1);
  let u = 0;
  for (let c = 0; c <= ds.customers.length; c++) {
    while (u < relationships.count && relationships.customer[u] < c) u++;
    relationshipStart[c] = u;
  }
  return { customers, relationships, relationshipStart };
}

/**
 * The learned risk forecasts for every customer and every customer x category relationship. The
 * models are learned from the data's own past up to `asOfDay` (heavy: once per as-of day and
 * horizon); `keep` may hand back models learned before on the same data, day and horizon instead.
 */
export function assessRisk(ds: Dataset, asOfDay: number, horizonDays: number, keep: (learn: () => RiskModels) => RiskModels = (learn) => learn()): RiskAssessment {
  const { customers, relationships, relationshipStart } = unitsOf(ds);
  const models = keep(() => ({
    customer: learnRisk(ds, customers, null, asOfDay, horizonDays),
    relationship: learnRisk(ds, relationships, customers, asOfDay, horizonDays),
  }));
  const customer = applyRisk(ds, customers, null, asOfDay, horizonDays, models.customer);
  return {
    asOfDay,
    horizonDays,
    customers,
    relationships,
    customer,
    relationship: applyRisk(ds, relationships, customers, asOfDay, horizonDays, models.relationship, customer.facts),
    relationshipStart,
  };
}

/** The relationship unit of (customer, category), or -1. Linear in the customer's categories (a handful). */
export function relationshipUnit(a: RiskAssessment, customer: number, category: number): number {
  for (let u = a.relationshipStart[customer]; u < a.relationshipStart[customer + 1]; u++) if (a.relationships.category[u] === category) return u;
  return -1;
}

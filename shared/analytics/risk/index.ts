import type { Dataset } from '../../model/dataset';
import { forecastRisk, type RiskForecast } from './model';
import { customerSeries, relationshipSeries, type UnitSeries } from './series';

export type { RiskForecast, RiskTraining } from './model';
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

/** The learned risk forecasts for every customer and every customer x category relationship. Heavy: once per as-of day and horizon. */
export function assessRisk(ds: Dataset, asOfDay: number, horizonDays: number): RiskAssessment {
  const customers = customerSeries(ds);
  const relationships = relationshipSeries(ds);
  const relationshipStart = new Int32Array(ds.customers.length + 1);
  let u = 0;
  for (let c = 0; c <= ds.customers.length; c++) {
    while (u < relationships.count && relationships.customer[u] < c) u++;
    relationshipStart[c] = u;
  }
  return {
    asOfDay,
    horizonDays,
    customers,
    relationships,
    customer: forecastRisk(ds, customers, null, asOfDay, horizonDays),
    relationship: forecastRisk(ds, relationships, customers, asOfDay, horizonDays),
    relationshipStart,
  };
}

/** The relationship unit of (customer, category), or -1. Linear in the customer's categories (a handful). */
export function relationshipUnit(a: RiskAssessment, customer: number, category: number): number {
  for (let u = a.relationshipStart[customer]; u < a.relationshipStart[customer + 1]; u++) if (a.relationships.category[u] === category) return u;
  return -1;
}

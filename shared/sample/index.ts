import { isoFromDay } from '../format/dates';
import { planDistributor } from './plan';
import { rowsOfPlan } from './rows';
import type { GeneratorOptions, PlantedTruth, RosterRow, SampleRow } from './types';

export type { GeneratorOptions, SampleRow, PlantedTruth, RosterRow, DefectionKind, TrapKind } from './types';
export { datasetFromRows } from './dataset';
export { createRng, deriveSeed, mix32, type Rng } from './rng';
export { customerNameFor, HOSTILE_NAME, CATALOG, PATTERNS } from './catalog';

export type GeneratedDistributor = {
  truth: PlantedTruth;
  /** Streams the rows, customer by customer; every call yields the identical sequence. */
  rows: () => Generator<SampleRow>;
  /** The reps the rows name, with kind, territory and capacity (accounts per period). */
  roster: RosterRow[];
  /** First and last day of the history, ISO. */
  startDate: string;
  endDate: string;
};

/** A seeded, deterministic food-service distributor with its planted truth; see plan.ts for the rates. */
export function generateDistributor(options: GeneratorOptions): GeneratedDistributor {
  const plan = planDistributor(options);
  return {
    truth: plan.truth,
    rows: () => rowsOfPlan(plan),
    roster: plan.roster,
    startDate: isoFromDay(plan.startDay),
    endDate: isoFromDay(plan.endDay),
  };
}

export type { BgNbdParams, BgNbdFit, BgNbdFitOptions } from './model';
export { bgnbdLogLikelihood, fitBgNbd, pAlive, expectedPurchases, conditionalExpectedPurchases } from './model';
export type { CustomerHistorySummary } from './summary';
export { customerHistorySummary, customerPAlive } from './summary';
export { hyp2f1, logGamma } from './special';
export type { PopulationFit } from './summary';
export { fitPopulation, pAliveOf } from './summary';
export type { PAliveStage } from './fit-check';
export { calibrationEndFor, degeneracyOf, holdoutCheck, MIN_FIT_CUSTOMERS, MIN_FIT_REPEAT_BUYERS, pAliveStage, tooFewToFit } from './fit-check';

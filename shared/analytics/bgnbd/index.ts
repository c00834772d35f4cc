export type { BgNbdParams, BgNbdFit, BgNbdFitOptions } from './model';
export { bgnbdLogLikelihood, fitBgNbd, pAlive, expectedPurchases, conditionalExpectedPurchases } from './model';
export type { CustomerHistorySummary } from './summary';
export { customerHistorySummary, customerPAlive } from './summary';
export { hyp2f1, logGamma } from './special';

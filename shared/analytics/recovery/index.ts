export type { RecoveryModel } from './model';
export { buildRecoveryModel } from './model';
export type { RecoveryFlag } from './evaluate';
export { evaluateRecovery, recoveryCurve } from './evaluate';
export type { RecoverySignal, Verdict } from './judge';
export type { CustomerVerdict } from './judge';
export { judge, judgeCustomer, emptyVerdict, emptyCustomerVerdict, allowedGap } from './judge';
export type { CustomerCycle } from './cycles';
export { customerCycles } from './cycles';

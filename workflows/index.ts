// Every workflow the worker runs. This file is the entry point of the workflow bundle:
// only deterministic code may be imported from here (domain/, workflows/).
export { advice } from './advice';
export { cleanUp } from './cleanup';
export { reconcile, slotRollForward } from './ops';
export { referral } from './referral';
export { rebuildReports } from './reports';

// Every workflow the worker runs. This file is the entry point of the workflow bundle:
// only deterministic code may be imported from here (domain/, workflows/).
export { cleanUp } from './cleanup';
export { reconcile, slotRollForward } from './ops';
export { referral } from './referral';

import type { ServiceDeps } from '../deps';

/** The identity feature's operations for the web and scripts: the only place its domain, database and Temporal meet. */
export function identityService(_deps: ServiceDeps) {
  return {};
}

import type { ServiceDeps } from '../deps';

/** The health feature's operations for the web and scripts: the only place its domain, database and Temporal meet. */
export function healthService(_deps: ServiceDeps) {
  return {};
}

import type { ServiceDeps } from '../deps';

/** The directory feature's operations for the web and scripts: the only place its domain, database and Temporal meet. */
export function directoryService(_deps: ServiceDeps) {
  return {};
}

import type { ServiceDeps } from '../deps';

/** The worklists feature's operations for the web and scripts: the only place its domain, database and Temporal meet. */
export function worklistService(_deps: ServiceDeps) {
  return {};
}

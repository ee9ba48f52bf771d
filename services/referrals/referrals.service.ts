import type { ServiceDeps } from '../deps';

/** The referrals feature's operations for the web and scripts: the only place its domain, database and Temporal meet. */
export function referralService(_deps: ServiceDeps) {
  return {};
}

import type { Config } from '../config/env';
import type { Secrets } from '../config/secrets';
import type { Services } from '../services';

/**
 * Everything a request handler may use, built once by the composition root (`system/`) and
 * shared by every request. No database or Temporal client: routes reach both through services.
 */
export type AppDeps = {
  services: Services;
  config: Config;
  secrets: Secrets;
};

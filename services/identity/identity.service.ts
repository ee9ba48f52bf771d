import type { ServiceDeps } from '../deps';
import { userAdministrationService } from './admin.service';
import { authenticatorsService } from './authenticators.service';
import { passkeysService } from './passkeys.service';
import { sessionsService } from './sessions.service';
import { signInService } from './sign-in.service';

/**
 * Sign-in, sessions, the user's own authenticators and registration-authority administration:
 * the only place identity's rules and tables meet. The web keeps cookies, CSRF tokens and pages.
 */
export function identityService(deps: Pick<ServiceDeps, 'db'>) {
  return {
    ...sessionsService(deps),
    ...signInService(deps),
    ...authenticatorsService(deps),
    ...passkeysService(deps),
    ...userAdministrationService(deps),
  };
}

export type IdentityService = ReturnType<typeof identityService>;

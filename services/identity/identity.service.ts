import type { ServiceDeps } from '../deps';
import { userAdministrationService } from './admin.service';
import { authenticatorsService } from './authenticators.service';
import type { Clock } from './lockout';
import { passkeysService } from './passkeys.service';
import { passwordsService } from './passwords.service';
import { reauthenticationService } from './reauthentication.service';
import { sessionsService } from './sessions.service';
import { signInService } from './sign-in.service';

/**
 * Sign-in, sessions, the user's own authenticators and registration-authority administration:
 * the only place identity's rules and tables meet. The web keeps cookies, CSRF tokens and pages.
 * `clock` (default: the real one) lets tests move sign-in throttles and locks through time.
 */
export function identityService(deps: Pick<ServiceDeps, 'db'> & { clock?: Clock }) {
  return {
    ...sessionsService(deps),
    ...signInService(deps),
    ...authenticatorsService(deps),
    ...passkeysService(deps),
    ...reauthenticationService(deps),
    ...passwordsService(deps),
    ...userAdministrationService(deps),
  };
}

export type IdentityService = ReturnType<typeof identityService>;

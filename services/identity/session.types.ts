import type { SessionTable } from '../../db/identity/identity.table';
import type { RoleAssignment } from '../../db/identity/users.repository';
import type { Actor } from '../../domain/actor';
import type { RoleCode } from '../../domain/roles';
import type { SessionEndReason, SessionPolicy } from './session-policy';

export type { RoleAssignment } from '../../db/identity/users.repository';
export type { SessionEndReason, SessionPolicy } from './session-policy';

/**
 * How far a browser has got: before sign-in, between the factors, setting up an app, choosing
 * a password in place of a temporary one, or signed in.
 */
export type SessionStage = SessionTable['stage'];
export type AuthMethod = NonNullable<SessionTable['auth_method']>;

/** A server-side session as the web sees it: who, in which organisation and role, and until when. */
export type Session = {
  /** The stored id: the hash of the cookie's token, never the token itself. */
  id: string;
  stage: SessionStage;
  userId: string | null;
  orgCode: string | null;
  role: RoleCode | null;
  authMethod: AuthMethod | null;
  /** When the second factor was last proven: adding a way to sign in needs it within minutes. */
  factorVerifiedAt: Date | null;
  /** The token every form that POSTs must carry. */
  csrfSecret: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  displayName: string | null;
  orgName: string | null;
};

/** What a new session starts as. */
export type NewSession = {
  stage: SessionStage;
  userId?: string;
  orgCode?: string;
  role?: RoleCode;
  authMethod?: AuthMethod | null;
  factorVerifiedAt?: Date | null;
  /** Keep the original sign-in time when only the role changes: the 8 hours run from sign-in. */
  createdAt?: Date;
  expiresAt?: Date;
};

/** A session just started: the token goes in the cookie (it is stored only hashed). */
export type StartedSession = { token: string; session: Session };

/** Both factors proven. A user with one role has it chosen already; otherwise `roles` are the choices. */
export type SignedIn = StartedSession & { roles: RoleAssignment[] };

/** The session a request's cookie names: in use, ended just now (and why, if it was signed in), or none. */
export type SessionLookup =
  | { status: 'active'; session: Session; actor?: Actor }
  | { status: 'ended'; reason?: SessionEndReason }
  | { status: 'missing' };

/** What a sign-in step needs to know of the request: where it came from and how long sessions last. */
export type SignInContext = { address: string; policy: SessionPolicy };

import { CarepathError } from '../../domain/errors';
import type { RoleCode } from '../../domain/roles';
import { appendAudit } from '../../db/audit/audit.repository';
import { deleteSession, deleteSessionsOfUser, findSession, updateSession } from '../../db/identity/sessions.repository';
import { roleAssignmentsOf } from '../../db/identity/users.repository';
import type { ServiceDeps } from '../deps';
import { auditAuth } from './auth-audit';
import { endReason, type SessionPolicy } from './session-policy';
import type { RoleAssignment, Session, SessionLookup, StartedSession } from './session.types';
import { hashSessionId } from './session-tokens';
import { asSession, startSession, userOf } from './sessions';

/** Server-side sessions: finding one by its cookie's token, ending it, and choosing an organisation and role. */
export function sessionsService({ db }: Pick<ServiceDeps, 'db'>) {
  return {
    /**
     * The session `token` names, ended instead when idle or past its absolute limit. A request
     * that is only a background refresh (a polled worklist) does not count as activity.
     */
    async loadSession(token: string, options: { policy: SessionPolicy; background: boolean }): Promise<SessionLookup> {
      const idHash = hashSessionId(token);
      const row = await findSession(db, idHash);
      if (!row) return { status: 'missing' };
      const { display_name, org_name, role_held, ...stored } = row;
      const session = asSession(stored, { displayName: display_name, orgName: org_name });
      const now = new Date();
      const ended = endReason(session, now, options.policy);
      if (ended) {
        await deleteSession(db, idHash);
        if (session.stage !== 'signed_in') return { status: 'ended' };
        await appendAudit(db, {
          action: 'auth.session_expired',
          actor_user_id: session.userId,
          actor_org: session.orgCode,
          actor_role: session.role,
          detail: { reason: ended },
        });
        return { status: 'ended', reason: ended };
      }
      if (!options.background) await updateSession(db, idHash, { last_seen_at: now });
      const current = { ...session, lastSeenAt: options.background ? session.lastSeenAt : now };
      const { stage, userId, orgCode, role } = current;
      // role_held: an administrator may have taken the chosen role away since.
      if (stage !== 'signed_in' || !userId || !orgCode || !role || !role_held)
        return { status: 'active', session: current };
      return {
        status: 'active',
        session: current,
        actor: { userId, displayName: current.displayName ?? '', orgCode, role },
      };
    },

    /** A session for someone not signed in yet: the sign-in page's forms need its CSRF token. */
    async startAnonymousSession(policy: SessionPolicy): Promise<StartedSession> {
      return startSession(db, undefined, { stage: 'anonymous' }, policy);
    },

    async endSession(session: Session): Promise<void> {
      await deleteSession(db, session.id);
    },

    async signOut(session: Session, reason: string): Promise<void> {
      if (session.stage === 'signed_in') await auditAuth(db, session, 'auth.signed_out', { detail: { reason } });
      await deleteSession(db, session.id);
    },

    /** Ends every session of the session's user, this one included; how many ended. */
    async signOutEverywhere(session: Session): Promise<number> {
      const userId = userOf(session);
      await auditAuth(db, session, 'auth.signed_out_everywhere');
      return deleteSessionsOfUser(db, userId);
    },

    /** Every (organisation, role) the signed-in user holds, to choose from. */
    async roleAssignments(session: Session): Promise<RoleAssignment[]> {
      return roleAssignmentsOf(db, userOf(session));
    },

    /** A change of role is a change of privilege: a new session id, the same sign-in time and limit. */
    async chooseRole(
      session: Session,
      choice: { orgCode: string; role: RoleCode },
      policy: SessionPolicy,
    ): Promise<StartedSession> {
      const userId = userOf(session);
      const held = await roleAssignmentsOf(db, userId);
      if (!held.some((r) => r.orgCode === choice.orgCode && r.role === choice.role)) {
        throw new CarepathError('NOT_PERMITTED', 'You do not hold that role in that organisation.');
      }
      const started = await startSession(
        db,
        session,
        {
          stage: 'signed_in',
          userId,
          orgCode: choice.orgCode,
          role: choice.role,
          authMethod: session.authMethod,
          factorVerifiedAt: session.factorVerifiedAt,
          createdAt: session.createdAt,
          expiresAt: session.expiresAt,
        },
        policy,
      );
      const from = session.role ? { org: session.orgCode, role: session.role } : undefined;
      await auditAuth(db, started.session, 'auth.role_chosen', { detail: { switched: session.role !== null, from } });
      return started;
    },
  };
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import { OPS_PERMISSIONS } from '../../domain/ops/permissions';
import { appendAudit } from '../../db/audit/audit.repository';
import {
  codecTokensOf,
  findLiveCodecToken,
  insertCodecToken,
  markCodecTokenUsed,
  revokeCodecToken,
} from '../../db/ops/codec-tokens.repository';
import type { ServiceDeps } from '../deps';

/**
 * A token reads patient data, and it ends up in shell histories and scripts: it lasts one
 * working shift, like a session at its longest, and its owner can revoke it sooner.
 */
export const CODEC_TOKEN_HOURS = 8;
// Recognisable in a leaked log or a secret scanner's rules.
const TOKEN_PREFIX = 'cpcodec_';

export type CodecToken = {
  id: string;
  orgCode: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Personal bearer tokens for the codec endpoint, for the Temporal CLI (`--codec-auth`). */
export function codecTokensService({ db }: Pick<ServiceDeps, 'db'>) {
  return {
    /** A new token, returned this once: only its hash is stored. */
    async createCodecToken(actor: Actor): Promise<{ token: string; expiresAt: Date }> {
      requirePermission(OPS_PERMISSIONS, 'decodePayloads', actor);
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const id = randomUUID();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + CODEC_TOKEN_HOURS * 3600_000);
      await db.transaction().execute(async (tx) => {
        await insertCodecToken(tx, {
          id,
          user_id: actor.userId,
          org_code: actor.orgCode,
          role: actor.role,
          token_hash: hashToken(token),
          created_at: now,
          expires_at: expiresAt,
        });
        await appendAudit(tx, audited(actor, 'ops.codec_token_created', id));
      });
      return { token, expiresAt };
    },

    async codecTokens(actor: Actor): Promise<CodecToken[]> {
      requirePermission(OPS_PERMISSIONS, 'decodePayloads', actor);
      const rows = await codecTokensOf(db, actor.userId);
      return rows.map((r) => ({
        id: r.id,
        orgCode: r.org_code,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
        lastUsedAt: r.last_used_at,
      }));
    },

    /** Revokes one of the actor's own tokens; anyone else's, or one already revoked, is NOT_FOUND. */
    async revokeCodecToken(actor: Actor, id: string): Promise<void> {
      requirePermission(OPS_PERMISSIONS, 'decodePayloads', actor);
      await db.transaction().execute(async (tx) => {
        if ((await revokeCodecToken(tx, actor.userId, id, new Date())) === 0) {
          throw new CarepathError('NOT_FOUND', 'There is no such token to revoke: it may be revoked already.');
        }
        await appendAudit(tx, audited(actor, 'ops.codec_token_revoked', id));
      });
    },

    /** Who a bearer token acts for: UNAUTHENTICATED unless it is live and its role still held. */
    async actorForCodecToken(token: string): Promise<Actor> {
      const now = new Date();
      const found = token.startsWith(TOKEN_PREFIX) ? await findLiveCodecToken(db, hashToken(token), now) : undefined;
      if (!found) {
        throw new CarepathError('UNAUTHENTICATED', 'The codec token is not valid: it has expired or been revoked.');
      }
      await markCodecTokenUsed(db, found.id, now);
      return { userId: found.user_id, displayName: found.display_name, orgCode: found.org_code, role: found.role };
    },
  };
}

const audited = (actor: Actor, action: string, tokenId: string) => ({
  action,
  actor_user_id: actor.userId,
  actor_org: actor.orgCode,
  actor_role: actor.role,
  subject_type: 'codec_token',
  subject_id: tokenId,
});

import type { Payload } from '@temporalio/common';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import { OPS_PERMISSIONS } from '../../domain/ops/permissions';
import { appendAudit } from '../../db/audit/audit.repository';
import type { ServiceDeps } from '../deps';
import { codecTokensService } from './codec-tokens';

export type { CodecToken } from './codec-tokens';

/** How the caller proved who they are: the Temporal UI's session cookie, or a CLI token. */
export type CodecCredential = 'session' | 'token';

/**
 * The codec server behind the Temporal UI and CLI. It decodes with the codecs of this process's
 * own Temporal client (temporal/codec.ts: the key the workers seal with), so it can never drift
 * from what the workers write.
 */
export function codecService({ db, temporal }: Pick<ServiceDeps, 'db' | 'temporal'>) {
  const codecs = temporal.options.loadedDataConverter.payloadCodecs;
  return {
    /**
     * Opens payloads for an operations engineer. Audited first (who, namespace, how many, never
     * what): decoding shows patient data, so no decode happens that the trail does not record.
     */
    async decodePayloads(
      actor: Actor,
      request: { namespace: string | undefined; payloads: Payload[]; credential: CodecCredential },
    ): Promise<Payload[]> {
      requirePermission(OPS_PERMISSIONS, 'decodePayloads', actor);
      await appendAudit(db, {
        action: 'ops.payloads_decoded',
        actor_user_id: actor.userId,
        actor_org: actor.orgCode,
        actor_role: actor.role,
        subject_type: 'temporal_namespace',
        subject_id: request.namespace ?? null,
        detail: { payloads: request.payloads.length, credential: request.credential },
      });
      let payloads = request.payloads;
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    },

    /**
     * Refuses to seal anything. A sealed payload is what proves to a workflow that a staff action
     * or query came from Carepath, naming its acting user: an encoder would let whoever holds
     * the Temporal UI act as any clinician. An empty batch (nothing to seal) is answered.
     */
    async encodePayloads(actor: Actor, payloads: Payload[]): Promise<Payload[]> {
      requirePermission(OPS_PERMISSIONS, 'decodePayloads', actor);
      if (payloads.length > 0) {
        throw new CarepathError(
          'NOT_PERMITTED',
          'Carepath does not encrypt payloads for the Temporal UI or CLI: staff actions are taken in Carepath.',
        );
      }
      return [];
    },

    ...codecTokensService({ db }),
  };
}

import type { Kysely } from 'kysely';
import type { Command } from '../../domain/actions';
import type { TransitionContext } from '../../domain/create-referral';
import type { Referral } from '../../domain/referral';
import { apply } from '../../domain/transition';
import type { Database } from '../../db/database';
import { projectWithin } from './projection';
import { type HeldSlot, reserveReferralSlot } from './slots';

export type ReserveAndProject = {
  reserve: Parameters<typeof reserveReferralSlot>[1];
  /** The referral before the command, the command and the transition's clock and actor, as the workflow applies them. */
  referral: Referral;
  command: Command;
  context: TransitionContext;
};

/**
 * One activity, one transaction, for a command that books a slot (decision record 0022): the
 * slot is reserved, and the transition the workflow makes with it is projected (read row,
 * timeline, audit, outbox). The workflow then applies the same command with the slot's times,
 * the same clock and actor to the same referral, which the domain's pure `apply` turns into the
 * same transition. Undefined (and nothing written) when the slot is not free. Retried after a
 * crash, it finds the slot held by this UBRN and the timeline row already there, and writes
 * nothing twice.
 */
export async function reserveSlotAndProject(
  db: Kysely<Database>,
  input: ReserveAndProject,
): Promise<HeldSlot | undefined> {
  return db.transaction().execute(async (trx) => {
    const held = await reserveReferralSlot(trx, input.reserve);
    if (!held) return undefined;
    const command = { ...input.command, start: held.start, end: held.end } as Command;
    await projectWithin(trx, apply(input.referral, command, input.context));
    return held;
  });
}

import type { Actor } from '../../../domain/actor';
import { CarepathError } from '../../../domain/errors';
import { type CommandInput, commandSchema } from '../../../domain/actions';
import type { Referral } from '../../../domain/referral';
import { countBookableSlots } from '../../../db/directory/slots.repository';
import { actOnReferral } from '../../../services/referrals/referral-workflows';
import type { AppDeps } from '../../app';

/**
 * Step 3's choice as the referral's first command. Returns a refusal code when it could not be
 * done: the referral exists either way (NOT_BOOKED), and the user can act on it from its page.
 */
export async function firstAction(
  deps: AppDeps,
  referral: Pick<Referral, 'ubrn' | 'priority'>,
  choice: string,
  actor: Actor,
  draftId: string,
): Promise<string | undefined> {
  const [kind, id] = choice.split(':') as [string, string];
  const base = { expectedVersion: 1 };
  let input: CommandInput;
  if (kind === 'book') {
    const slot = await deps.db
      .selectFrom('slots')
      .select(['service_id', 'start_at', 'end_at'])
      .where('id', '=', Number(id))
      .executeTakeFirst();
    if (!slot) return 'SLOT_UNAVAILABLE';
    input = {
      type: 'BOOK',
      ...base,
      serviceId: String(slot.service_id),
      slotId: id,
      start: slot.start_at.toISOString(),
      end: slot.end_at.toISOString(),
    };
  } else if (kind === 'triage') input = { type: 'SEND_FOR_TRIAGE', ...base, serviceId: id };
  else if (kind === 'ibs') input = { type: 'REQUEST_IBS', ...base, serviceId: id };
  else {
    const slots = await countBookableSlots(deps.db, { serviceId: id, priority: referral.priority, now: new Date() });
    input = { type: 'DEFER_TO_PROVIDER', ...base, serviceId: id, reason: 'NO_SLOTS', slotsAvailable: slots > 0 };
  }
  const command = commandSchema.safeParse(input);
  if (!command.success) return 'VALIDATION';
  try {
    await actOnReferral(deps.temporal, referral.ubrn, command.data, actor, { requestId: `${draftId}-first` });
    return undefined;
  } catch (error) {
    if (!(error instanceof CarepathError)) throw error;
    // A second submit of the same page finds the first one's action already done.
    return error.code === 'STALE_VERSION' ? undefined : error.code;
  }
}

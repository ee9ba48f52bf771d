import { sql } from 'kysely';
import type { Conversation } from '../../domain/advice/conversation';
import type { AdviceEvent } from '../../domain/advice/transition';
import { ADVICE_WORKLISTS, type AdviceWorklistKey } from '../../domain/advice/worklists';
import { isProviderRole } from '../../domain/roles';
import type { Executor } from '../executor';
import type { AdviceEntryRow, AdviceRequestRow } from './advice.table';

/** The side whose member acted: the worklists follow who wrote last. */
function sideOf(event: AdviceEvent): 'REFERRER' | 'PROVIDER' {
  return event.actor && isProviderRole(event.actor.role) ? 'PROVIDER' : 'REFERRER';
}

/**
 * Writes the conversation's read row unless a newer (or the same) version is already there:
 * retries and out-of-order deliveries cannot move a conversation backwards. What the requester
 * has read is the service's to record, so an update leaves it alone.
 */
export async function upsertAdviceRow(db: Executor, conversation: Conversation, event: AdviceEvent): Promise<void> {
  const row = {
    ubrn: conversation.ubrn,
    version: conversation.version,
    state: conversation.state,
    service_id: conversation.service.serviceId,
    service_name: conversation.service.name,
    provider_org_code: conversation.service.providerOrgCode,
    referrer_org_code: conversation.requester.orgCode,
    requester_user_id: conversation.requester.clinicianUserId,
    specialty: conversation.service.specialty,
    last_from: sideOf(event),
    response_due: conversation.responseDueBy ?? null,
    outcome: conversation.outcome ?? null,
    conversion_allowed: conversation.conversionAllowed,
    nhs_number: conversation.patient.nhsNumber,
    given_name: conversation.patient.givenName,
    family_name: conversation.patient.familyName,
    date_of_birth: conversation.patient.dateOfBirth,
    snapshot: JSON.stringify(conversation),
    created_at: conversation.createdAt,
    updated_at: conversation.updatedAt,
    expires_at: conversation.expiresAt,
  };
  const { ubrn: _key, ...changes } = row;
  await db
    .insertInto('advice_requests')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('ubrn')
        .doUpdateSet(changes)
        .where('advice_requests.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .execute();
}

/** Appends a history row with its message; false when that (ubrn, version) was already there (a retry). */
export async function appendAdviceEntry(db: Executor, ubrn: string, event: AdviceEvent): Promise<boolean> {
  const inserted = await db
    .insertInto('advice_entries')
    .values({
      ubrn,
      version: event.version,
      type: event.type,
      at: event.at,
      actor_user_id: event.actor?.userId ?? null,
      actor_name: event.actor?.displayName ?? null,
      actor_role: event.actor?.role ?? null,
      actor_org: event.actor?.orgCode ?? null,
      from_state: event.fromState,
      to_state: event.toState,
      summary: event.summary,
      message_kind: event.message?.kind ?? null,
      message_text: event.message?.text ?? null,
      outcome: event.message?.outcome ?? null,
      attachments: JSON.stringify(event.message?.attachments ?? []),
    })
    .onConflict((oc) => oc.columns(['ubrn', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function getAdviceRow(db: Executor, ubrn: string): Promise<AdviceRequestRow | undefined> {
  return db.selectFrom('advice_requests').selectAll().where('ubrn', '=', ubrn).executeTakeFirst();
}

/** The conversation's history, oldest first. */
export function getAdviceEntries(db: Executor, ubrn: string): Promise<AdviceEntryRow[]> {
  return db.selectFrom('advice_entries').selectAll().where('ubrn', '=', ubrn).orderBy('version').execute();
}

/** The requester's organisation has seen the conversation up to `version`: it leaves Responses to read. */
export async function markReadByReferrer(db: Executor, ubrn: string, version: number): Promise<void> {
  await db
    .updateTable('advice_requests')
    .set({ referrer_read_version: version })
    .where('ubrn', '=', ubrn)
    .where('referrer_read_version', '<', version)
    .execute();
}

/**
 * The UBRN expired: deletes the conversation's content (messages, files, patient, snapshot),
 * keeping the row and the history as a stub that says it existed, what happened and when.
 * Returns how many messages and files went, for the audit stub. Idempotent.
 */
export async function deleteAdviceContent(
  db: Executor,
  input: { ubrn: string; version: number; at: string },
): Promise<{ messages: number; attachments: number }> {
  const messages = await db
    .updateTable('advice_entries')
    .set({ message_text: null, attachments: '[]' })
    .where('ubrn', '=', input.ubrn)
    .where('message_text', 'is not', null)
    .executeTakeFirst();
  const attachments = await db.deleteFrom('advice_attachments').where('ubrn', '=', input.ubrn).executeTakeFirst();
  await db
    .updateTable('advice_requests')
    .set({
      state: 'EXPIRED',
      version: sql<number>`greatest(version, ${input.version})`,
      nhs_number: null,
      given_name: null,
      family_name: null,
      date_of_birth: null,
      snapshot: null,
      response_due: null,
      content_deleted_at: sql<Date>`coalesce(content_deleted_at, ${input.at}::timestamptz)`,
      updated_at: input.at,
    })
    .where('ubrn', '=', input.ubrn)
    .execute();
  return { messages: Number(messages.numUpdatedRows), attachments: Number(attachments.numDeletedRows) };
}

export type AdviceWorklistRow = Pick<
  AdviceRequestRow,
  | 'ubrn'
  | 'state'
  | 'service_name'
  | 'specialty'
  | 'nhs_number'
  | 'given_name'
  | 'family_name'
  | 'date_of_birth'
  | 'response_due'
  | 'outcome'
  | 'created_at'
  | 'updated_at'
  | 'referrer_org_code'
>;

function worklistQuery(db: Executor, key: AdviceWorklistKey, orgCode: string) {
  const list = ADVICE_WORKLISTS[key];
  const owner = list.side === 'provider' ? 'provider_org_code' : 'referrer_org_code';
  let query = db
    .selectFrom('advice_requests')
    .where(owner, '=', orgCode)
    .where('state', 'in', [...list.states]);
  if ('unreadByReferrer' in list) {
    query = query.where('last_from', '=', 'PROVIDER').where('referrer_read_version', '<', (eb) => eb.ref('version'));
  }
  return query;
}

/** One worklist of an organisation, oldest first (a target due soonest is the oldest question). */
export function adviceWorklist(
  db: Executor,
  input: { key: AdviceWorklistKey; orgCode: string; limit: number },
): Promise<AdviceWorklistRow[]> {
  return worklistQuery(db, input.key, input.orgCode)
    .select([
      'ubrn',
      'state',
      'service_name',
      'specialty',
      'nhs_number',
      'given_name',
      'family_name',
      'date_of_birth',
      'response_due',
      'outcome',
      'created_at',
      'updated_at',
      'referrer_org_code',
    ])
    .orderBy('created_at')
    .orderBy('ubrn')
    .limit(input.limit)
    .execute();
}

/** How many conversations are on the worklist, counting no further than `cap`. */
export async function countAdviceWorklist(
  db: Executor,
  input: { key: AdviceWorklistKey; orgCode: string; cap: number },
): Promise<number> {
  const row = await db
    .selectFrom(worklistQuery(db, input.key, input.orgCode).select('ubrn').limit(input.cap).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The service's response-time target in working days, if it set one. */
export async function responseTargetOf(db: Executor, serviceId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('advice_service_settings')
    .select('response_working_days')
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  return row?.response_working_days;
}

export async function setResponseTarget(
  db: Executor,
  input: { serviceId: string; workingDays: number; updatedBy: string },
): Promise<void> {
  const values = {
    service_id: input.serviceId,
    response_working_days: input.workingDays,
    updated_by: input.updatedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('advice_service_settings')
    .values(values)
    .onConflict((oc) =>
      oc.column('service_id').doUpdateSet({
        response_working_days: values.response_working_days,
        updated_by: values.updated_by,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}

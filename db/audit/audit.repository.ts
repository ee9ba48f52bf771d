import type { Actor } from '../../domain/actor';
import type { Executor } from '../executor';
import type { NewAuditEvent } from './audit.table';

/** The audit columns that say who acted, as what, for which organisation. */
export function auditActor(actor: Actor): Pick<NewAuditEvent, 'actor_user_id' | 'actor_role' | 'actor_org'> {
  return { actor_user_id: actor.userId, actor_role: actor.role, actor_org: actor.orgCode };
}

/** Appends to the audit trail. Never put names, NHS numbers or free text in `detail`. */
export async function appendAudit(db: Executor, event: NewAuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({ ...event, detail: JSON.stringify(event.detail ?? {}) as never })
    .execute();
}

export function auditTrailFor(db: Executor, subjectType: string, subjectId: string) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}

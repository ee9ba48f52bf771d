import type { Executor } from '../executor';
import type { ReferralState } from '../../domain/states';

export type Notice = {
  id: number;
  ubrn: string;
  template: string;
  createdAt: Date;
  state: ReferralState;
  givenName: string;
  familyName: string;
};

/** The newest notices the outbox holds for one side of one organisation (not the patient letters). */
export async function noticesFor(
  db: Executor,
  recipient: 'REFERRER' | 'PROVIDER',
  orgCode: string,
  limit = 50,
): Promise<Notice[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('referrals as r', 'r.ubrn', 'n.ubrn')
    .select(['n.id', 'n.ubrn', 'n.template', 'n.created_at', 'r.state', 'r.given_name', 'r.family_name'])
    .where('n.recipient_org_code', '=', orgCode)
    .where('n.recipient', '=', recipient)
    .where('n.subject', '=', 'referral')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    ubrn: r.ubrn,
    template: r.template,
    createdAt: r.created_at,
    state: r.state as ReferralState,
    givenName: r.given_name,
    familyName: r.family_name,
  }));
}

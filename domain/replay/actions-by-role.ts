import { ADVICE_ACTION_LABELS } from '../advice/commands';
import { availableAdviceActions } from '../advice/guard';
import { ACTION_LABELS } from '../actions';
import type { Actor } from '../actor';
import { availableActions } from '../guard';
import { ROLES, type RoleCode, isProviderRole, isReferrerRole } from '../roles';
import type { ReplaySubject } from './fold';

export type RoleActions = { role: RoleCode; roleName: string; actions: string[] };

/**
 * What each e-RS role at the referring and the receiving organisation could do at `now`, asked
 * of the same guard that draws the buttons and checks the updates.
 */
export function actionsByRole(subject: ReplaySubject, now: string): RoleActions[] {
  const referrerOrg =
    subject.kind === 'referral' ? subject.referral.referrer.orgCode : subject.conversation.requester.orgCode;
  const providerOrg =
    subject.kind === 'referral'
      ? subject.referral.service?.providerOrgCode
      : subject.conversation.service.providerOrgCode;
  return (Object.keys(ROLES) as RoleCode[])
    .filter((role) => isReferrerRole(role) || isProviderRole(role))
    .map((role) => {
      const orgCode = isReferrerRole(role) ? referrerOrg : providerOrg;
      const actor: Actor = { userId: 'replay', displayName: ROLES[role].name, role, orgCode: orgCode ?? 'NONE' };
      const actions =
        orgCode === undefined
          ? []
          : subject.kind === 'referral'
            ? availableActions(subject.referral, actor, now).map((type) => ACTION_LABELS[type])
            : availableAdviceActions(subject.conversation, actor).map((type) => ADVICE_ACTION_LABELS[type]);
      return { role, roleName: ROLES[role].name, actions };
    });
}

import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { commissioningEndDateSchema, commissioningRuleInputSchema } from '../../domain/directory/commissioning.schema';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import {
  type CommissioningRule,
  commissioningRulesOfArea,
  endCommissioningRule,
  insertCommissioningRule,
} from '../../db/directory/commissioning';
import { findService, recordServiceAudit } from '../../db/directory/service-management';
import { listServices } from '../../db/directory/services.repository';
import type { ServiceDeps } from '../deps';
import type { ServiceListing } from './service-definitions';

export type { CommissioningRule };

const ruleIdSchema = z.coerce.number().int().positive();

/**
 * Commissioners make local services visible to the referrers of their own area: their
 * organisation's ODS code is the commissioning area.
 */
export function commissioningService({ db }: Pick<ServiceDeps, 'db'>) {
  const mayCommission = (actor: Actor) => requirePermission(DIRECTORY_PERMISSIONS, 'commission', actor);
  return {
    /** The rules of the commissioner's area, and the local services a rule could make visible. */
    async commissioningOfArea(actor: Actor): Promise<{ rules: CommissioningRule[]; localServices: ServiceListing[] }> {
      mayCommission(actor);
      const [rules, localServices] = await Promise.all([
        commissioningRulesOfArea(db, actor.orgCode),
        listServices(db, { statuses: ['PUBLISHED'], national: false }),
      ]);
      return { rules, localServices };
    },

    /** Makes a local service visible to the commissioner's area. Returns the rule id. */
    async addCommissioningRule(actor: Actor, raw: unknown): Promise<number> {
      mayCommission(actor);
      const parsed = commissioningRuleInputSchema.safeParse(raw);
      if (!parsed.success) throw CarepathError.fromIssues('Check the commissioning rule', parsed.error.issues);
      const rule = parsed.data;
      return db.transaction().execute(async (trx) => {
        const service = await findService(trx, rule.serviceId);
        if (!service || service.status === 'RETIRED') {
          throw new CarepathError('VALIDATION', 'Check the commissioning rule', {
            serviceId: 'Choose a published service',
          });
        }
        const ruleId = await insertCommissioningRule(trx, { ...rule, area: actor.orgCode, createdBy: actor.userId });
        const added = (await commissioningRulesOfArea(trx, actor.orgCode)).find((r) => r.id === ruleId);
        await recordServiceAudit(trx, actor, 'commissioning.rule_added', rule.serviceId, {
          ruleId,
          area: actor.orgCode,
          before: null,
          after: added ? { startsOn: added.startsOn, endsOn: added.endsOn } : null,
        });
        return ruleId;
      });
    },

    /** Ends a rule of the commissioner's own area on a date: the service disappears the day after. */
    async endCommissioningRule(actor: Actor, ruleId: string | number, endsOn: string): Promise<void> {
      mayCommission(actor);
      const date = commissioningEndDateSchema.safeParse(endsOn);
      if (!date.success) throw CarepathError.fromIssues('Check the end date', date.error.issues);
      const id = ruleIdSchema.safeParse(ruleId);
      const notFound = () =>
        new CarepathError('NOT_FOUND', 'There is no such rule in your area starting on or before that date');
      if (!id.success) throw notFound();
      await db.transaction().execute(async (trx) => {
        const before = (await commissioningRulesOfArea(trx, actor.orgCode)).find((r) => r.id === id.data);
        if (!before || !(await endCommissioningRule(trx, actor.orgCode, id.data, date.data))) throw notFound();
        await recordServiceAudit(trx, actor, 'commissioning.rule_ended', before.serviceId, {
          ruleId: id.data,
          area: actor.orgCode,
          before: { startsOn: before.startsOn, endsOn: before.endsOn },
          after: { startsOn: before.startsOn, endsOn: date.data },
        });
      });
    },
  };
}

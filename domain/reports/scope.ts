/**
 * Which referrals an organisation's reports cover, by the kind of organisation it is: a GP
 * practice its own referrals, a provider those with its services (and any it acted on before a
 * redirect took them elsewhere), a commissioner those of the practices in its area. An analyst
 * never sees another organisation's rows: every report query starts from this scope.
 */
export type ReportSide = 'referrer' | 'provider' | 'commissioner';

export type ReportScope = { orgCode: string; side: ReportSide };

const SIDE_OF_TYPE: Readonly<Record<string, ReportSide>> = {
  GP_PRACTICE: 'referrer',
  PROVIDER: 'provider',
  COMMISSIONER: 'commissioner',
};

/** The scope of an organisation of this type (an ODS organisation type, as `organisations.type` holds it). */
export function reportScopeOf(orgCode: string, organisationType: string): ReportScope {
  const side = SIDE_OF_TYPE[organisationType];
  if (!side) throw new Error(`No report scope for an organisation of type ${organisationType}`);
  return { orgCode, side };
}

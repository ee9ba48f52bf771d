import type { Context } from 'hono';
import type { WorklistKey, WorklistSide } from '../../domain/worklists';
import { StaffLayout } from '../auth/staff-layout';
import { WorklistNav } from './worklist.views';

/** `/worklists`: the role's worklists as tiles with their counts, each opening its list. */
export function WorklistsIndexPage({
  c,
  side,
  counts,
}: {
  c: Context;
  side: WorklistSide;
  counts: Record<WorklistKey, number>;
}) {
  return (
    <StaffLayout c={c} title="Worklists">
      <h1 class="nhsuk-heading-l">Worklists</h1>
      <p>Referrals waiting for your organisation to act, most urgent first. Choose a worklist.</p>
      <WorklistNav side={side} counts={counts} />
      <p>
        A referral on no worklist (booked with its letter attached, say) is in <a href="/find">Find a referral</a>.
      </p>
    </StaffLayout>
  );
}

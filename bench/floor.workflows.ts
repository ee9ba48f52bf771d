import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

/**
 * The floor (decision record 0022): what Temporal itself costs for the calls a referral
 * lifecycle makes, with nothing of Carepath's in it. Update-with-start, then three updates;
 * each update does nothing, or awaits one no-op activity, or one no-op local activity.
 */
export type FloorVariant = 'none' | 'activity' | 'local';
export type FloorActivities = { step(version: number): Promise<number> };

export const floorStep = defineUpdate<number, [number]>('floorStep');

const activities = proxyActivities<FloorActivities>({ startToCloseTimeout: '10s' });
const locals = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '10s' });

export async function floor(variant: FloorVariant, steps: number): Promise<number> {
  let version = 0;
  setHandler(floorStep, async (expected) => {
    if (variant === 'activity') await activities.step(expected);
    else if (variant === 'local') await locals.step(expected);
    version = expected;
    return version;
  });
  await condition(() => version >= steps);
  return version;
}

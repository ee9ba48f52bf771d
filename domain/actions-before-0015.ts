import type { Command } from './actions';

/**
 * A command that the referral workflow accepted before decision record 0015 moved Carepath to
 * e-RS's reason codes and rules, in today's shape, so that `apply` can replay it. Its reason
 * codes stay as they were (`reasonLabel` still reads them); a missed appointment recorded
 * without a reason reads as e-RS's own "not specified".
 *
 * Only the workflow's replay of histories from before the change uses this: new commands go
 * through `check` and `commandSchema`.
 */
export function commandBefore0015(accepted: unknown): Command {
  const command = accepted as Command;
  if (command.type === 'RECORD_DNA' && (accepted as { reason?: unknown }).reason === undefined) {
    return { ...command, reason: 'NOT_SPECIFIED' };
  }
  return command;
}

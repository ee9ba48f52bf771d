import { ConfigError } from '../config/env';
import { DatabaseUnavailableError } from '../db/connection';

/** Raised when a prerequisite is missing or busy (a tool, a port); the message tells the user what to do. */
export class PrerequisiteError extends Error {
  override name = 'PrerequisiteError';
}

/**
 * Runs a command's main function. Problems the user can fix (configuration,
 * prerequisites, an unreachable database) end with their one-line message, not a stack trace.
 */
export function runMain(main: () => Promise<void>) {
  main().catch((error: unknown) => {
    const known =
      error instanceof ConfigError || error instanceof PrerequisiteError || error instanceof DatabaseUnavailableError;
    if (known) console.error(`Carepath cannot start: ${error.message}`);
    else console.error(error);
    process.exit(1);
  });
}

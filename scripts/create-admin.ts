import { createInterface } from 'node:readline';
import { loadConfig } from '../config/env';
import { CarepathError } from '../domain/errors';
import { ORGANISATION_TYPES } from '../db/identity/organisations.table';
import {
  administratorExists,
  createFirstAdministrator,
  organisationName,
} from '../services/identity/first-administrator';
import { runMain } from '../system/run-main';
import { openConfiguredDatabase } from '../system/system';

/**
 * `npm run create-admin`: the first registration authority administrator of a real deployment,
 * asked for on the terminal (or piped in, a line per answer). Refuses once one exists. Run it
 * after `npm run migrate`, against the same DATABASE_URL.
 */
runMain(async () => {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  // Lines are read through one iterator, which keeps those piped in before each question is asked.
  const terminal = createInterface({ input: process.stdin, terminal: false });
  const lines = terminal[Symbol.asyncIterator]();
  const ask = async (question: string) => {
    process.stdout.write(`${question}: `);
    const answer = await lines.next();
    if (answer.done) throw new CarepathError('VALIDATION', `No answer to "${question}"`);
    return answer.value.trim();
  };
  try {
    if (await administratorExists(database.db)) {
      throw new CarepathError('INVALID_REQUEST_STATE', 'Carepath has a registration authority administrator already.');
    }
    const username = await ask('Username (3 to 40 lower-case letters, digits, dots or hyphens)');
    const display_name = await ask('Full name');
    const org_code = await ask('ODS code of their organisation');
    const known = await organisationName(database.db, org_code);
    const organisation = known
      ? {}
      : {
          org_name: await ask(`${org_code.toUpperCase()} is new to Carepath. Its name`),
          org_type: (await ask(`Its type (${ORGANISATION_TYPES.join(', ')})`)).toUpperCase(),
        };
    const created = await createFirstAdministrator(database.db, { username, display_name, org_code, ...organisation });
    console.log(
      [
        '',
        `Created ${created.username}, registration authority administrator at ${created.orgCode}.`,
        `Temporary password (shown once): ${created.password}`,
        'At first sign-in they set up an authenticator app and choose their own password;',
        'signing in lands them on the users page (/admin/users), where they create everyone else.',
      ].join('\n'),
    );
  } catch (error) {
    if (!(error instanceof CarepathError)) throw error;
    const details = Object.values(error.fields).filter((field) => field !== error.message);
    console.error(`\nNo administrator created: ${[error.message, ...details].join('. ')}`);
    process.exitCode = 1;
  } finally {
    terminal.close();
    await database.close();
  }
});

import { resolve } from 'node:path';
import { loadConfig } from '../config/env';
import { currentTotpCode } from '../services/identity/totp';
import { runMain } from '../system/run-main';
import { readDemoSecrets } from './seed-identity';

/** `npm run totp -- <demo username>`: the code a demo user's authenticator app would show now. */
runMain(async () => {
  const username = process.argv[2]?.trim().toLowerCase();
  if (!username) {
    console.error('Usage: npm run totp -- <username>   (for example: npm run totp -- gp.clinician)');
    process.exit(1);
  }
  const dataDir = resolve(loadConfig().CAREPATH_DATA_DIR);
  const secret = readDemoSecrets(dataDir)[username];
  if (!secret) {
    console.error(
      `${username} is not a demo user seeded into ${dataDir}: \`npm start\` writes the demo users' secrets ` +
        'there when it seeds the demo data. Other users read codes from their own authenticator app.',
    );
    process.exit(1);
  }
  const now = Date.now();
  const code = await currentTotpCode(secret, now);
  const seconds = 30 - (Math.floor(now / 1000) % 30);
  console.log(`${code}   (for ${username}; valid for ${seconds} more seconds)`);
});

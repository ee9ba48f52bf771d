import { runMain } from './run-main';
import { currentTotpCode } from '../services/identity/totp';
import { demoTotpSecret } from './seed-identity';

/** `npm run totp -- <demo username>`: the code a demo user's authenticator app would show now. */
runMain(async () => {
  const username = process.argv[2];
  if (!username) {
    console.error('Usage: npm run totp -- <username>   (for example: npm run totp -- gp.clinician)');
    process.exit(1);
  }
  const now = Date.now();
  const code = await currentTotpCode(demoTotpSecret(username.trim().toLowerCase()), now);
  const seconds = 30 - (Math.floor(now / 1000) % 30);
  console.log(`${code}   (for ${username}; valid for ${seconds} more seconds)`);
});

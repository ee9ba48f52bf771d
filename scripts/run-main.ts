// scripts/totp.ts still imports runMain from here; it moves to system/run-main when its owner next edits it.
export { runMain } from '../system/run-main';

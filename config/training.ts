/**
 * The environment of a training space (decision 0020), from the live one: TRAINING=1, the
 * `carepath-training` namespace, the `carepath_training` database beside the live one (or
 * embedded PGlite in `<data dir>/training`), and ports of its own so it can run beside live.
 * Values already set for training (a namespace or database naming training) are kept.
 */
export function trainingEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env, TRAINING: '1' };
  if (!/training/i.test(env.TEMPORAL_NAMESPACE ?? '')) out.TEMPORAL_NAMESPACE = 'carepath-training';
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    if (!/training/i.test(url.pathname)) url.pathname = '/carepath_training';
    out.DATABASE_URL = url.toString();
  }
  out.CAREPATH_DATA_DIR = `${env.CAREPATH_DATA_DIR ?? './data'}/training`;
  out.PORT = env.TRAINING_PORT ?? '3100';
  out.TEMPORAL_PORT = env.TRAINING_TEMPORAL_PORT ?? '7243';
  out.TEMPORAL_UI_PORT = env.TRAINING_TEMPORAL_UI_PORT ?? '8243';
  return out;
}

import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from '../config/env';
import type { Secrets } from '../config/secrets';
import { AesGcmPayloadCodec } from './codec';

export type TemporalTarget = {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { clientCertPair: { crt: Buffer; key: Buffer } } | true;
  apiKey?: string;
};

/** Where Temporal is: TEMPORAL_ADDRESS when set, otherwise the dev server `npm start` runs. */
export function temporalTarget(config: Config, devServerAddress?: string): TemporalTarget {
  const address = config.TEMPORAL_ADDRESS ?? devServerAddress;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set and no dev server was started');
  const tls =
    config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
      ? {
          clientCertPair: {
            crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH),
            key: readFileSync(config.TEMPORAL_TLS_KEY_PATH),
          },
        }
      : config.TEMPORAL_API_KEY
        ? (true as const)
        : undefined;
  return {
    address,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    tls,
    apiKey: config.TEMPORAL_API_KEY,
  };
}

/** The same converter on client and worker: otherwise one could not read the other's payloads. */
export function dataConverter(secrets: Pick<Secrets, 'payloadEncryptionKey'>): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(secrets.payloadEncryptionKey)] };
}

export async function connectClient(target: TemporalTarget, secrets: Pick<Secrets, 'payloadEncryptionKey'>) {
  const options: ConnectionOptions = { address: target.address, tls: target.tls, apiKey: target.apiKey };
  const connection = await Connection.connect(options);
  const client = new Client({ connection, namespace: target.namespace, dataConverter: dataConverter(secrets) });
  return { connection, client };
}

export function connectWorkerConnection(target: TemporalTarget): Promise<NativeConnection> {
  const options: NativeConnectionOptions = { address: target.address, tls: target.tls, apiKey: target.apiKey };
  return NativeConnection.connect(options);
}

import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
import { CarepathError } from '../domain/errors';

// gRPC status codes that mean "Temporal did not answer", not "Temporal said no".
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

// PostgreSQL's class 08 (connection exception) and 57P0x (the server shut down or restarted),
// and the socket errors `pg` passes through when it cannot reach the server at all.
const DATABASE_DOWN = /^(08\d{3}|57P0[1-3]|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/;

/** Whether `error` says Temporal or the database could not be reached (rather than refused the work). */
export function whichInfrastructureIsDown(error: unknown): 'Temporal' | 'the database' | undefined {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'Temporal';
  const grpc = error instanceof ServiceError ? error.cause : error;
  if (isGrpcServiceError(grpc) && (grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED)) {
    return 'Temporal';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DATABASE_DOWN.test(code)) return 'the database';
  if (error instanceof Error && /Connection terminated|connect ECONNREFUSED/.test(error.message)) return 'the database';
  return undefined;
}

/** The error a caller sees: an outage becomes UNAVAILABLE; anything else passes through unchanged. */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof CarepathError) return error;
  const down = whichInfrastructureIsDown(error);
  return down
    ? new CarepathError('UNAVAILABLE', `Carepath cannot reach ${down} just now. Try again in a minute.`)
    : error;
}

/** A service is an object of async methods: every call may meet an outage, so every call is awaited. */
// any[]: the only parameter list every method signature is assignable to.
type ServiceObject = Record<string, (...args: any[]) => Promise<unknown>>;

/**
 * Wraps every method of every service so that an outage surfaces as one UNAVAILABLE error,
 * whichever service met it: callers never mistake "Temporal is down" for "refused".
 */
export function reportingOutages<T extends Record<string, ServiceObject>>(services: T): T {
  const wrapped: Record<string, ServiceObject> = {};
  for (const [name, service] of Object.entries(services)) {
    wrapped[name] = Object.fromEntries(
      Object.entries(service).map(([key, member]) => [
        key,
        async (...args: unknown[]) => {
          try {
            return await member(...args);
          } catch (error) {
            throw asUnavailable(error);
          }
        },
      ]),
    );
  }
  return wrapped as T;
}

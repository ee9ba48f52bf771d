import { ServiceError, isGrpcServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { CarepathError } from '../../domain/errors';
import { createNotFinished } from '../../services/referrals/referral-workflows';
import { asUnavailable } from '../../services/infrastructure';
import { statusOf } from '../../web/errors';

/**
 * Under load Temporal can turn an Update-with-Start away for now: FAILED_PRECONDITION (the
 * update could not be admitted), ABORTED, RESOURCE_EXHAUSTED, UNAVAILABLE, DEADLINE_EXCEEDED.
 * The client SDK throws either the gRPC error itself (a MultiOperationExecutionFailure is
 * unpacked into the failing operation's code, `rethrowKnownErrorTypes`) or a ServiceError
 * wrapping it. Before this, FAILED_PRECONDITION passed through every outage check and reached
 * the user as a 500. Errors are built here in the shape @grpc/grpc-js gives them (code, details, metadata).
 */
const status = {
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNAVAILABLE: 14,
  INVALID_ARGUMENT: 3,
} as const;
const nameOf = (code: number) => Object.entries(status).find(([, c]) => c === code)![0];
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${nameOf(code)}: ${details}`), { code, details, metadata: {} });

describe("createReferral's reading of Temporal turning a create away", () => {
  const turnedAway = [
    [status.FAILED_PRECONDITION, 'MultiOperation could not be executed: Update failed'],
    [status.ABORTED, 'workflow update was aborted by closing workflow'],
    [status.RESOURCE_EXHAUSTED, 'limit on number of concurrent in-flight updates has been reached'],
    [status.UNAVAILABLE, 'Workflow was not started: StartReused'],
    [status.DEADLINE_EXCEEDED, 'context deadline exceeded'],
  ] as const;

  for (const [code, details] of turnedAway) {
    it(`${nameOf(code)}: UNAVAILABLE, a 503 "try again" page, raw or wrapped in a ServiceError`, () => {
      const raw = grpcError(code, details);
      expect(isGrpcServiceError(raw)).toBe(true);
      for (const error of [raw, new ServiceError('Update-With-Start failed', { cause: raw })]) {
        const seen = createNotFinished(error);
        expect(seen).toBeInstanceOf(CarepathError);
        expect(seen?.code).toBe('UNAVAILABLE');
        expect(seen?.message).toMatch(/try again/i);
        expect(statusOf(seen!)).toBe(503);
      }
    });
  }

  it('FAILED_PRECONDITION was a 500 before: the generic outage check does not know it', () => {
    // What every other service call still does with it: passes it through unchanged.
    const raw = grpcError(status.FAILED_PRECONDITION, 'MultiOperation could not be executed');
    expect(asUnavailable(raw)).toBe(raw);
  });

  it('leaves refusals, bad requests and other errors alone', () => {
    for (const code of [status.INVALID_ARGUMENT, status.NOT_FOUND, status.PERMISSION_DENIED, status.ALREADY_EXISTS]) {
      expect(createNotFinished(grpcError(code, 'no'))).toBeUndefined();
    }
    expect(createNotFinished(new CarepathError('VALIDATION', 'Enter a reason'))).toBeUndefined();
    expect(createNotFinished(new Error('boom'))).toBeUndefined();
  });
});

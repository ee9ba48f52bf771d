/**
 * Masking for replayed histories shown without personal data (a trainer, a training space, or
 * an engineer who chose "masked"). Allow-listed: a string is kept only under a key known to
 * hold codes, ids of things that are not people, or instants; every other string, and every
 * key not listed, is replaced. A new field in a payload is therefore masked until someone
 * decides it is safe, never shown by default.
 */
export const MASK = '•••';

const SAFE_KEYS = new Set([
  'kind',
  'type',
  'state',
  'fromState',
  'toState',
  'priority',
  'code',
  'outcome',
  'role',
  'orgCode',
  'providerOrgCode',
  'registeredPracticeCode',
  'cancelledByOrgCode',
  'serviceId',
  'slotId',
  'documentId',
  'requestType',
  'referralType',
  'specialty',
  'clinicType',
  'status',
  'arrangedBy',
  'by',
  'version',
  'expectedVersion',
  'createdAt',
  'updatedAt',
  'expiresAt',
  'attachedAt',
  'acceptedAt',
  'contactBy',
  'responseDueBy',
  'at',
  'start',
  'end',
  'sex',
  'name',
  'mediaType',
  'unreadable',
]);

// `name` is safe on a service; under these it is a person's name or a file's (which may hold one).
const PERSONAL_NAMES = new Set(['patient', 'actor', 'referrer', 'requester', 'attachments']);

/** `value` with every string outside the allow-list replaced by MASK; numbers and booleans kept. */
export function maskDeep(value: unknown, key = '', parent = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, key, parent));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, k, key)]));
  }
  if (typeof value !== 'string') return value;
  if (!SAFE_KEYS.has(key) || (key === 'name' && PERSONAL_NAMES.has(parent))) return MASK;
  return value;
}

import { z } from 'zod';

/**
 * e-RS business functions (Registration Authority role codes), plus Carepath's own CP codes.
 * CP0001 is Carepath's own policy, not an e-RS code: e-RS leaves user administration
 * to the national RA/Care Identity Service, which a standalone Carepath does not have,
 * so someone must hold the right to manage users and their roles. CP0002 is the operations
 * engineer who runs Carepath's Temporal and reads decoded workflow payloads: e-RS's own
 * operators sit outside its role model, a self-hosted Carepath's do not.
 */
export const ROLE_CODES = [
  'B1101',
  'B1102',
  'B1103',
  'B1110',
  'B1115',
  'B1120',
  'B1107',
  'B1106',
  'B1130',
  'CP0001',
  'CP0002',
  'CP0003',
] as const;

export const roleSchema = z.enum(ROLE_CODES, { error: 'Choose a valid role' });
export type RoleCode = z.infer<typeof roleSchema>;

export type RoleSide = 'referrer' | 'provider' | 'definer' | 'commissioner' | 'analyst' | 'admin' | 'ops' | 'trainer';

export interface RoleInfo {
  readonly name: string;
  readonly side: RoleSide;
  /** May see clinical data (reason, clinical information, letters, advice). */
  readonly clinical: boolean;
}

export const ROLES: Readonly<Record<RoleCode, RoleInfo>> = {
  B1101: { name: 'Referring Clinician', side: 'referrer', clinical: true },
  B1102: { name: 'Referring Clinician Admin', side: 'referrer', clinical: true },
  B1103: { name: 'Referring Admin', side: 'referrer', clinical: false },
  B1110: { name: 'Service Provider Clinician', side: 'provider', clinical: true },
  B1115: { name: 'Service Provider Clinician Admin', side: 'provider', clinical: true },
  B1120: { name: 'Service Provider Admin', side: 'provider', clinical: false },
  B1107: { name: 'Service Definer', side: 'definer', clinical: false },
  B1106: { name: 'Commissioner', side: 'commissioner', clinical: false },
  B1130: { name: 'Information Analyst', side: 'analyst', clinical: false },
  CP0001: { name: 'Registration Authority administrator', side: 'admin', clinical: false },
  CP0002: { name: 'Operations engineer', side: 'ops', clinical: false },
  // Carepath's own: plays training scenarios. Exists only in a training space (decision 0020):
  // a live Carepath refuses a session in this role on every page but sign-in's.
  CP0003: { name: 'Trainer', side: 'trainer', clinical: false },
};

/** The role that exists only in a training space. */
export const TRAINER_ROLE: RoleCode = 'CP0003';

export function isReferrerRole(role: RoleCode): boolean {
  return ROLES[role].side === 'referrer';
}

export function isProviderRole(role: RoleCode): boolean {
  return ROLES[role].side === 'provider';
}

export function isClinicalRole(role: RoleCode): boolean {
  return ROLES[role].clinical;
}

import type { RoleCode } from '../../domain/roles';

export type DemoUser = { username: string; displayName: string; roles: [orgCode: string, role: RoleCode][] };

/** One user per role, plus two that show the organisation and role pickers (radios, then a drop-down). */
export const demoUsers: DemoUser[] = [
  {
    username: 'gp.clinician',
    displayName: 'Dr Asha Patel',
    roles: [
      ['F84001', 'B1101'],
      ['F84001', 'B1102'],
      ['F84002', 'B1101'],
    ],
  },
  { username: 'gp.admin', displayName: 'Sam Clarke', roles: [['F84001', 'B1103']] },
  { username: 'gp.clinician.admin', displayName: 'Jo Evans', roles: [['G85001', 'B1102']] },
  { username: 'provider.clinician', displayName: 'Dr Tom Okafor', roles: [['RJ1', 'B1110']] },
  { username: 'provider.clinician.admin', displayName: 'Priya Shah', roles: [['RJ1', 'B1115']] },
  { username: 'provider.admin', displayName: 'Chris Walker', roles: [['RJ1', 'B1120']] },
  { username: 'service.definer', displayName: 'Helen Murray', roles: [['RJ1', 'B1107']] },
  { username: 'commissioner', displayName: 'Ben Hughes', roles: [['QKK', 'B1106']] },
  { username: 'analyst', displayName: 'Grace Lee', roles: [['QMF', 'B1130']] },
  { username: 'ra.admin', displayName: 'Morgan Reid', roles: [['QMF', 'CP0001']] },
  { username: 'ops.engineer', displayName: 'Kai Morgan', roles: [['QMF', 'CP0002']] },
  {
    username: 'locum.clinician',
    displayName: 'Dr Ali Hassan',
    roles: ['F84001', 'F84002', 'G85001', 'G85002', 'P84001', 'P84002', 'A87001'].map(
      (org) => [org, 'B1101'] as [string, RoleCode],
    ),
  },
];

import type { Context } from 'hono';
import { ADVICE_PERMISSIONS } from '../../domain/advice/permissions';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { FIND_PERMISSIONS } from '../../domain/find/permissions';
import { USER_ADMINISTRATION } from '../../domain/identity/permissions';
import { OPS_PERMISSIONS } from '../../domain/ops/permissions';
import { isPermitted } from '../../domain/permissions';
import { REFERRAL_PERMISSIONS } from '../../domain/referral-permissions';
import { REPLAY_PERMISSIONS } from '../../domain/replay/permissions';
import { REPORT_ACTIONS, REPORT_PERMISSIONS } from '../../domain/reports/permissions';
import { ROLES, type RoleCode, type RoleSide } from '../../domain/roles';
import { type WorklistSide, worklistSideOf } from '../../domain/worklists';
import { HOME_PATHS } from '../auth/homes';

/** The side a referrer or provider page is drawn for: the actor's (the routes let no one else in). */
export function staffSide(c: Context): WorklistSide {
  return worklistSideOf(c.get('actor').role) ?? 'referrer';
}

export type NavigationLink = { href: string; text: string; current?: boolean };

// The home link reads as what the home page is for the roles whose home is one task.
const HOME_TEXT: Partial<Record<RoleSide, string>> = { admin: 'Users', ops: 'Operations', trainer: 'Training' };

/**
 * Every main action a role may reach from the header, in the order drawn, each shown when the
 * feature's rules table allows the role (so the menu never offers a page that would refuse).
 * `also`: other paths under which the link is the current one (the create journey's drafts).
 */
const LINKS: { href: string; text: string; shown: (role: RoleCode) => boolean; also?: string[] }[] = [
  {
    href: '/referrals/new',
    text: 'Create referral',
    shown: (role) => isPermitted(REFERRAL_PERMISSIONS, 'create', role),
    also: ['/referrals/drafts'],
  },
  { href: '/worklists', text: 'Worklists', shown: (role) => worklistSideOf(role) !== undefined },
  {
    href: '/advice/worklists',
    text: 'Advice and guidance',
    shown: (role) =>
      isPermitted(ADVICE_PERMISSIONS, 'referrerWorklists', role) ||
      isPermitted(ADVICE_PERMISSIONS, 'providerWorklists', role),
    also: ['/advice'],
  },
  { href: '/find', text: 'Find a referral', shown: (role) => isPermitted(FIND_PERMISSIONS, 'findReferral', role) },
  { href: '/notifications', text: 'Notifications', shown: (role) => worklistSideOf(role) !== undefined },
  {
    href: '/directory/services',
    text: 'Services',
    shown: (role) => isPermitted(DIRECTORY_PERMISSIONS, 'manageServices', role),
  },
  {
    href: '/advice/response-targets',
    text: 'Advice targets',
    shown: (role) => isPermitted(ADVICE_PERMISSIONS, 'setResponseTarget', role),
  },
  {
    href: '/directory/commissioning',
    text: 'Commissioning',
    shown: (role) => isPermitted(DIRECTORY_PERMISSIONS, 'commission', role),
  },
  {
    href: '/directory/capacity',
    text: 'Capacity',
    shown: (role) => isPermitted(DIRECTORY_PERMISSIONS, 'viewCapacity', role),
  },
  {
    href: '/reports',
    text: 'Reports',
    shown: (role) => REPORT_ACTIONS.some((action) => isPermitted(REPORT_PERMISSIONS, action, role)),
  },
  { href: '/admin/users', text: 'Users', shown: (role) => isPermitted(USER_ADMINISTRATION, 'viewUsers', role) },
  { href: '/ops', text: 'Operations', shown: (role) => isPermitted(OPS_PERMISSIONS, 'viewOps', role) },
  {
    href: '/replay',
    text: 'Replay a case',
    shown: (role) => isPermitted(REPLAY_PERMISSIONS, 'replayHistory', role),
  },
];

const under = (path: string, href: string) => path === href || path.startsWith(`${href}/`);

/**
 * The header menu of every signed-in page: the role's home, then its main actions. `path` is
 * the page's own path; the link it falls under is marked as the current one.
 */
export function staffNavigation(role: RoleCode, path: string): NavigationLink[] {
  const side = ROLES[role].side;
  const home = { href: HOME_PATHS[side], text: HOME_TEXT[side] ?? 'Home' };
  const links = LINKS.filter((link) => link.shown(role) && link.href !== home.href);
  const current = links.find((link) => [link.href, ...(link.also ?? [])].some((href) => under(path, href)));
  return [
    { ...home, current: path === home.href },
    ...links.map(({ href, text }) => ({ href, text, current: href === current?.href })),
  ];
}

import type { Context } from 'hono';
import { type WorklistSide, worklistSideOf } from '../../domain/worklists';

/** The side a referrer or provider page is drawn for: the actor's (the routes let no one else in). */
export function staffSide(c: Context): WorklistSide {
  return worklistSideOf(c.get('actor').role) ?? 'referrer';
}

/** The header links of the referrer and provider pages; `current` marks the one the page is. */
export function staffNavigation(side: WorklistSide, current?: string) {
  const links =
    side === 'referrer'
      ? [
          { href: '/referrer', text: 'Home' },
          { href: '/referrals/new', text: 'Create referral' },
          { href: '/worklists/awaiting-booking', text: 'Worklists' },
          { href: '/notifications', text: 'Notifications' },
        ]
      : [
          { href: '/provider', text: 'Home' },
          { href: '/worklists/review', text: 'Worklists' },
          { href: '/notifications', text: 'Notifications' },
        ];
  return links.map((l) => ({ ...l, current: current !== undefined && l.href.endsWith(current) }));
}

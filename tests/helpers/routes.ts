import type { Hono } from 'hono';
import { rolesAllowedBy } from '../../web/auth/middleware';
import { ROUTE_ACCESS, type Access } from '../../web/auth/route-table';

export type DeclaredRoute = { method: string; path: string; access: Access | undefined };

/**
 * Every route the app serves (each method and path once, `ALL` middleware left out) with who
 * may use it: its line in the route table, else the roles `requireRole` on the route names.
 * `access` is undefined for a route that declares nothing, which the route-access test forbids.
 */
export function declaredRoutes(app: Hono, skip: (path: string) => boolean = () => false): DeclaredRoute[] {
  const seen = new Map<string, DeclaredRoute>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || skip(route.path)) continue;
    const key = `${route.method} ${route.path}`;
    const entry = seen.get(key) ?? { method: route.method, path: route.path, access: undefined };
    entry.access ??= (ROUTE_ACCESS as Record<string, Access>)[key] ?? rolesAllowedBy(route.handler);
    seen.set(key, entry);
  }
  return [...seen.values()];
}

/**
 * A path a request can be sent to for a route pattern: each parameter filled with a value of
 * the shape its pattern demands (`:ubrn{[0-9]{12}}` a 12-digit UBRN, a numeric id 0, else a
 * word), so the request reaches the route's own checks rather than a 404 for its shape.
 */
export function examplePath(pattern: string): string {
  return pattern.replace(/:([A-Za-z]+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, (_match, name: string, shape?: string) => {
    if (shape?.includes('{12}') || name === 'ubrn') return '000000000000';
    if (shape?.includes('[0-9]')) return '0';
    return 'no-such-id';
  });
}

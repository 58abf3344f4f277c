import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { findSession, type RoleGrant } from '../db/queries/accounts.js';
import { DomainError } from '../errors.js';

/** A scoped grant's role, or the deployment's administrator (users.administrator, no scope). */
export type Role = RoleGrant['role'] | 'admin';

/**
 * Who may call a route: anyone, anyone signed in, or the listed roles. Every route under /api
 * declares one (`config: { access }`); registration fails otherwise, so none is open by mistake.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** The signed-in caller and the scopes the data layer filters by. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  locale: string;
  sessionId: string;
  csrfToken: string;
  roles: RoleGrant[];
  /** Administrator of the deployment (opens regions and their coordinators; keeps national holiday data). */
  administrator: boolean;
  /** Regions this user coordinates. */
  coordinatorRegionIds: number[];
  /** Venues this user hosts. */
  hostVenueIds: number[];
  /** Vehicles this user drives. */
  driverVehicleIds: number[];
  /** Every region any grant lies in (what /regions shows). */
  regionIds: number[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'rove_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every route the app registered with its declared access: the table the authorization test walks. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access (decorated on the root instance by collectRouteAccess). */
    routeAccess: RouteAccess[];
    /** Sets (or clears, with null) the session cookie on a reply. */
    setSessionCookie(reply: FastifyReply, token: string | null, expiresAt?: Date): void;
  }
}

function sameToken(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a user's grants reach: the regions they coordinate, the venues they host, the vehicles they drive. */
export function grantScope(roles: RoleGrant[]): Pick<Actor, 'coordinatorRegionIds' | 'hostVenueIds' | 'driverVehicleIds'> {
  const ids = (role: Role, pick: (g: RoleGrant) => number | null) =>
    roles.filter((g) => g.role === role).map(pick).filter((x): x is number => x !== null);
  return {
    coordinatorRegionIds: ids('coordinator', (g) => g.regionId),
    hostVenueIds: ids('host', (g) => g.venueId),
    driverVehicleIds: ids('driver', (g) => g.vehicleId),
  };
}

function actorFrom(s: NonNullable<Awaited<ReturnType<typeof findSession>>>): Actor {
  const { roles } = s;
  return {
    userId: s.userId,
    username: s.username,
    displayName: s.displayName,
    locale: s.locale,
    sessionId: s.sessionId,
    csrfToken: s.csrfToken,
    roles,
    administrator: s.administrator,
    ...grantScope(roles),
    regionIds: [...new Set(roles.map((g) => g.inRegionId))],
  };
}

/**
 * Records every route of the app with its declared access on the root instance (`routeAccess`):
 * the table the authorization test walks. Call on the root before registering the app.
 */
export function collectRouteAccess(root: FastifyInstance) {
  const list: RouteAccess[] = [];
  root.decorate('routeAccess', list);
  root.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (method !== 'HEAD') list.push({ method, url: route.url, access: route.config?.access });
    }
  });
}

/** The actor of a route that declared roles: present by construction, so handlers need no null check. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('UNAUTHENTICATED');
  return req.actor;
}

/**
 * Sessions in an httpOnly SameSite cookie, CSRF on every state-changing call, and role gates.
 * Runs on `onRequest`, before the body is parsed or validated, so an anonymous or wrong-role
 * caller learns nothing from validation errors.
 */
export default fp(
  async function auth(app: FastifyInstance, opts: { sessionHours: number; cookieSecure: 'auto' | boolean }) {
    await app.register(cookie);
    app.decorateRequest('actor', null);
    app.decorate('setSessionCookie', (reply: FastifyReply, token: string | null, expiresAt?: Date) => {
      const base = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.cookieSecure };
      if (token === null) reply.clearCookie(SESSION_COOKIE, base);
      else reply.setCookie(SESSION_COOKIE, token, { ...base, ...(expiresAt ? { expires: expiresAt } : {}) });
    });

    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.url.startsWith('/api/') && access === undefined) {
        throw new Error(`Route ${methods.join(',')} ${route.url} declares no access (config.access)`);
      }
      // The OpenAPI document says who may call each route, from the same declaration the gate uses.
      if (access !== undefined && route.schema) {
        const who =
          access === 'public' ? 'anyone (no sign-in)'
          : access === 'signed-in' ? 'any signed-in user'
          : access.join(', ');
        const csrf = access !== 'public' && !methods.every((m) => SAFE_METHODS.has(m));
        route.schema = {
          ...route.schema,
          description: [route.schema.description, `Who may call: ${who}.${csrf ? ' Send the x-csrf-token header.' : ''}`].filter(Boolean).join('\n\n'),
          ...(access === 'public' ? {} : { security: [csrf ? { session: [], csrf: [] } : { session: [] }] }),
        };
      }
    });

    app.addHook('onRequest', async (req) => {
      // Public routes, static files and the docs never touch the session table.
      const access = req.routeOptions.config?.access;
      if (access === undefined || access === 'public') return;
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const session = await findSession(app.db, token, app.clock.now());
        if (session) req.actor = actorFrom(session);
      }
      const actor = req.actor;
      if (!actor) throw new DomainError('UNAUTHENTICATED');
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameToken(sent, actor.csrfToken)) throw new DomainError('CSRF_TOKEN_INVALID');
      }
      if (access !== 'signed-in' && !actor.roles.some((g) => access.includes(g.role)) && !(actor.administrator && access.includes('admin'))) {
        throw new DomainError('FORBIDDEN');
      }
    });
  },
  { name: 'auth', dependencies: ['database'] },
);

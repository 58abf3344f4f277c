import { hash, verify } from '@node-rs/argon2';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBody, Me } from '../contract/auth.js';
import { errorResponses } from '../contract/common.js';
import { createSession, deleteSession, findUserByUsername, listRoleGrants } from '../db/queries/accounts.js';
import { DomainError } from '../errors.js';
import { actorOf, type Actor } from '../plugins/auth.js';

// Unknown usernames are checked against this hash too, so timing does not tell which names exist.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hash('rove-decoy-password'));

/**
 * Failed sign-ins per username across all addresses, so that rotating addresses (or a spoofed
 * X-Forwarded-For behind a trusting proxy) does not lift the per-address limit. In memory, per process.
 */
class FailedLogins {
  private readonly byUser = new Map<string, { count: number; until: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}
  blockedFor(username: string, now: number): number {
    const e = this.byUser.get(username);
    if (!e || e.until <= now) return 0;
    return e.count >= this.max ? Math.ceil((e.until - now) / 1000) : 0;
  }
  fail(username: string, now: number) {
    if (this.byUser.size > 50_000) for (const [k, v] of this.byUser) if (v.until <= now) this.byUser.delete(k);
    const e = this.byUser.get(username);
    if (!e || e.until <= now) this.byUser.set(username, { count: 1, until: now + this.windowMs });
    else e.count += 1;
  }
  succeed(username: string) {
    this.byUser.delete(username);
  }
}

function meBody(a: Pick<Actor, 'userId' | 'username' | 'displayName' | 'locale' | 'roles' | 'csrfToken'>, now: Date): Me {
  return {
    user: {
      id: a.userId,
      username: a.username,
      displayName: a.displayName,
      locale: a.locale,
      roles: a.roles.map(({ role, regionId, venueId, vehicleId }) => ({ role, regionId, venueId, vehicleId })),
    },
    csrfToken: a.csrfToken,
    now: now.toISOString(),
  };
}

/** Sign in, who am I, sign out. */
const authRoutes: FastifyPluginAsyncZod<{ sessionHours: number; loginAttemptsPerMinute: number }> = async (app, opts) => {
  const tags = ['auth'];
  const failed = new FailedLogins(opts.loginAttemptsPerMinute * 3, 15 * 60_000);
  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: opts.loginAttemptsPerMinute,
          timeWindow: 60_000,
          hook: 'preValidation',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags,
        summary: 'Sign in; sets the httpOnly session cookie rove_session and returns the CSRF token',
        body: LoginBody,
        response: { 200: Me, 429: errorResponses[400], ...errorResponses },
      },
    },
    async (req, reply) => {
      const name = req.body.username.toLowerCase();
      const wait = failed.blockedFor(name, app.clock.now().getTime());
      if (wait > 0) throw new DomainError('RATE_LIMITED', { seconds: wait });
      const user = await findUserByUsername(app.db, req.body.username);
      const ok = user?.passwordHash
        ? await verify(user.passwordHash, req.body.password).catch(() => false)
        : (await verify(await decoy(), req.body.password), false);
      if (!user || !ok) {
        failed.fail(name, app.clock.now().getTime());
        throw new DomainError('INVALID_CREDENTIALS');
      }
      failed.succeed(name);
      const session = await createSession(app.db, user.id, opts.sessionHours, app.clock.now());
      app.setSessionCookie(reply, session.token, session.expiresAt);
      const roles = await listRoleGrants(app.db, user.id);
      return meBody({ userId: user.id, username: user.username, displayName: user.displayName, locale: user.locale, roles, csrfToken: session.csrfToken }, app.clock.now());
    },
  );
  app.get(
    '/auth/me',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'The signed-in user, roles and CSRF token', response: { 200: Me, ...errorResponses } } },
    async (req) => meBody(actorOf(req), app.clock.now()),
  );
  app.post(
    '/auth/logout',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Sign out: ends the session', response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await deleteSession(app.db, actorOf(req).sessionId);
      app.setSessionCookie(reply, null);
      return reply.code(204).send(null);
    },
  );
};
export default authRoutes;

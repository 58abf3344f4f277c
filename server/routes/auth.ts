import { hash, verify } from '@node-rs/argon2';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBody, Me } from '../contract/auth.js';
import { errorResponses } from '../contract/common.js';
import { createSession, deleteSession, findUserByUsername, listRoleGrants } from '../db/queries/accounts.js';
import { audit } from '../db/queries/notifications.js';
import { DomainError } from '../errors.js';
import { actorOf, type Actor } from '../plugins/auth.js';
import { LoginThrottle } from '../services/login-throttle.js';

// Unknown usernames are checked against this hash too, so timing does not tell which names exist.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hash('rove-decoy-password'));

function meBody(a: Pick<Actor, 'userId' | 'username' | 'displayName' | 'locale' | 'roles' | 'csrfToken' | 'administrator'>, now: Date): Me {
  return {
    user: {
      id: a.userId,
      username: a.username,
      displayName: a.displayName,
      locale: a.locale,
      administrator: a.administrator,
      roles: a.roles.map(({ role, regionId, venueId, vehicleId }) => ({ role, regionId, venueId, vehicleId })),
    },
    csrfToken: a.csrfToken,
    now: now.toISOString(),
  };
}

export interface AuthRouteOptions {
  sessionHours: number;
  /** L: attempts a minute per address (any outcome: 3 L), free failures per address and username (L / 2), failures per address across usernames (3 L) and per username across addresses (L) within 15 minutes. */
  loginAttemptsPerMinute: number;
  /** The longest pause between two attempts on a username under attack, in ms. */
  loginPauseMs: number;
}

/** Sign in, who am I, sign out. */
const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, opts) => {
  const tags = ['auth'];
  const perMinute = opts.loginAttemptsPerMinute;
  const throttle = new LoginThrottle({
    freeFailures: Math.max(1, Math.ceil(perMinute / 2)),
    addressFailures: perMinute * 3,
    userFailures: perMinute,
    windowMs: 15 * 60_000,
    maxPauseMs: opts.loginPauseMs,
  });
  const now = () => app.clock.now().getTime();
  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        // Every attempt, whatever its outcome, per address: checking a password costs CPU.
        rateLimit: { max: perMinute * 3, timeWindow: 60_000, hook: 'preValidation', keyGenerator: (req) => req.ip },
      },
      schema: {
        tags,
        summary: 'Sign in; sets the httpOnly session cookie rove_session and returns the CSRF token',
        description:
          'Wrong passwords slow down the address and username that sent them (growing waits), then the address across usernames; ' +
          'a username guessed from many addresses is answered one attempt at a time. 429 RATE_LIMITED says how many seconds to wait.',
        body: LoginBody,
        response: { 200: Me, 429: errorResponses[400], ...errorResponses },
      },
    },
    async (req, reply) => {
      const name = req.body.username.toLowerCase();
      const wait = throttle.retryAfter(req.ip, name, now());
      if (wait > 0) throw new DomainError('RATE_LIMITED', { seconds: wait });
      const release = await throttle.turn(name, now());
      if (!release) throw new DomainError('RATE_LIMITED', { seconds: Math.ceil(opts.loginPauseMs / 1000) });
      let user: Awaited<ReturnType<typeof findUserByUsername>>;
      let ok: boolean;
      try {
        user = await findUserByUsername(app.db, name);
        ok = user?.passwordHash
          ? await verify(user.passwordHash, req.body.password).catch(() => false)
          : (await verify(await decoy(), req.body.password), false);
      } finally {
        release();
      }
      if (!user || !ok) {
        for (const lockout of throttle.fail(req.ip, name, now())) {
          req.log.warn({ lockout }, 'sign-in held back');
          await audit(app.db, { actorUserId: null, action: 'auth.lockout', entity: 'login', entityId: name, after: lockout, requestId: req.id });
        }
        throw new DomainError('INVALID_CREDENTIALS');
      }
      throttle.succeed(req.ip, name);
      const session = await createSession(app.db, user.id, opts.sessionHours, app.clock.now());
      await audit(app.db, { actorUserId: user.id, action: 'auth.sign_in', entity: 'user', entityId: user.id, after: { address: req.ip }, requestId: req.id });
      app.setSessionCookie(reply, session.token, session.expiresAt);
      const roles = await listRoleGrants(app.db, user.id);
      return meBody({ userId: user.id, username: user.username, displayName: user.displayName, locale: user.locale, administrator: user.administrator, roles, csrfToken: session.csrfToken }, app.clock.now());
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
      const actor = actorOf(req);
      await deleteSession(app.db, actor.sessionId);
      await audit(app.db, { actorUserId: actor.userId, action: 'auth.sign_out', entity: 'user', entityId: actor.userId, after: { address: req.ip }, requestId: req.id });
      app.setSessionCookie(reply, null);
      return reply.code(204).send(null);
    },
  );
};
export default authRoutes;

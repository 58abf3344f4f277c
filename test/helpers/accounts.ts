import { createSession } from '../../server/db/queries/accounts.js';
import { testClock } from './clock.js';
import type { Db } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';

export type Grant =
  | { role: 'coordinator'; regionId: number }
  | { role: 'host'; venueId: number }
  | { role: 'driver'; vehicleId: number };

/** Headers of a signed-in browser: the session cookie and the CSRF token state-changing calls send. */
export interface SessionHeaders {
  cookie: string;
  'x-csrf-token': string;
  [k: string]: string;
}

let counter = 0;

/**
 * A user with the given grants and an open session, made directly in the database (no argon2, no
 * login rate limit), for tests that need many callers. Login itself is tested in auth.test.ts.
 */
export async function userWithSession(db: Db, grants: Grant[], name = `user-${process.pid}-${++counter}`) {
  const [user] = await db.insert(t.users).values({ username: name, displayName: name }).returning();
  for (const g of grants) {
    await db.insert(t.userRoles).values({
      userId: user!.id,
      role: g.role,
      regionId: g.role === 'coordinator' ? g.regionId : null,
      venueId: g.role === 'host' ? g.venueId : null,
      vehicleId: g.role === 'driver' ? g.vehicleId : null,
    });
  }
  const s = await createSession(db, user!.id, 1, testClock().now());
  const headers: SessionHeaders = { cookie: `rove_session=${s.token}`, 'x-csrf-token': s.csrfToken };
  return { userId: user!.id, headers };
}

/** Another session of an existing user. */
export async function sessionOf(db: Db, userId: number): Promise<SessionHeaders> {
  const s = await createSession(db, userId, 1, testClock().now());
  return { cookie: `rove_session=${s.token}`, 'x-csrf-token': s.csrfToken };
}

/** An administrator of the deployment (users.administrator, no scoped grant) with an open session. */
export async function adminWithSession(db: Db, name = `admin-${process.pid}-${++counter}`) {
  const [user] = await db.insert(t.users).values({ username: name, displayName: name, administrator: true }).returning();
  const s = await createSession(db, user!.id, 1, testClock().now());
  const headers: SessionHeaders = { cookie: `rove_session=${s.token}`, 'x-csrf-token': s.csrfToken };
  return { userId: user!.id, headers };
}

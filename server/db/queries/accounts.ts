import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { sessions, userRoles, users, vehicles, venues } from '../schema/index.js';

/** An unguessable token for a cookie or a feed URL: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a token: its SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function findUserByUsername(db: DbOrTx, username: string) {
  const [row] = await db.select().from(users).where(and(eq(users.username, username), isNull(users.disabledAt)));
  return row;
}

/** A role grant with the region it lies in (a host's venue's region, a driver's vehicle's region). */
export interface RoleGrant {
  role: 'coordinator' | 'host' | 'driver';
  regionId: number | null;
  venueId: number | null;
  vehicleId: number | null;
  /** The region the grant belongs to, whatever its kind. */
  inRegionId: number;
}

export async function listRoleGrants(db: DbOrTx, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .select({
      role: userRoles.role,
      regionId: userRoles.regionId,
      venueId: userRoles.venueId,
      vehicleId: userRoles.vehicleId,
      venueRegionId: venues.regionId,
      vehicleRegionId: vehicles.regionId,
    })
    .from(userRoles)
    .leftJoin(venues, eq(venues.id, userRoles.venueId))
    .leftJoin(vehicles, eq(vehicles.id, userRoles.vehicleId))
    .where(eq(userRoles.userId, userId))
    .orderBy(userRoles.id);
  return rows.map((r) => ({
    role: r.role,
    regionId: r.regionId,
    venueId: r.venueId,
    vehicleId: r.vehicleId,
    inRegionId: (r.regionId ?? r.venueRegionId ?? r.vehicleRegionId)!,
  }));
}

/** Opens a session for a user; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(db: DbOrTx, userId: number, hours: number) {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db.insert(sessions).values({ id: tokenHash(token), userId, csrfToken, expiresAt });
  // Expired sessions of this user go when a new one opens, so the table does not grow without bound.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, new Date())));
  return { token, csrfToken, expiresAt };
}

/** The live session behind a cookie token and its (enabled) user, or undefined. */
export async function findSession(db: DbOrTx, token: string) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      locale: users.locale,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, tokenHash(token)), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)));
  return row;
}

export async function deleteSession(db: DbOrTx, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

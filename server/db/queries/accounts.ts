import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { WHOLE, limitOf, type Window } from './paging.js';
import type { DbOrTx } from '../client.js';
import { calendarFeeds, sessions, userRoles, users, vehicles, venues } from '../schema/index.js';

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

/** The columns of a grant and of the region it lies in (a host's venue's, a driver's vehicle's). */
const grantColumns = {
  role: userRoles.role,
  regionId: userRoles.regionId,
  venueId: userRoles.venueId,
  vehicleId: userRoles.vehicleId,
  venueRegionId: venues.regionId,
  vehicleRegionId: vehicles.regionId,
};
type GrantRow = { [K in keyof typeof grantColumns]: (typeof grantColumns)[K]['_']['data'] | null };

function grantOf(r: GrantRow): RoleGrant {
  return { role: r.role!, regionId: r.regionId, venueId: r.venueId, vehicleId: r.vehicleId, inRegionId: (r.regionId ?? r.venueRegionId ?? r.vehicleRegionId)! };
}

export async function listRoleGrants(db: DbOrTx, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .select(grantColumns)
    .from(userRoles)
    .leftJoin(venues, eq(venues.id, userRoles.venueId))
    .leftJoin(vehicles, eq(vehicles.id, userRoles.vehicleId))
    .where(eq(userRoles.userId, userId))
    .orderBy(userRoles.id);
  return rows.map(grantOf);
}

/** Opens a session for a user; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(db: DbOrTx, userId: number, hours: number, now: Date) {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.insert(sessions).values({ id: tokenHash(token), userId, csrfToken, expiresAt });
  // Expired sessions of this user go when a new one opens, so the table does not grow without bound.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
  return { token, csrfToken, expiresAt };
}

/** The live session behind a cookie token and its (enabled) user, or undefined. */
/**
 * A live session of an enabled user, with the user's grants: one query (a row per grant), because
 * every signed-in request asks it before anything else.
 */
export async function findSession(db: DbOrTx, token: string, now: Date) {
  const rows = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      locale: users.locale,
      administrator: users.administrator,
      grant: grantColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .leftJoin(venues, eq(venues.id, userRoles.venueId))
    .leftJoin(vehicles, eq(vehicles.id, userRoles.vehicleId))
    .where(and(eq(sessions.id, tokenHash(token)), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .orderBy(userRoles.id);
  const [first] = rows;
  if (!first) return undefined;
  const { grant: _, ...session } = first;
  return { ...session, roles: rows.flatMap((r) => (r.grant?.role ? [grantOf(r.grant)] : [])) };
}

export async function deleteSession(db: DbOrTx, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  locale?: string | undefined;
  grant: { role: 'coordinator'; regionId: number } | { role: 'host'; venueId: number } | { role: 'driver'; vehicleId: number };
}

/** Creates a user with one role grant (one transaction, the caller's). */
export async function insertUser(db: DbOrTx, u: NewUser) {
  const [user] = await db
    .insert(users)
    .values({ username: u.username, displayName: u.displayName, passwordHash: u.passwordHash, ...(u.locale ? { locale: u.locale } : {}) })
    .returning();
  const g = u.grant;
  await db.insert(userRoles).values({
    userId: user!.id,
    role: g.role,
    regionId: g.role === 'coordinator' ? g.regionId : null,
    venueId: g.role === 'host' ? g.venueId : null,
    vehicleId: g.role === 'driver' ? g.vehicleId : null,
  });
  return user!;
}

/** The role grants that lie in the given regions (a coordinator's, a region's venues', its vehicles'). */
function grantsInRegions(db: DbOrTx, regionIds: number[]) {
  return db
    .select({ id: userRoles.id, userId: userRoles.userId, role: userRoles.role, regionId: userRoles.regionId, venueId: userRoles.venueId, vehicleId: userRoles.vehicleId })
    .from(userRoles)
    .leftJoin(venues, eq(venues.id, userRoles.venueId))
    .leftJoin(vehicles, eq(vehicles.id, userRoles.vehicleId))
    .where(inArray(sql`coalesce(${userRoles.regionId}, ${venues.regionId}, ${vehicles.regionId})`, regionIds));
}

/** Users with any grant in the given regions (a coordinator's people), with those grants. */
export async function listUsersInRegions(db: DbOrTx, regionIds: number[], page: Window = WHOLE) {
  const inScope = await grantsInRegions(db, regionIds);
  const userIds = [...new Set(inScope.map((g) => g.userId))];
  if (!userIds.length) return [];
  const rows = await db.select().from(users).where(inArray(users.id, userIds)).orderBy(users.id).limit(limitOf(page)).offset(page.offset);
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    locale: u.locale,
    disabled: u.disabledAt !== null,
    roles: inScope.filter((g) => g.userId === u.id).map(({ id, role, regionId, venueId, vehicleId }) => ({ id, role, regionId, venueId, vehicleId })),
  }));
}

/**
 * Sets the password of a user who has a role in one of the given regions, in one statement scoped
 * by those regions; false if there is no such user. Their sessions end.
 */
export async function resetPasswordInRegions(db: DbOrTx, regionIds: number[], userId: number, passwordHash: string): Promise<boolean> {
  const inScope = grantsInRegions(db, regionIds).as('in_scope');
  const [row] = await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.id, userId), inArray(users.id, db.select({ id: inScope.userId }).from(inScope))))
    .returning({ id: users.id });
  if (!row) return false;
  await db.delete(sessions).where(eq(sessions.userId, userId));
  return true;
}

/** Sets a password and ends the user's sessions (all, or all but the one given). */
/** A user's stored password hash (null for an account without a password). */
export async function passwordHashOf(db: DbOrTx, userId: number): Promise<string | null> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

export async function setPassword(db: DbOrTx, userId: number, passwordHash: string, keepSessionId?: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));
}

/** A user's role grants with their ids (to withdraw one) and whether the account is disabled. */
export async function accountOf(db: DbOrTx, userId: number) {
  const [user] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  if (!user) return undefined;
  const grants = await db
    .select({ id: userRoles.id, role: userRoles.role, inRegionId: sql<number>`coalesce(${userRoles.regionId}, ${venues.regionId}, ${vehicles.regionId})` })
    .from(userRoles)
    .leftJoin(venues, eq(venues.id, userRoles.venueId))
    .leftJoin(vehicles, eq(vehicles.id, userRoles.vehicleId))
    .where(eq(userRoles.userId, userId));
  return { ...user, grants };
}

/**
 * Ends every way a user gets in: their sessions, and the calendar feeds they made (each URL stops
 * answering). `disable` also refuses their sign-in until the account is enabled again.
 */
export async function shutOut(db: DbOrTx, userId: number, now: Date, disable: boolean) {
  if (disable) await db.update(users).set({ disabledAt: now }).where(and(eq(users.id, userId), isNull(users.disabledAt)));
  await db.delete(sessions).where(eq(sessions.userId, userId));
  await revokeFeedsOf(db, userId, now);
}

/** Revokes every live calendar feed a user made. */
export async function revokeFeedsOf(db: DbOrTx, userId: number, now: Date) {
  await db.update(calendarFeeds).set({ revokedAt: now }).where(and(eq(calendarFeeds.createdBy, userId), isNull(calendarFeeds.revokedAt)));
}

export async function enableUser(db: DbOrTx, userId: number) {
  await db.update(users).set({ disabledAt: null }).where(eq(users.id, userId));
}

/** Removes role grants of a user; returns how many grants the user has left. */
export async function deleteGrants(db: DbOrTx, userId: number, grantIds: number[]): Promise<number> {
  await db.delete(userRoles).where(and(eq(userRoles.userId, userId), inArray(userRoles.id, grantIds)));
  const left = await db.select({ id: userRoles.id }).from(userRoles).where(eq(userRoles.userId, userId));
  return left.length;
}

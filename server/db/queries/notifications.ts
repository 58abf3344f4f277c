import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { limitOf, type Window } from './paging.js';
import { NotFoundError } from '../../errors.js';
import type { DbOrTx } from '../client.js';
import { notifications, userRoles } from '../schema/index.js';

/** Notifies every host of a venue (except the one who made the change). */
export async function notifyVenueHosts(db: DbOrTx, venueId: number, kind: string, params: Record<string, unknown>, exceptUserId?: number) {
  const hosts = await db.select({ userId: userRoles.userId }).from(userRoles).where(and(eq(userRoles.role, 'host'), eq(userRoles.venueId, venueId)));
  await notify(db, hosts.map((h) => h.userId).filter((u) => u !== exceptUserId), kind, params);
}

/** Notifies every coordinator of a region (except the one who made the change). */
export async function notifyCoordinators(db: DbOrTx, regionId: number, kind: string, params: Record<string, unknown>, exceptUserId?: number) {
  const rows = await db.select({ userId: userRoles.userId }).from(userRoles).where(and(eq(userRoles.role, 'coordinator'), eq(userRoles.regionId, regionId)));
  await notify(db, rows.map((h) => h.userId).filter((u) => u !== exceptUserId), kind, params);
}

/** Notifies the drivers of the given vehicles. */
export async function notifyVehicleDrivers(db: DbOrTx, vehicleIds: number[], kind: string, params: Record<string, unknown>, exceptUserId?: number) {
  if (!vehicleIds.length) return;
  const rows = await db.select({ userId: userRoles.userId }).from(userRoles).where(and(eq(userRoles.role, 'driver'), inArray(userRoles.vehicleId, vehicleIds)));
  await notify(db, rows.map((h) => h.userId).filter((u) => u !== exceptUserId), kind, params);
}

async function notify(db: DbOrTx, userIds: number[], kind: string, params: Record<string, unknown>) {
  const unique = [...new Set(userIds)];
  if (unique.length) await db.insert(notifications).values(unique.map((userId) => ({ userId, kind, params })));
}

export async function listNotifications(db: DbOrTx, userId: number, p: { unread?: boolean | undefined }, page: Window = { limit: 200, offset: 0 }) {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), p.unread ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limitOf(page))
    .offset(page.offset);
  return rows.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null }));
}

export async function markNotificationRead(db: DbOrTx, userId: number, id: number, now: Date) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw new NotFoundError('notification', id);
  return { ...row, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
}

/** The audit log's writer lives in queries/audit.ts; kept here for the services that import it with the notices. */
export { audit } from './audit.js';

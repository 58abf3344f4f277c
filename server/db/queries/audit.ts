import { and, arrayOverlaps, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as t from '../schema/index.js';

/** One audit entry as a caller writes it: who did what to which row, with the row before and after. */
export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entity: string;
  entityId: number | string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
  /** The regions the entry concerns; found from the entity when left out (see entryRegions). */
  regionIds?: number[];
}

/** Writes one audit entry, in the caller's transaction when given one. */
export async function audit(db: DbOrTx, e: AuditEntry) {
  await db.insert(t.auditLog).values({
    actorUserId: e.actorUserId,
    action: e.action,
    entity: e.entity,
    entityId: String(e.entityId),
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId ?? null,
    regionIds: e.regionIds ?? (await entryRegions(db, e)),
  });
}

const regionOfRow = (table: typeof t.centres | typeof t.venues | typeof t.exhibitSets | typeof t.vehicles | typeof t.drivers | typeof t.plans | typeof t.requests | typeof t.planningRuns) =>
  async (db: DbOrTx, id: number) => (await db.select({ r: table.regionId }).from(table).where(eq(table.id, id))).map((x) => x.r);

/** How each kind of entity finds its region: the row's own, or through what it belongs to. */
const regionLookups: Record<string, (db: DbOrTx, id: number) => Promise<number[]>> = {
  region: async (_db, id) => [id],
  centre: regionOfRow(t.centres),
  venue: regionOfRow(t.venues),
  exhibit_set: regionOfRow(t.exhibitSets),
  vehicle: regionOfRow(t.vehicles),
  driver: regionOfRow(t.drivers),
  plan: regionOfRow(t.plans),
  request: regionOfRow(t.requests),
  planning_run: regionOfRow(t.planningRuns),
  stop: async (db, id) => (await db.select({ r: t.plans.regionId }).from(t.stops).innerJoin(t.plans, eq(t.plans.id, t.stops.planId)).where(eq(t.stops.id, id))).map((x) => x.r),
  blackout: async (db, id) => (await db.select({ r: t.venues.regionId }).from(t.venueBlackouts).innerJoin(t.venues, eq(t.venues.id, t.venueBlackouts.venueId)).where(eq(t.venueBlackouts.id, id))).map((x) => x.r),
  calendar_feed: async (db, id) =>
    (
      await db
        .select({ r: sql<number>`coalesce(${t.venues.regionId}, ${t.vehicles.regionId})` })
        .from(t.calendarFeeds)
        .leftJoin(t.venues, eq(t.venues.id, t.calendarFeeds.venueId))
        .leftJoin(t.vehicles, eq(t.vehicles.id, t.calendarFeeds.vehicleId))
        .where(eq(t.calendarFeeds.id, id))
    ).map((x) => x.r),
  user: userRegions,
};

/** The regions of every grant a user holds (a coordinator's region, a host's venue's, a driver's vehicle's). */
async function userRegions(db: DbOrTx, userId: number): Promise<number[]> {
  const rows = await db
    .select({ r: sql<number>`coalesce(${t.userRoles.regionId}, ${t.venues.regionId}, ${t.vehicles.regionId})` })
    .from(t.userRoles)
    .leftJoin(t.venues, eq(t.venues.id, t.userRoles.venueId))
    .leftJoin(t.vehicles, eq(t.vehicles.id, t.userRoles.vehicleId))
    .where(eq(t.userRoles.userId, userId));
  return rows.map((x) => x.r);
}

const regionIdIn = (row: unknown) => (row && typeof row === 'object' && 'regionId' in row && typeof row.regionId === 'number' ? [row.regionId] : []);

/**
 * The regions an entry concerns: the row's region as logged before or after (a deleted row can no
 * longer be looked up), else the entity's own region looked up now; a lockout names a username,
 * whose account's regions count. Deployment-wide entries (holidays, backups) concern none.
 */
async function entryRegions(db: DbOrTx, e: AuditEntry): Promise<number[]> {
  const logged = [...regionIdIn(e.before), ...regionIdIn(e.after)];
  if (logged.length) return [...new Set(logged)];
  if (e.entity === 'login') {
    const [u] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.username, String(e.entityId)));
    return u ? [...new Set(await userRegions(db, u.id))] : [];
  }
  const id = Number(e.entityId);
  const lookup = regionLookups[e.entity];
  if (!lookup || !Number.isSafeInteger(id)) return [];
  return [...new Set(await lookup(db, id))].filter((r) => r !== null);
}

/** What a reader asks of the audit log; every field narrows it. */
export interface AuditFilter {
  /** The reader's reach: null for the administrator (every entry), else the regions they coordinate. */
  regionIds: number[] | null;
  region?: number | undefined;
  actorUserId?: number | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Instants, [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Entries older than this id (the page before's `next`). */
  before?: number | undefined;
  limit: number;
}

/**
 * A page of the audit log, newest first, with the actor's username; `next` is the id to pass as
 * `before` for the following page (null at the end). Actions match by prefix ('user.' finds every
 * account change).
 */
export async function listAudit(db: DbOrTx, f: AuditFilter) {
  const where: (SQL | undefined)[] = [
    f.regionIds === null ? undefined : arrayOverlaps(t.auditLog.regionIds, f.regionIds),
    f.region === undefined ? undefined : arrayOverlaps(t.auditLog.regionIds, [f.region]),
    f.actorUserId === undefined ? undefined : eq(t.auditLog.actorUserId, f.actorUserId),
    f.action === undefined ? undefined : sql`starts_with(${t.auditLog.action}, ${f.action})`,
    f.entity === undefined ? undefined : eq(t.auditLog.entity, f.entity),
    f.entityId === undefined ? undefined : eq(t.auditLog.entityId, f.entityId),
    f.from === undefined ? undefined : gte(t.auditLog.at, f.from),
    f.to === undefined ? undefined : lt(t.auditLog.at, f.to),
    f.before === undefined ? undefined : lt(t.auditLog.id, f.before),
  ];
  const rows = await db
    .select({ entry: t.auditLog, actor: t.users.username })
    .from(t.auditLog)
    .leftJoin(t.users, eq(t.users.id, t.auditLog.actorUserId))
    .where(and(...where))
    .orderBy(desc(t.auditLog.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  return {
    entries: page.map(({ entry, actor }) => ({ ...entry, at: entry.at.toISOString(), actor })),
    next: rows.length > f.limit ? page[page.length - 1]!.entry.id : null,
  };
}

import { and, asc, eq, getTableColumns, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { fromDatabaseError, NotFoundError } from '../../errors.js';
import { accessible, requireAccess, wrongRegion, type Scope } from '../access.js';
import type { DbOrTx } from '../client.js';
import { WHOLE, limitOf, type Window } from './paging.js';
import { centres, drivers, exhibitSets, regions, vehicleSets, vehicles, venueBlackouts, venues } from '../schema/index.js';

// Every read takes the caller's scope and filters by it in SQL; every write names the coordinator's
// regions in its WHERE clause, so a row out of scope is "not found" and nothing changes.

type VenueInsert = typeof venues.$inferInsert;
/** A patch without its absent keys; an empty one changes nothing (and SQL has no empty SET). */
const present = <T extends object>(patch: T): Partial<T> | undefined => {
  const out = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
  return Object.keys(out).length ? out : undefined;
};

export async function listRegions(db: DbOrTx, regionIds: number[], page: Window = WHOLE) {
  return db
    .select({
      id: regions.id,
      code: regions.code,
      nameZh: regions.nameZh,
      nameEn: regions.nameEn,
      timeZone: regions.timeZone,
      roadFactor: regions.roadFactor,
      averageSpeedKmh: regions.averageSpeedKmh,
      noveltyMonths: regions.noveltyMonths,
      kitNoveltyMonths: regions.kitNoveltyMonths,
      eveningLegMaxMinutes: regions.eveningLegMaxMinutes,
      dailyDriveMinutes: regions.dailyDriveMinutes,
      maxConsecutiveWorkDays: regions.maxConsecutiveWorkDays,
      monthlySpeedKmh: regions.monthlySpeedKmh,
      isDemo: regions.isDemo,
    })
    .from(regions)
    .where(inArray(regions.id, regionIds))
    .orderBy(asc(regions.id))
    .limit(limitOf(page))
    .offset(page.offset);
}

export async function getRegion(db: DbOrTx, id: number, regionIds: number[]) {
  const [row] = await db.select().from(regions).where(and(eq(regions.id, id), inArray(regions.id, regionIds)));
  if (!row) throw new NotFoundError('region', id);
  return row;
}

/** A page of a table's rows in the given regions (or the one asked for, if it is one of them), by id. */
function regionRows<T extends typeof centres | typeof exhibitSets | typeof drivers>(db: DbOrTx, table: T, regionIds: number[], asked: number | undefined, page: Window) {
  return db
    .select()
    .from(table as typeof centres)
    .where(and(inArray(table.regionId, regionIds), asked ? eq(table.regionId, asked) : undefined))
    .orderBy(asc(table.id))
    .limit(limitOf(page))
    .offset(page.offset) as Promise<T['$inferSelect'][]>;
}

export async function listCentres(db: DbOrTx, scope: Scope, p: { regionId?: number | undefined }, page: Window = WHOLE) {
  return regionRows(db, centres, scope.coordinatorRegionIds, p.regionId, page);
}

/** Venues in scope, filtered by region, county, tier or a name search; ordered by county code. */
export async function listVenues(
  db: DbOrTx,
  scope: Scope,
  p: { regionId?: number | undefined; countyCode?: string | undefined; priorityTier?: VenueInsert['priorityTier']; q?: string | undefined },
  page: Window = WHOLE,
) {
  const where: SQL[] = [accessible('venue.read', scope)];
  if (p.regionId) where.push(eq(venues.regionId, p.regionId));
  if (p.countyCode) where.push(eq(venues.countyCode, p.countyCode));
  if (p.priorityTier) where.push(eq(venues.priorityTier, p.priorityTier));
  if (p.q) {
    const like = `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(venues.name, like), ilike(venues.countyName, like))!);
  }
  return db
    .select()
    .from(venues)
    .where(and(...where))
    .orderBy(asc(venues.countyCode), asc(venues.id))
    .limit(limitOf(page))
    .offset(page.offset);
}

export async function getVenue(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await requireAccess(db, scope, 'venue.read', [id]);
  return row;
}

/** Throws unless the region is one the caller coordinates (as "not found": no hint it exists). */
export function assertCoordinates(scope: Scope, regionId: number) {
  if (!scope.coordinatorRegionIds.includes(regionId)) throw new NotFoundError('region', regionId);
}

export async function insertVenue(db: DbOrTx, scope: Scope, v: VenueInsert) {
  assertCoordinates(scope, v.regionId);
  const [row] = await db.insert(venues).values(v).returning();
  return row!;
}

/**
 * Inserts many venues in the caller's transaction, in the order given; returns their ids in that
 * order. The rows travel as one JSON parameter a statement (jsonb_populate_recordset), which the
 * embedded database inserts several times faster than multi-row VALUES of thousands of parameters,
 * so an import holds it for less time. Rows with the same fields share a statement; a field a row
 * leaves out takes the column's default. Between statements of 1,000 rows the event loop gets a turn:
 * the embedded database runs in the server's own thread, and this way a 20,000-row import stalls it
 * for one statement at a time, not for the whole import (its other queries still wait for the
 * transaction, as on any database that holds one connection).
 */
export async function insertVenues(db: DbOrTx, scope: Scope, rows: VenueInsert[]) {
  for (const r of rows) assertCoordinates(scope, r.regionId);
  const columns = getTableColumns(venues);
  // The columns' names in the database: the client's casing is snake_case (server/db/client.ts).
  const dbName = (k: keyof typeof columns) => (columns[k].keyAsName ? toSnakeCase(columns[k].name) : columns[k].name);
  const groups = new Map<string, { keys: (keyof typeof columns)[]; at: number[] }>();
  rows.forEach((r, i) => {
    const keys = (Object.keys(r) as (keyof typeof columns)[]).filter((k) => r[k as keyof VenueInsert] !== undefined && k in columns).sort();
    const group = groups.get(keys.join()) ?? { keys, at: [] };
    group.at.push(i);
    groups.set(keys.join(), group);
  });
  const ids: number[] = new Array(rows.length);
  for (const { keys, at } of groups.values()) {
    const names = sql.join(keys.map((k) => sql.identifier(dbName(k))), sql`, `);
    for (let i = 0; i < at.length; i += 1000) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      const chunk = at.slice(i, i + 1000);
      const json = chunk.map((n) => Object.fromEntries(keys.map((k) => [dbName(k), columns[k].mapToDriverValue(rows[n]![k as keyof VenueInsert])])));
      const inserted = await db.execute<{ id: number }>(
        sql`insert into ${venues} (${names}) select ${names} from jsonb_populate_recordset(null::${venues}, ${JSON.stringify(json)}::jsonb) returning id`,
      );
      // Identity values rise in the order the rows were inserted, which is the order of the JSON array.
      const got = (Array.isArray(inserted) ? inserted : (inserted as { rows: { id: number }[] }).rows).map((r) => Number(r.id)).sort((a, b) => a - b);
      chunk.forEach((n, j) => (ids[n] = got[j]!));
    }
  }
  return ids;
}

export async function updateVenue(db: DbOrTx, scope: Scope, id: number, patch: Partial<VenueInsert>) {
  const where = and(eq(venues.id, id), accessible('venue.manage', scope));
  const set = present(patch);
  const [row] = set ? await db.update(venues).set(set).where(where).returning() : await db.select().from(venues).where(where);
  if (!row) throw new NotFoundError('venue', id);
  return row;
}

export async function insertCentre(db: DbOrTx, scope: Scope, c: typeof centres.$inferInsert) {
  assertCoordinates(scope, c.regionId);
  const [row] = await db.insert(centres).values(c).returning();
  return row!;
}

export async function updateCentre(db: DbOrTx, scope: Scope, id: number, patch: Partial<typeof centres.$inferInsert>) {
  const where = and(eq(centres.id, id), inArray(centres.regionId, scope.coordinatorRegionIds));
  const set = present(patch);
  const [row] = set ? await db.update(centres).set(set).where(where).returning() : await db.select().from(centres).where(where);
  if (!row) throw new NotFoundError('centre', id);
  return row;
}

/** Deletes a centre nothing refers to; one still home to vehicles or sets answers IN_USE. */
export async function deleteCentre(db: DbOrTx, scope: Scope, id: number) {
  const rows = await db
    .delete(centres)
    .where(and(eq(centres.id, id), inArray(centres.regionId, scope.coordinatorRegionIds)))
    .returning({ id: centres.id })
    .catch((err: unknown) => {
      throw fromDatabaseError(err, { deleting: { entity: 'centre', id } }) ?? err;
    });
  if (rows.length === 0) throw new NotFoundError('centre', id);
}

/** A centre, set or vehicle named in a write must lie in the same region as the row written. */
async function assertInRegion(db: DbOrTx, scope: Scope, table: typeof centres | typeof exhibitSets | typeof vehicles, entity: string, id: number, regionId: number) {
  const [row] = await db.select({ regionId: table.regionId }).from(table).where(eq(table.id, id));
  if (!row) throw new NotFoundError(entity, id);
  if (row.regionId !== regionId) throw wrongRegion(scope.coordinatorRegionIds, entity, id, row.regionId);
}

/** Exhibit sets in scope: a coordinator's region's, and for hosts the sets of their venues' regions (to book). */
export async function listExhibitSets(db: DbOrTx, scope: Scope, p: { regionId?: number | undefined }, page: Window = WHOLE) {
  return regionRows(db, exhibitSets, [...scope.coordinatorRegionIds, ...scope.hostRegionIds], p.regionId, page);
}

export async function insertExhibitSet(db: DbOrTx, scope: Scope, s: typeof exhibitSets.$inferInsert) {
  assertCoordinates(scope, s.regionId);
  await assertInRegion(db, scope, centres, 'centre', s.homeCentreId, s.regionId);
  const [row] = await db.insert(exhibitSets).values(s).returning();
  return row!;
}

export async function updateExhibitSet(db: DbOrTx, scope: Scope, id: number, patch: Partial<typeof exhibitSets.$inferInsert>) {
  const [current] = await db
    .select()
    .from(exhibitSets)
    .where(and(eq(exhibitSets.id, id), inArray(exhibitSets.regionId, scope.coordinatorRegionIds)));
  if (!current) throw new NotFoundError('exhibit_set', id);
  if (patch.homeCentreId !== undefined) await assertInRegion(db, scope, centres, 'centre', patch.homeCentreId, current.regionId);
  const set = present(patch);
  if (!set) return current;
  const [row] = await db.update(exhibitSets).set(set).where(eq(exhibitSets.id, id)).returning();
  return row!;
}

/** Vehicles in scope (a coordinator's region's; a driver's own), with the ids of the sets each can carry. */
export async function listVehicles(db: DbOrTx, scope: Scope, p: { regionId?: number | undefined; ids?: number[] }, page: Window = WHOLE) {
  const rows = await db
    .select()
    .from(vehicles)
    .where(
      and(
        accessible('vehicle.read', scope),
        p.regionId ? eq(vehicles.regionId, p.regionId) : undefined,
        p.ids ? inArray(vehicles.id, p.ids) : undefined,
      ),
    )
    .orderBy(asc(vehicles.id))
    .limit(limitOf(page))
    .offset(page.offset);
  const links = rows.length
    ? await db.select().from(vehicleSets).where(inArray(vehicleSets.vehicleId, rows.map((r) => r.id)))
    : [];
  const byVehicle = new Map<number, number[]>();
  for (const l of links) byVehicle.set(l.vehicleId, [...(byVehicle.get(l.vehicleId) ?? []), l.exhibitSetId]);
  return rows.map((v) => ({ ...v, exhibitSetIds: (byVehicle.get(v.id) ?? []).sort((a, b) => a - b) }));
}

async function setVehicleSets(db: DbOrTx, scope: Scope, vehicleId: number, regionId: number, setIds: number[]) {
  for (const s of setIds) await assertInRegion(db, scope, exhibitSets, 'exhibit_set', s, regionId);
  await db.delete(vehicleSets).where(eq(vehicleSets.vehicleId, vehicleId));
  const unique = [...new Set(setIds)];
  if (unique.length) await db.insert(vehicleSets).values(unique.map((exhibitSetId) => ({ vehicleId, exhibitSetId })));
}

export async function insertVehicle(db: DbOrTx, scope: Scope, v: typeof vehicles.$inferInsert & { exhibitSetIds?: number[] | undefined }) {
  assertCoordinates(scope, v.regionId);
  await assertInRegion(db, scope, centres, 'centre', v.homeCentreId, v.regionId);
  const { exhibitSetIds, ...row } = v;
  const [created] = await db.insert(vehicles).values(row).returning();
  await setVehicleSets(db, scope, created!.id, v.regionId, exhibitSetIds ?? []);
  return (await listVehicles(db, scope, { ids: [created!.id] }))[0]!;
}

export async function updateVehicle(
  db: DbOrTx,
  scope: Scope,
  id: number,
  patch: Partial<typeof vehicles.$inferInsert> & { exhibitSetIds?: number[] | undefined },
) {
  const [current] = await db
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.id, id), accessible('vehicle.manage', scope)));
  if (!current) throw new NotFoundError('vehicle', id);
  const { exhibitSetIds, ...row } = patch;
  if (row.homeCentreId !== undefined) await assertInRegion(db, scope, centres, 'centre', row.homeCentreId, current.regionId);
  const set = present(row);
  if (set) await db.update(vehicles).set(set).where(eq(vehicles.id, id));
  if (exhibitSetIds) await setVehicleSets(db, scope, id, current.regionId, exhibitSetIds);
  return (await listVehicles(db, scope, { ids: [id] }))[0]!;
}

export async function listDrivers(db: DbOrTx, scope: Scope, p: { regionId?: number | undefined }, page: Window = WHOLE) {
  return regionRows(db, drivers, scope.coordinatorRegionIds, p.regionId, page);
}

export async function insertDriver(db: DbOrTx, scope: Scope, d: typeof drivers.$inferInsert) {
  assertCoordinates(scope, d.regionId);
  if (d.vehicleId) await assertInRegion(db, scope, vehicles, 'vehicle', d.vehicleId, d.regionId);
  const [row] = await db.insert(drivers).values(d).returning();
  return row!;
}

export async function updateDriver(db: DbOrTx, scope: Scope, id: number, patch: Partial<typeof drivers.$inferInsert>) {
  const [current] = await db
    .select()
    .from(drivers)
    .where(and(eq(drivers.id, id), inArray(drivers.regionId, scope.coordinatorRegionIds)));
  if (!current) throw new NotFoundError('driver', id);
  if (patch.vehicleId) await assertInRegion(db, scope, vehicles, 'vehicle', patch.vehicleId, current.regionId);
  const set = present(patch);
  if (!set) return current;
  const [row] = await db.update(drivers).set(set).where(eq(drivers.id, id)).returning();
  return row!;
}

export async function deleteDriver(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .delete(drivers)
    .where(and(eq(drivers.id, id), inArray(drivers.regionId, scope.coordinatorRegionIds)))
    .returning({ id: drivers.id, userId: drivers.userId, regionId: drivers.regionId });
  if (!row) throw new NotFoundError('driver', id);
  return row;
}

export async function listBlackouts(db: DbOrTx, scope: Scope, venueId: number, page: Window = WHOLE) {
  await getVenue(db, scope, venueId);
  return db
    .select()
    .from(venueBlackouts)
    .where(eq(venueBlackouts.venueId, venueId))
    .orderBy(asc(venueBlackouts.startsOn), asc(venueBlackouts.id))
    .limit(limitOf(page))
    .offset(page.offset);
}

export async function insertBlackout(db: DbOrTx, scope: Scope, venueId: number, b: { startsOn: string; endsOn: string; reason?: string | undefined }) {
  await requireAccess(db, scope, 'venue.manage', [venueId]);
  const [row] = await db.insert(venueBlackouts).values({ ...b, venueId }).returning();
  return row!;
}

export async function deleteBlackout(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .delete(venueBlackouts)
    .where(
      and(
        eq(venueBlackouts.id, id),
        inArray(venueBlackouts.venueId, sql`(select ${venues.id} from ${venues} where ${accessible('venue.manage', scope)})`),
      ),
    )
    .returning({ id: venueBlackouts.id });
  if (!row) throw new NotFoundError('blackout', id);
}

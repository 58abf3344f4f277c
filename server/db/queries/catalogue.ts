import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { NotFoundError } from '../../errors.js';
import type { DbOrTx } from '../client.js';
import { centres, exhibitSets, regions, vehicleSets, vehicles, venues } from '../schema/index.js';

type VenueInsert = typeof venues.$inferInsert;

export async function listRegions(db: DbOrTx) {
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
      isDemo: regions.isDemo,
    })
    .from(regions)
    .orderBy(asc(regions.id));
}

export async function listCentres(db: DbOrTx, p: { regionId?: number | undefined }) {
  return db
    .select()
    .from(centres)
    .where(p.regionId ? eq(centres.regionId, p.regionId) : undefined)
    .orderBy(asc(centres.id));
}

/** Venues of a region (or all), filtered by county, tier or a name search; ordered by county code. */
export async function listVenues(
  db: DbOrTx,
  p: { regionId?: number | undefined; countyCode?: string | undefined; priorityTier?: VenueInsert['priorityTier']; q?: string | undefined },
) {
  const where: SQL[] = [];
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
    .orderBy(asc(venues.countyCode), asc(venues.id));
}

export async function getVenue(db: DbOrTx, id: number) {
  const [row] = await db.select().from(venues).where(eq(venues.id, id));
  if (!row) throw new NotFoundError('venue', id);
  return row;
}

export async function insertVenue(db: DbOrTx, v: VenueInsert) {
  const [row] = await db.insert(venues).values(v).returning();
  return row!;
}

export async function listExhibitSets(db: DbOrTx, p: { regionId?: number | undefined }) {
  return db
    .select()
    .from(exhibitSets)
    .where(p.regionId ? eq(exhibitSets.regionId, p.regionId) : undefined)
    .orderBy(asc(exhibitSets.id));
}

/** Vehicles with the ids of the exhibit sets each can carry. */
export async function listVehicles(db: DbOrTx, p: { regionId?: number | undefined }) {
  const rows = await db
    .select()
    .from(vehicles)
    .where(p.regionId ? eq(vehicles.regionId, p.regionId) : undefined)
    .orderBy(asc(vehicles.id));
  const links = await db.select().from(vehicleSets);
  const byVehicle = new Map<number, number[]>();
  for (const l of links) {
    const list = byVehicle.get(l.vehicleId) ?? [];
    list.push(l.exhibitSetId);
    byVehicle.set(l.vehicleId, list);
  }
  return rows.map((v) => ({ ...v, exhibitSetIds: (byVehicle.get(v.id) ?? []).sort((a, b) => a - b) }));
}

import { aliasedTable, and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as t from '../schema/index.js';

/** What a loan lends: an exhibit set or a vehicle. */
export interface LoanAssetRef {
  kind: 'set' | 'vehicle';
  id: number;
}

/** The loan columns naming an asset. */
export const assetColumns = (a: LoanAssetRef) => (a.kind === 'set' ? { exhibitSetId: a.id, vehicleId: null } : { exhibitSetId: null, vehicleId: a.id });

/** Whether `regionId` borrows the asset on any day (a live loan to it): the database's guard checks the days. */
export async function borrows(db: DbOrTx, regionId: number, a: LoanAssetRef): Promise<boolean> {
  const asset = a.kind === 'set' ? eq(t.loans.exhibitSetId, a.id) : eq(t.loans.vehicleId, a.id);
  const [row] = await db.select({ id: t.loans.id }).from(t.loans).where(and(asset, eq(t.loans.borrowerRegionId, regionId), isNull(t.loans.withdrawnAt))).limit(1);
  return row !== undefined;
}

/**
 * Locks an asset's row FOR NO KEY UPDATE (as the loan guard of migration 0012 does, so stays written at the
 * same time wait for this transaction) and returns its region, or undefined when there is no such asset.
 */
export async function lockAsset(tx: DbOrTx, a: LoanAssetRef): Promise<number | undefined> {
  const table = a.kind === 'set' ? t.exhibitSets : t.vehicles;
  const [row] = await tx.select({ regionId: table.regionId }).from(table).where(eq(table.id, a.id)).for('no key update');
  return row?.regionId;
}

/** The stays a region's timeline books an asset for on any day of [from, to], by venue and days. */
export async function timelineBookings(db: DbOrTx, regionId: number, a: LoanAssetRef, from: string, to: string) {
  const uses = a.kind === 'set' ? eq(t.stops.exhibitSetId, a.id) : eq(t.stops.vehicleId, a.id);
  return db
    .select({ stopId: t.stops.id, venue: t.venues.name, county: t.venues.countyName, startsOn: t.stops.startsOn, endsOn: t.stops.endsOn })
    .from(t.stops)
    .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
    .innerJoin(t.venues, eq(t.venues.id, t.stops.venueId))
    .where(
      and(
        eq(t.plans.regionId, regionId),
        eq(t.plans.status, 'published'),
        ne(t.stops.status, 'cancelled'),
        uses,
        sql`daterange(${t.stops.startsOn}, ${t.stops.endsOn}, '[]') && daterange(${from}::date, ${to}::date, '[]')`,
      ),
    )
    .orderBy(asc(t.stops.startsOn), asc(t.stops.id));
}

const lender = aliasedTable(t.regions, 'lender');
const borrower = aliasedTable(t.regions, 'borrower');

/** The loans a region gave or got (live ones only unless `withdrawn`), earliest first, with the asset and both regions named. */
export async function listLoans(db: DbOrTx, regionId: number, o: { withdrawn: boolean; id?: number }) {
  const rows = await db
    .select({
      loan: t.loans,
      set: { code: t.exhibitSets.code, name: t.exhibitSets.name, kind: t.exhibitSets.kind },
      vehicle: { code: t.vehicles.code, name: t.vehicles.name },
      lender: { nameZh: lender.nameZh, nameEn: lender.nameEn },
      borrower: { nameZh: borrower.nameZh, nameEn: borrower.nameEn },
    })
    .from(t.loans)
    .innerJoin(lender, eq(lender.id, t.loans.lenderRegionId))
    .innerJoin(borrower, eq(borrower.id, t.loans.borrowerRegionId))
    .leftJoin(t.exhibitSets, eq(t.exhibitSets.id, t.loans.exhibitSetId))
    .leftJoin(t.vehicles, eq(t.vehicles.id, t.loans.vehicleId))
    .where(
      and(
        or(eq(t.loans.lenderRegionId, regionId), eq(t.loans.borrowerRegionId, regionId)),
        o.withdrawn ? undefined : isNull(t.loans.withdrawnAt),
        o.id === undefined ? undefined : eq(t.loans.id, o.id),
      ),
    )
    .orderBy(asc(t.loans.startsOn), asc(t.loans.id));
  return rows.map(({ loan, set, vehicle, lender, borrower }) => {
    const { exhibitSetId, vehicleId, ...rest } = loan;
    const asset =
      exhibitSetId !== null
        ? { kind: 'set' as const, id: exhibitSetId, code: set?.code ?? null, name: set?.name ?? '', setKind: set?.kind ?? null }
        : { kind: 'vehicle' as const, id: vehicleId!, code: vehicle?.code ?? null, name: vehicle?.name ?? '', setKind: null };
    return {
      ...rest,
      createdAt: rest.createdAt.toISOString(),
      withdrawnAt: rest.withdrawnAt ? rest.withdrawnAt.toISOString() : null,
      asset,
      lenderRegion: lender,
      borrowerRegion: borrower,
      lentOut: rest.lenderRegionId === regionId,
    };
  });
}
export type LoanView = Awaited<ReturnType<typeof listLoans>>[number];

/** A region's live loans overlapping [from, to], given and got: what the planner needs. */
export async function loansOverlapping(db: DbOrTx, regionId: number, from: string, to: string) {
  return db
    .select()
    .from(t.loans)
    .where(
      and(
        isNull(t.loans.withdrawnAt),
        or(eq(t.loans.lenderRegionId, regionId), eq(t.loans.borrowerRegionId, regionId)),
        sql`daterange(${t.loans.startsOn}, ${t.loans.endsOn}, '[]') && daterange(${from}::date, ${to}::date, '[]')`,
      ),
    );
}

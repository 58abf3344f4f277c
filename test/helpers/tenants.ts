import type { Db } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';
import { userWithSession } from './accounts.js';
import { addDays, mondayFrom, testClock, yearOf } from './clock.js';

/**
 * The days a tenant's rows use, all in next year by the suite's clock: the plans' horizon, the
 * request windows, the stay (set up on the Monday on or after 8 March) and the venue's blackout.
 */
export function tenantDays() {
  const y = yearOf(1);
  const setUp = mondayFrom(`${y}-03-08`);
  return {
    year: y,
    horizon: { horizonStart: `${y}-01-01`, horizonEnd: `${y}-12-31` },
    spring: { windowStart: `${y}-03-01`, windowEnd: `${y}-06-30` },
    autumn: { windowStart: `${y}-07-01`, windowEnd: `${y}-10-31` },
    stay: { startsOn: setUp, opensOn: addDays(setUp, 3), closesOn: addDays(setUp, 23), endsOn: addDays(setUp, 25) },
    blackout: { startsOn: `${y}-05-01`, endsOn: `${y}-05-05` },
  };
}

/**
 * A region with everything the API works on, and one user per role: a coordinator of the region,
 * the host of its first venue, the driver of its first vehicle. Two of these (different codes) make
 * the cross-tenant fixture.
 */
export async function tenant(db: Db, code: string) {
  const [region] = await db.insert(t.regions).values({ code, nameZh: `区域${code}`, nameEn: `Region ${code}` }).returning();
  const regionId = region!.id;
  const days = tenantDays();
  const [centre] = await db
    .insert(t.centres)
    .values({ regionId, name: `中心${code}`, kind: 'provincial', countyCode: '520102', lng: 106.71, lat: 26.57 })
    .returning();
  const venues = await db
    .insert(t.venues)
    .values(
      [0, 1, 2].map((i) => ({
        regionId,
        countyCode: `5201${code.slice(-1)}${i}`,
        countyName: `县${code}-${i}`,
        name: `展点${code}-${i}`,
        kind: 'county_museum' as const,
        level: i === 2 ? ('township' as const) : ('county' as const),
        priorityTier: i === 0 ? ('key' as const) : ('other' as const),
        address: `地址${code}-${i}`,
        lng: 106.7 + i / 10,
        lat: 26.5,
        floorAreaM2: 800,
        powerKw: 50,
        contactName: `联系人${i}`,
        contactPhone: `1380000000${i}`,
      })),
    )
    .returning();
  const sets = await db
    .insert(t.exhibitSets)
    .values(
      ['A', 'B'].map((s) => ({
        regionId,
        homeCentreId: centre!.id,
        code: `SET-${s}-${code}`,
        name: `套组${s}${code}`,
        theme: `主题${s}`,
        kind: 'roving_museum' as const,
        footprintM2: 500,
        powerKw: 30,
        exhibitCount: 40,
        setupDays: 3,
        teardownDays: 2,
        minStayDays: 14,
        maxStayDays: 60,
      })),
    )
    .returning();
  const vehicles = await db
    .insert(t.vehicles)
    .values(['1', '2'].map((n) => ({ regionId, homeCentreId: centre!.id, name: `车${code}-${n}`, plate: `贵A${code}${n}`, type: 'set_truck' as const })))
    .returning();
  await db.insert(t.vehicleSets).values(vehicles.map((v, i) => ({ vehicleId: v.id, exhibitSetId: sets[i]!.id })));
  const [driverRow] = await db.insert(t.drivers).values({ regionId, name: `司机${code}`, vehicleId: vehicles[0]!.id }).returning();
  const [published] = await db
    .insert(t.plans)
    .values({ regionId, name: `已发布${code}`, status: 'published', version: 1, ...days.horizon, publishedAt: testClock().now() })
    .returning();
  const [draft] = await db.insert(t.plans).values({ regionId, name: `草稿${code}`, ...days.horizon }).returning();
  const requests = await db
    .insert(t.requests)
    .values([
      { regionId, venueId: venues[0]!.id, setKind: 'roving_museum' as const, ...days.spring, openDays: 20, status: 'scheduled' as const },
      { regionId, venueId: venues[0]!.id, setKind: 'roving_museum' as const, ...days.autumn, openDays: 20, status: 'requested' as const },
      { regionId, venueId: venues[1]!.id, setKind: 'roving_museum' as const, ...days.autumn, openDays: 20, status: 'approved' as const },
    ])
    .returning();
  await db.insert(t.requestStatusHistory).values(requests.map((r) => ({ requestId: r.id, toStatus: 'requested' as const })));
  const stops: (typeof t.stops.$inferSelect)[] = [];
  for (const plan of [published!, draft!]) {
    const [tour] = await db.insert(t.tours).values({ planId: plan.id, vehicleId: vehicles[0]!.id }).returning();
    const [stop] = await db
      .insert(t.stops)
      .values({
        planId: plan.id,
        tourId: tour!.id,
        seq: 1,
        vehicleId: vehicles[0]!.id,
        exhibitSetId: sets[0]!.id,
        venueId: venues[0]!.id,
        requestId: requests[0]!.id,
        ...days.stay,
      })
      .returning();
    await db.insert(t.legs).values([
      { tourId: tour!.id, seq: 1, fromStopId: null, toStopId: stop!.id, distanceM: 12_000, driveMinutes: 20 },
      { tourId: tour!.id, seq: 2, fromStopId: stop!.id, toStopId: null, distanceM: 12_000, driveMinutes: 20 },
    ]);
    stops.push(stop!);
  }
  const coordinator = await userWithSession(db, [{ role: 'coordinator', regionId }], `coordinator-${code}`);
  const host = await userWithSession(db, [{ role: 'host', venueId: venues[0]!.id }], `host-${code}`);
  const driver = await userWithSession(db, [{ role: 'driver', vehicleId: vehicles[0]!.id }], `driver-${code}`);
  const [blackout] = await db.insert(t.venueBlackouts).values({ venueId: venues[0]!.id, ...days.blackout }).returning();
  return {
    regionId,
    centre: centre!,
    venues,
    sets,
    vehicles,
    driver: driverRow!,
    published: published!,
    draft: draft!,
    requests,
    publishedStop: stops[0]!,
    draftStop: stops[1]!,
    blackout: blackout!,
    users: { coordinator, host, driver },
  };
}
export type Tenant = Awaited<ReturnType<typeof tenant>>;

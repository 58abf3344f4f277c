import type { Db } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';
import { yearOf } from './clock.js';

/** The smallest catalogue a stop needs: a region, a centre, two venues, a set, two vehicles, a draft plan for next year. */
export async function minimalCatalogue(db: Db) {
  const [region] = await db.insert(t.regions).values({ code: '99', nameZh: '测试区域', nameEn: 'Test region' }).returning();
  const regionId = region!.id;
  const [centre] = await db
    .insert(t.centres)
    .values({ regionId, name: '测试中心', kind: 'provincial', countyCode: '520102', lng: 106.71, lat: 26.57 })
    .returning();
  const venueRows = await db
    .insert(t.venues)
    .values(
      ['520102', '520103'].map((code, i) => ({
        regionId,
        countyCode: code,
        countyName: `县${i}`,
        name: `展点${i}`,
        kind: 'county_museum' as const,
        lng: 106.7 + i / 10,
        lat: 26.5,
        floorAreaM2: 800,
        powerKw: 50,
      })),
    )
    .returning();
  const setRows = await db
    .insert(t.exhibitSets)
    .values(
      ['A', 'B'].map((code) => ({
        regionId,
        homeCentreId: centre!.id,
        code: `SET-${code}-${regionId}`,
        name: `套组${code}`,
        theme: `主题${code}`,
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
  const vehicleRows = await db
    .insert(t.vehicles)
    .values(['V1', 'V2'].map((name) => ({ regionId, homeCentreId: centre!.id, name, type: 'set_truck' as const })))
    .returning();
  const [plan] = await db
    .insert(t.plans)
    .values({ regionId, horizonStart: `${yearOf(1)}-01-01`, horizonEnd: `${yearOf(1)}-12-31` })
    .returning();
  return { regionId, centre: centre!, venues: venueRows, sets: setRows, vehicles: vehicleRows, plan: plan! };
}

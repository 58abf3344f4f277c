import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import { DateTime } from 'luxon';
import { roadMetres } from '../../jobs/planning/geo.js';
import { recomputeLegs } from '../../jobs/planning/validate.js';
import type { Db, Tx } from '../db/client.js';
import * as t from '../db/schema/index.js';
import { demoCaravans, demoCentres, demoDriverNames, demoHostCounties, demoRovingSets } from './catalogue.js';

export interface CountyFact {
  code: string;
  name: string;
  prefecture: string;
  province: string;
  lng: number;
  lat: number;
  keyCounty: boolean;
}

/** The 88 Guizhou counties shipped with the project (server/demo/data/README.md). */
export function guizhouCounties(): CountyFact[] {
  return JSON.parse(readFileSync(new URL('./data/guizhou-counties.json', import.meta.url), 'utf8')) as CountyFact[];
}

/** Small seeded PRNG (mulberry32), so the demo is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const ZONE = 'Asia/Shanghai';
const day = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const iso = (d: DateTime) => d.toISODate()!;

/**
 * The demo's sign-in passwords, one per role (README, "Demo accounts"). Demo only: a real
 * deployment creates its own accounts and never seeds these.
 */
export const DEMO_PASSWORDS = { coordinator: 'rove-coordinator', host: 'rove-host', driver: 'rove-driver' } as const;

export interface SeedResult {
  seeded: boolean;
  regionId?: number;
}

/**
 * Seeds the Guizhou demo region, but only into an empty database: if any region exists, nothing is
 * written. One transaction, so a failed seed leaves the database empty.
 */
export async function seedDemoIfEmpty(db: Db, opts: { today?: string } = {}): Promise<SeedResult> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(t.regions);
  if (n > 0) return { seeded: false };
  const today = day(opts.today ?? DateTime.now().setZone(ZONE).toISODate()!);
  // argon2id takes tens of milliseconds per hash: hash each distinct password once and reuse it.
  const hashes = {
    coordinator: await hash(DEMO_PASSWORDS.coordinator),
    host: await hash(DEMO_PASSWORDS.host),
    driver: await hash(DEMO_PASSWORDS.driver),
  };
  const regionId = await db.transaction((tx) => seedDemo(tx, today, hashes));
  return { seeded: true, regionId };
}

async function seedDemo(tx: Tx, today: DateTime, hashes: Record<keyof typeof DEMO_PASSWORDS, string>): Promise<number> {
  const rnd = prng(52);
  const counties = guizhouCounties();
  const byCode = new Map(counties.map((c) => [c.code, c]));

  await tx.insert(t.counties).values(counties);
  const [region] = await tx
    .insert(t.regions)
    .values({ code: '52', nameZh: '贵州省', nameEn: 'Guizhou', timeZone: ZONE, roadFactor: 1.5, averageSpeedKmh: 45, noveltyMonths: 36, isDemo: true })
    .returning();
  const regionId = region!.id;

  const centreRows = await tx
    .insert(t.centres)
    .values(
      demoCentres.map((c) => {
        const county = byCode.get(c.countyCode)!;
        return { regionId, name: c.name, kind: c.kind, countyCode: c.countyCode, address: `${county.prefecture}${county.name}`, lng: county.lng, lat: county.lat, isDemo: true };
      }),
    )
    .returning();
  const centreId = new Map(demoCentres.map((c, i) => [c.key, centreRows[i]!.id]));
  const centrePoint = new Map(centreRows.map((c) => [c.id, { lng: c.lng, lat: c.lat }]));

  // One venue at each county seat, with its real county code; the 20 key counties flagged.
  const venueRows = await tx
    .insert(t.venues)
    .values(
      counties.map((c) => ({
        regionId,
        countyCode: c.code,
        countyName: c.name,
        name: `${c.name}科技馆`,
        kind: 'county_museum' as const,
        level: 'county' as const,
        address: `${c.province}${c.prefecture}${c.name}`,
        lng: c.lng,
        lat: c.lat,
        floorAreaM2: rnd.int(8, 24) * 50,
        powerKw: rnd.int(6, 20) * 5,
        priorityTier: c.keyCounty ? ('key' as const) : ('other' as const),
        contactName: `${c.name}科协（演示）`,
        isDemo: true,
      })),
    )
    .returning();

  const rovingRows = await tx
    .insert(t.exhibitSets)
    .values(
      demoRovingSets.map((s) => ({
        regionId,
        homeCentreId: centreId.get(s.centre)!,
        code: s.code,
        name: s.name,
        theme: s.theme,
        kind: 'roving_museum' as const,
        footprintM2: s.footprintM2,
        powerKw: s.powerKw,
        exhibitCount: s.exhibitCount,
        setupDays: s.setupDays,
        teardownDays: 3,
        minStayDays: 28,
        maxStayDays: 90,
        openWeekdays: [3, 4, 5, 6, 7],
        isDemo: true,
      })),
    )
    .returning();
  const kitRows = await tx
    .insert(t.exhibitSets)
    .values(
      demoCaravans.map((c) => ({
        regionId,
        homeCentreId: centreId.get(c.centre)!,
        code: `${c.code}-KIT`,
        name: `${c.code} ${c.kitTheme}科普大篷车展品`,
        theme: c.kitTheme,
        kind: 'caravan_kit' as const,
        footprintM2: 60 + c.exhibitCount * 2,
        powerKw: 8,
        exhibitCount: c.exhibitCount,
        setupDays: 0,
        teardownDays: 0,
        minStayDays: 1,
        maxStayDays: 3,
        isDemo: true,
      })),
    )
    .returning();

  const truckRows = await tx
    .insert(t.vehicles)
    .values(
      rovingRows.map((s) => ({
        regionId,
        homeCentreId: s.homeCentreId,
        name: `${s.code} 展品运输车`,
        plate: `贵A·${s.code.replace('RM-', 'Y')}演`,
        type: 'set_truck' as const,
        dailyDriveMinutes: 540,
        maxTripDays: 365,
        isDemo: true,
      })),
    )
    .returning();
  const caravanRows = await tx
    .insert(t.vehicles)
    .values(
      demoCaravans.map((c) => ({
        regionId,
        homeCentreId: centreId.get(c.centre)!,
        name: `${c.code} 科普大篷车`,
        plate: `贵A·${c.code.replace('KP-', 'K')}演`,
        type: c.type,
        dailyDriveMinutes: 480,
        maxTripDays: 21,
        isDemo: true,
      })),
    )
    .returning();
  await tx.insert(t.vehicleSets).values([
    ...truckRows.map((v, i) => ({ vehicleId: v.id, exhibitSetId: rovingRows[i]!.id })),
    ...caravanRows.map((v, i) => ({ vehicleId: v.id, exhibitSetId: kitRows[i]!.id })),
  ]);

  // People: one coordinator, hosts for some counties, a driver (with an account) per vehicle.
  const allVehicles = [...truckRows, ...caravanRows];
  const [coordinator] = await tx
    .insert(t.users)
    .values({ username: 'coordinator', displayName: '贵州省中心协调员（演示）', passwordHash: hashes.coordinator, isDemo: true })
    .returning();
  await tx.insert(t.userRoles).values({ userId: coordinator!.id, role: 'coordinator', regionId });
  const venueByCode = new Map(venueRows.map((v) => [v.countyCode, v]));
  for (const code of demoHostCounties) {
    const venue = venueByCode.get(code)!;
    const [host] = await tx
      .insert(t.users)
      .values({ username: `host-${code}`, displayName: `${venue.countyName}科协（演示）`, passwordHash: hashes.host, isDemo: true })
      .returning();
    await tx.insert(t.userRoles).values({ userId: host!.id, role: 'host', venueId: venue.id });
  }
  for (const [i, v] of allVehicles.entries()) {
    const code = v.name.split(' ')[0]!.toLowerCase();
    const [driverUser] = await tx
      .insert(t.users)
      .values({ username: `driver-${code}`, displayName: `${demoDriverNames[i]}（演示）`, passwordHash: hashes.driver, isDemo: true })
      .returning();
    await tx.insert(t.userRoles).values({ userId: driverUser!.id, role: 'driver', vehicleId: v.id });
    await tx.insert(t.drivers).values({
      regionId,
      name: demoDriverNames[i]!,
      phone: `1390851${String(1000 + i).padStart(4, '0')}`,
      vehicleId: v.id,
      userId: driverUser!.id,
      isDemo: true,
    });
  }

  // Region closures: school breaks do not touch county museums but show how a region marks them.
  await tx.insert(t.regionClosures).values([
    { regionId, startsOn: '2027-01-18', endsOn: '2027-02-26', venueKinds: ['school'], reason: '寒假（演示）' },
    { regionId, startsOn: '2027-07-05', endsOn: '2027-08-31', venueKinds: ['school'], reason: '暑假（演示）' },
  ]);

  await seedHistory(tx, { regionId, today, rnd, venueRows, rovingRows, kitRows, truckRows, caravanRows, centrePoint, coordinatorId: coordinator!.id });
  await seedNextYearRequests(tx, { regionId, rnd, venueRows, rovingRows, coordinatorId: coordinator!.id });
  return regionId;
}

type VenueRow = typeof t.venues.$inferSelect;
type SetRow = typeof t.exhibitSets.$inferSelect;
type VehicleRow = typeof t.vehicles.$inferSelect;

interface HistoryInput {
  regionId: number;
  today: DateTime;
  rnd: ReturnType<typeof prng>;
  venueRows: VenueRow[];
  rovingRows: SetRow[];
  kitRows: SetRow[];
  truckRows: VehicleRow[];
  caravanRows: VehicleRow[];
  centrePoint: Map<number, { lng: number; lat: number }>;
  coordinatorId: number;
}

/**
 * A published 2025-2026 plan of past and confirmed stays: every roving set visits a different
 * county each time (no county sees a theme twice), and caravans made day visits in 2026. Completed
 * stays have visit reports; their requests are completed.
 */
async function seedHistory(tx: Tx, h: HistoryInput) {
  const [plan] = await tx
    .insert(t.plans)
    .values({
      regionId: h.regionId,
      name: '2025–2026 年度巡展计划（演示）',
      status: 'published',
      version: 1,
      horizonStart: '2025-01-01',
      horizonEnd: '2026-12-31',
      publishedAt: new Date('2024-12-20T02:00:00Z'),
      createdBy: h.coordinatorId,
      isDemo: true,
    })
    .returning();
  const planId = plan!.id;
  const horizonEnd = day('2026-12-31');
  const busy = new Map<number, Array<[string, string]>>(); // venue id → occupied [start, end]
  const free = (venueId: number, s: string, e: string) => !(busy.get(venueId) ?? []).some(([a, b]) => s <= b && a <= e);
  const occupy = (venueId: number, s: string, e: string) => busy.set(venueId, [...(busy.get(venueId) ?? []), [s, e]]);
  const road = (a: { lng: number; lat: number }, b: { lng: number; lat: number }) => roadMetres(a, b, 1.5);

  type Planned = { vehicle: VehicleRow; set: SetRow; venue: VenueRow; starts: DateTime; opens: DateTime; closes: DateTime; ends: DateTime; audience: number };
  const planned: Planned[] = [];

  h.rovingRows.forEach((set, i) => {
    const vehicle = h.truckRows[i]!;
    const seen = new Set<number>();
    let d = day('2025-03-03').plus({ days: i * 9 });
    for (;;) {
      const opens = d.plus({ days: set.setupDays });
      const closes = opens.plus({ days: 55 });
      const ends = closes.plus({ days: set.teardownDays });
      if (ends > horizonEnd) break;
      const candidates = h.venueRows.filter((v) => !seen.has(v.id) && v.floorAreaM2 >= set.footprintM2 && free(v.id, iso(d), iso(ends)));
      if (candidates.length === 0) break;
      const venue = h.rnd.pick(candidates);
      seen.add(venue.id);
      occupy(venue.id, iso(d), iso(ends));
      planned.push({ vehicle, set, venue, starts: d, opens, closes, ends, audience: h.rnd.int(30, 50) * 1000 });
      d = ends.plus({ days: h.rnd.int(3, 12) });
    }
  });
  h.caravanRows.forEach((vehicle, i) => {
    const set = h.kitRows[i]!;
    let d = day('2026-03-02').plus({ days: i });
    // A caravan works its own part of the province: each visit is one of the few free venues
    // nearest to where it was (or to its centre), so the history reads like real tours.
    let here = h.centrePoint.get(vehicle.homeCentreId)!;
    while (d < day('2026-12-10')) {
      const open = h.rnd.int(1, 2);
      const ends = d.plus({ days: open - 1 });
      const near = h.venueRows
        .filter((v) => free(v.id, iso(d), iso(ends)))
        .sort((a, b) => road(here, a) - road(here, b) || a.id - b.id)
        .slice(0, 5);
      const venue = h.rnd.pick(near);
      here = venue;
      occupy(venue.id, iso(d), iso(ends));
      planned.push({ vehicle, set, venue, starts: d, opens: d, closes: ends, ends, audience: h.rnd.int(5, 14) * 100 });
      // Summer break and rest days between visits.
      d = ends.plus({ days: h.rnd.int(2, 6) });
      if (d.month === 7 || d.month === 8) d = day(`${d.year}-09-01`);
    }
  });

  const requestRows = await tx
    .insert(t.requests)
    .values(
      planned.map((p) => ({
        regionId: h.regionId,
        venueId: p.venue.id,
        setKind: p.set.kind,
        exhibitSetId: null,
        windowStart: iso(p.starts.minus({ days: 30 })),
        windowEnd: iso(p.ends.plus({ days: 30 })),
        openDays: Math.round(p.closes.diff(p.opens, 'days').days) + 1,
        expectedAudience: p.audience,
        status: p.ends < h.today ? ('completed' as const) : ('confirmed' as const),
        createdAt: p.starts.minus({ days: 120 }).toJSDate(),
        updatedAt: p.ends.toJSDate(),
        isDemo: true,
      })),
    )
    .returning({ id: t.requests.id, status: t.requests.status, createdAt: t.requests.createdAt });
  await tx.insert(t.requestStatusHistory).values(
    requestRows.flatMap((r) => [
      { requestId: r.id, fromStatus: null, toStatus: 'requested' as const, at: r.createdAt },
      { requestId: r.id, fromStatus: 'requested' as const, toStatus: r.status, actorUserId: h.coordinatorId, at: r.createdAt },
    ]),
  );

  const tourRows = await tx
    .insert(t.tours)
    .values([...h.truckRows, ...h.caravanRows].map((v) => ({ planId, vehicleId: v.id })))
    .returning();
  const tourOf = new Map(tourRows.map((r) => [r.vehicleId, r.id]));
  const seqOf = new Map<number, number>();
  const stopRows = await tx
    .insert(t.stops)
    .values(
      planned.map((p, i) => {
        const seq = (seqOf.get(p.vehicle.id) ?? 0) + 1;
        seqOf.set(p.vehicle.id, seq);
        const done = p.ends < h.today;
        return {
          planId,
          tourId: tourOf.get(p.vehicle.id)!,
          seq,
          vehicleId: p.vehicle.id,
          exhibitSetId: p.set.id,
          venueId: p.venue.id,
          requestId: requestRows[i]!.id,
          startsOn: iso(p.starts),
          opensOn: iso(p.opens),
          closesOn: iso(p.closes),
          endsOn: iso(p.ends),
          status: done ? ('completed' as const) : ('confirmed' as const),
          pinned: true,
          arrivedAt: done ? p.starts.set({ hour: 9 }).toJSDate() : null,
          completedAt: done ? p.ends.set({ hour: 17 }).toJSDate() : null,
        };
      }),
    )
    .returning();
  await tx.insert(t.visitReports).values(
    stopRows
      .map((s, i) => ({ s, p: planned[i]! }))
      .filter(({ s }) => s.status === 'completed')
      .map(({ s, p }) => ({
        stopId: s.id,
        attendance: Math.round(p.audience * (0.8 + h.rnd.next() * 0.4)),
        activities: p.set.kind === 'roving_museum' ? h.rnd.int(8, 20) : 1,
        reportedAt: p.ends.plus({ days: 2 }).toJSDate(),
      })),
  );

  // Legs: from the home centre, between stays, home again whenever a trip reaches the vehicle's
  // maximum length, and home at the end (the same rule a checked edit uses).
  await recomputeLegs(tx, planId, [...h.truckRows, ...h.caravanRows].map((v) => v.id));
}

/** About a year of requests for 2027: roving-museum stays (all key counties ask) and caravan days. */
async function seedNextYearRequests(
  tx: Tx,
  p: { regionId: number; rnd: ReturnType<typeof prng>; venueRows: VenueRow[]; rovingRows: SetRow[]; coordinatorId: number },
) {
  const { rnd } = p;
  const year = 2027;
  const yearEnd = day(`${year}-12-31`);
  const key = p.venueRows.filter((v) => v.priorityTier === 'key');
  const others = p.venueRows.filter((v) => v.priorityTier !== 'key');
  const roving = [...key, ...others.filter(() => rnd.next() < 0.2)];
  const themes = p.rovingRows.map((s) => s.theme);
  type Req = typeof t.requests.$inferInsert;
  const rows: Req[] = [];
  roving.forEach((venue, i) => {
    const start = day(`${year}-01-01`).plus({ months: rnd.int(0, 7) });
    const end = DateTime.min(start.plus({ months: rnd.int(4, 6) }), yearEnd);
    const status = i % 12 === 5 ? 'requested' : i % 17 === 3 ? 'declined' : 'approved';
    rows.push({
      regionId: p.regionId,
      venueId: venue.id,
      setKind: 'roving_museum',
      theme: i % 4 === 1 ? rnd.pick(themes) : null,
      windowStart: iso(start),
      windowEnd: iso(end),
      openDays: rnd.pick([42, 49, 56]),
      expectedAudience: rnd.int(25, 50) * 1000,
      notes: '演示数据',
      status,
      reason: status === 'declined' ? { code: 'VENUE_NOT_READY', params: { note: '场地改造中（演示）' } } : null,
      createdBy: null,
      isDemo: true,
    });
  });
  for (const venue of p.venueRows) {
    const n = rnd.int(2, 4);
    for (let k = 0; k < n; k++) {
      const start = day(`${year}-02-15`).plus({ days: rnd.int(0, 280) });
      const end = DateTime.min(start.plus({ days: rnd.int(30, 60) }), yearEnd);
      rows.push({
        regionId: p.regionId,
        venueId: venue.id,
        setKind: 'caravan_kit',
        windowStart: iso(start),
        windowEnd: iso(end),
        openDays: rnd.pick([1, 1, 2, 2, 3]),
        expectedAudience: rnd.int(5, 15) * 100,
        notes: '演示数据',
        status: 'approved',
        isDemo: true,
      });
    }
  }
  const created = day(`${year - 1}-11-01`).toJSDate();
  const inserted = await tx
    .insert(t.requests)
    .values(rows.map((r) => ({ ...r, createdAt: created, updatedAt: created })))
    .returning({ id: t.requests.id, status: t.requests.status, reason: t.requests.reason });
  await tx.insert(t.requestStatusHistory).values(
    inserted.flatMap((r) => [
      { requestId: r.id, fromStatus: null, toStatus: 'requested' as const, at: created },
      ...(r.status === 'requested'
        ? []
        : [{ requestId: r.id, fromStatus: 'requested' as const, toStatus: r.status, reason: r.reason, actorUserId: p.coordinatorId, at: created }]),
    ]),
  );
}

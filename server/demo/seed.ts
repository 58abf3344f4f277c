import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import { DateTime } from 'luxon';
import { HolidayCalendar } from '../../jobs/planning/calendar.js';
import { roadMetres } from '../../jobs/planning/geo.js';
import { recomputeLegs } from '../../jobs/planning/validate.js';
import type { Db, Tx } from '../db/client.js';
import * as t from '../db/schema/index.js';
import { demoCaravans, demoCentres, demoDriverNames, demoHostCounties, demoRovingSets } from './catalogue.js';

// The Guizhou demo, seeded relative to the day it is started, so that it looks the same whenever
// someone starts it: last year is history (completed stays with visit reports), this year is the
// published timeline (completed, under way and upcoming stays), next year is requests to plan.

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
 * Seeds the Guizhou demo region around `today` (YYYY-MM-DD in Asia/Shanghai, the app clock's today),
 * but only into an empty database: if any region exists, nothing is written. One transaction, so a
 * failed seed leaves the database empty. The same `today` always gives the same demo.
 */
export async function seedDemoIfEmpty(db: Db, opts: { today: string }): Promise<SeedResult> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(t.regions);
  if (n > 0) return { seeded: false };
  const today = day(opts.today);
  if (!today.isValid) throw new RangeError(`seedDemoIfEmpty: not a date: ${opts.today}`);
  // argon2id takes tens of milliseconds per hash: hash each distinct password once and reuse it.
  const hashes = {
    coordinator: await hash(DEMO_PASSWORDS.coordinator),
    host: await hash(DEMO_PASSWORDS.host),
    driver: await hash(DEMO_PASSWORDS.driver),
  };
  const regionId = await db.transaction((tx) => seedDemo(tx, today, hashes));
  return { seeded: true, regionId };
}

type Rnd = ReturnType<typeof prng>;
type VenueRow = typeof t.venues.$inferSelect;
type SetRow = typeof t.exhibitSets.$inferSelect;
type VehicleRow = typeof t.vehicles.$inferSelect;
type Hashes = Record<keyof typeof DEMO_PASSWORDS, string>;

/** What the catalogue steps made, for the timeline and request steps. */
interface Catalogue {
  regionId: number;
  venues: VenueRow[];
  roving: SetRow[];
  kits: SetRow[];
  trucks: VehicleRow[];
  caravans: VehicleRow[];
  centrePoint: Map<number, { lng: number; lat: number }>;
}

async function seedDemo(tx: Tx, today: DateTime, hashes: Hashes): Promise<number> {
  const rnd = prng(52);
  const counties = guizhouCounties();
  await tx.insert(t.counties).values(counties);
  const [region] = await tx
    .insert(t.regions)
    .values({ code: '52', nameZh: '贵州省', nameEn: 'Guizhou', timeZone: ZONE, roadFactor: 1.5, averageSpeedKmh: 45, noveltyMonths: 36, isDemo: true })
    .returning();
  const regionId = region!.id;
  const centres = await insertCentres(tx, regionId, counties);
  const venues = await insertVenues(tx, regionId, counties, rnd);
  const sets = await insertSets(tx, regionId, centres.idOf);
  const vehicles = await insertVehicles(tx, regionId, centres.idOf, sets);
  const coordinatorId = await insertPeople(tx, regionId, hashes, venues, [...vehicles.trucks, ...vehicles.caravans]);
  await insertClosures(tx, regionId, today.year + 1);
  const catalogue: Catalogue = { regionId, venues, ...sets, ...vehicles, centrePoint: centres.point };
  await seedTimeline(tx, catalogue, today, rnd, coordinatorId);
  await seedNextYearRequests(tx, catalogue, today, rnd, coordinatorId);
  return regionId;
}

// ---- The catalogue: centres, venues, sets, vehicles, people ----

async function insertCentres(tx: Tx, regionId: number, counties: CountyFact[]) {
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const rows = await tx
    .insert(t.centres)
    .values(
      demoCentres.map((c) => {
        const county = byCode.get(c.countyCode)!;
        return { regionId, name: c.name, kind: c.kind, countyCode: c.countyCode, address: `${county.prefecture}${county.name}`, lng: county.lng, lat: county.lat, isDemo: true };
      }),
    )
    .returning();
  return {
    idOf: new Map(demoCentres.map((c, i) => [c.key, rows[i]!.id])),
    point: new Map(rows.map((c) => [c.id, { lng: c.lng, lat: c.lat }])),
  };
}

/** One venue at each county seat, with its real county code; the 20 key counties flagged. */
async function insertVenues(tx: Tx, regionId: number, counties: CountyFact[], rnd: Rnd) {
  return tx
    .insert(t.venues)
    .values(
      counties.map((c, i) => ({
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
        // Invented: no local number in China starts with 0 after the area code.
        contactPhone: `0851-0100${String(i + 1).padStart(4, '0')}`,
        isDemo: true,
      })),
    )
    .returning();
}

async function insertSets(tx: Tx, regionId: number, centreId: Map<string, number>) {
  const roving = await tx
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
  const kits = await tx
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
  return { roving, kits };
}

/** A truck per roving set, a caravan per kit, each carrying its own set. */
async function insertVehicles(tx: Tx, regionId: number, centreId: Map<string, number>, sets: { roving: SetRow[]; kits: SetRow[] }) {
  const trucks = await tx
    .insert(t.vehicles)
    .values(
      sets.roving.map((s) => ({
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
  const caravans = await tx
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
    ...trucks.map((v, i) => ({ vehicleId: v.id, exhibitSetId: sets.roving[i]!.id })),
    ...caravans.map((v, i) => ({ vehicleId: v.id, exhibitSetId: sets.kits[i]!.id })),
  ]);
  return { trucks, caravans };
}

/** One coordinator, hosts for some counties, a driver (with an account) per vehicle; returns the coordinator. */
async function insertPeople(tx: Tx, regionId: number, hashes: Hashes, venues: VenueRow[], vehicles: VehicleRow[]): Promise<number> {
  const [coordinator] = await tx
    .insert(t.users)
    .values({ username: 'coordinator', displayName: '贵州省中心协调员（演示）', passwordHash: hashes.coordinator, isDemo: true })
    .returning();
  await tx.insert(t.userRoles).values({ userId: coordinator!.id, role: 'coordinator', regionId });
  const venueByCode = new Map(venues.map((v) => [v.countyCode, v]));
  for (const code of demoHostCounties) {
    const venue = venueByCode.get(code)!;
    const [host] = await tx
      .insert(t.users)
      .values({ username: `host-${code}`, displayName: `${venue.countyName}科协（演示）`, passwordHash: hashes.host, isDemo: true })
      .returning();
    await tx.insert(t.userRoles).values({ userId: host!.id, role: 'host', venueId: venue.id });
  }
  for (const [i, v] of vehicles.entries()) {
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
  return coordinator!.id;
}

/** School breaks of the year to plan: they do not touch county museums but show how a region marks them. */
async function insertClosures(tx: Tx, regionId: number, year: number) {
  await tx.insert(t.regionClosures).values([
    { regionId, startsOn: `${year}-01-18`, endsOn: `${year}-02-26`, venueKinds: ['school'], reason: '寒假（演示）' },
    { regionId, startsOn: `${year}-07-05`, endsOn: `${year}-08-31`, venueKinds: ['school'], reason: '暑假（演示）' },
  ]);
}

// ---- The timeline: last year's and this year's stays on the published plan ----

/** A stay the seed lays out, before it is written. */
interface Laid {
  vehicle: VehicleRow;
  set: SetRow;
  venue: VenueRow;
  starts: DateTime;
  opens: DateTime;
  closes: DateTime;
  ends: DateTime;
  audience: number;
}

/** Which venues are taken on which days, so no two stays share a venue. */
class Occupancy {
  private readonly busy = new Map<number, Array<[string, string]>>();
  free(venueId: number, s: DateTime, e: DateTime): boolean {
    return !(this.busy.get(venueId) ?? []).some(([a, b]) => iso(s) <= b && a <= iso(e));
  }
  take(venueId: number, s: DateTime, e: DateTime): void {
    this.busy.set(venueId, [...(this.busy.get(venueId) ?? []), [iso(s), iso(e)]]);
  }
}

/** Where a stay stands on `today`: done before it, under way across it, or still to come. */
type Phase = 'completed' | 'arrived' | 'confirmed' | 'planned';

/**
 * Done stays are completed; a stay across today is under way (arrived); upcoming stays are
 * confirmed by their host when they start within 60 days (and every third one later), else planned.
 */
function phaseOf(s: Laid, index: number, today: DateTime): Phase {
  if (s.ends < today) return 'completed';
  if (s.starts <= today) return 'arrived';
  return s.starts <= today.plus({ days: 60 }) || index % 3 === 0 ? 'confirmed' : 'planned';
}

/** Days of stays the published plan holds after today, whatever the date (so late in December too). */
const UPCOMING_DAYS = 60;

async function seedTimeline(tx: Tx, c: Catalogue, today: DateTime, rnd: Rnd, coordinatorId: number) {
  const first = today.startOf('year').minus({ years: 1 });
  const last = DateTime.max(today.endOf('year').startOf('day'), today.plus({ days: UPCOMING_DAYS }));
  const [plan] = await tx
    .insert(t.plans)
    .values({
      regionId: c.regionId,
      name: `${first.year}–${last.year} 年度巡展计划（演示）`,
      status: 'published',
      version: 1,
      horizonStart: iso(first),
      horizonEnd: iso(last),
      publishedAt: first.minus({ days: 12 }).set({ hour: 10 }).toJSDate(),
      createdBy: coordinatorId,
      isDemo: true,
    })
    .returning();
  const taken = new Occupancy();
  const calendar = new HolidayCalendar();
  const laid = [...layRovingStays(c, { first, last, today }, rnd, taken, calendar), ...layCaravanVisits(c, first, last, rnd, taken, calendar)];
  const phases = laid.map((s, i) => phaseOf(s, i, today));
  const requestIds = await insertStayRequests(tx, c.regionId, laid, phases, today, coordinatorId);
  await insertStays(tx, plan!.id, c, laid, phases, requestIds, today, rnd);
  // Legs: from the home centre, between stays, home again whenever a trip reaches the vehicle's
  // maximum length, and home at the end (the same rule a checked edit uses).
  await recomputeLegs(tx, plan!.id, [...c.trucks, ...c.caravans].map((v) => v.id));
}

/** The first working day on or after `d` (a roving set is set up on a working day). */
function workdayFrom(d: DateTime, calendar: HolidayCalendar): DateTime {
  let x = d;
  while (calendar.isHoliday(iso(x)) || (x.weekday > 5 && !calendar.isMakeupWorkday(iso(x)))) x = x.plus({ days: 1 });
  return x;
}

/**
 * Roving sets tour from March of last year, one stay after another: every set visits a different
 * county each time (no county sees a theme twice), so novelty has something to bite on. A stay
 * that would begin after today, the one before having ended, begins a few weeks before today
 * instead, so that whatever the date each truck has a stay under way (arrived) when it can.
 */
function layRovingStays(c: Catalogue, span: { first: DateTime; last: DateTime; today: DateTime }, rnd: Rnd, taken: Occupancy, calendar: HolidayCalendar): Laid[] {
  const { first, last, today } = span;
  const out: Laid[] = [];
  c.roving.forEach((set, i) => {
    const vehicle = c.trucks[i]!;
    const seen = new Set<number>();
    let d = workdayFrom(first.set({ month: 3, day: 3 }).plus({ days: i * 9 }), calendar);
    let before = first;
    for (;;) {
      if (before < today && d > today) d = workdayFrom(DateTime.max(before.plus({ days: 1 }), today.minus({ days: 12 + 3 * i })), calendar);
      const opens = d.plus({ days: set.setupDays });
      const closes = opens.plus({ days: 55 });
      const ends = closes.plus({ days: set.teardownDays });
      if (ends > last) break;
      const candidates = c.venues.filter((v) => !seen.has(v.id) && v.floorAreaM2 >= set.footprintM2 && v.powerKw >= set.powerKw && taken.free(v.id, d, ends));
      if (candidates.length === 0) break;
      const venue = rnd.pick(candidates);
      seen.add(venue.id);
      taken.take(venue.id, d, ends);
      out.push({ vehicle, set, venue, starts: d, opens, closes, ends, audience: rnd.int(30, 50) * 1000 });
      before = ends;
      d = workdayFrom(ends.plus({ days: rnd.int(3, 12) }), calendar);
    }
  });
  return out;
}

/**
 * Caravans make one- and two-day visits from March of last year until the plan's last day, off in
 * July and August (the school summer break) and on public holidays. Each visit is one of the few
 * free venues nearest to where the caravan was (or to its centre), so the history reads like real
 * tours.
 */
function layCaravanVisits(c: Catalogue, first: DateTime, last: DateTime, rnd: Rnd, taken: Occupancy, calendar: HolidayCalendar): Laid[] {
  const out: Laid[] = [];
  const road = (a: { lng: number; lat: number }, b: { lng: number; lat: number }) => roadMetres(a, b, 1.5);
  const offDay = (d: DateTime) => calendar.isHoliday(iso(d));
  c.caravans.forEach((vehicle, i) => {
    const set = c.kits[i]!;
    let d = first.set({ month: 3, day: 2 }).plus({ days: i });
    let here = c.centrePoint.get(vehicle.homeCentreId)!;
    while (d < last.minus({ days: 1 })) {
      const ends = d.plus({ days: rnd.int(1, 2) - 1 });
      if (offDay(d) || offDay(ends)) {
        d = d.plus({ days: 1 });
        continue;
      }
      const near = c.venues
        .filter((v) => taken.free(v.id, d, ends))
        .sort((a, b) => road(here, a) - road(here, b) || a.id - b.id)
        .slice(0, 5);
      const venue = rnd.pick(near);
      here = venue;
      taken.take(venue.id, d, ends);
      out.push({ vehicle, set, venue, starts: d, opens: d, closes: ends, ends, audience: rnd.int(5, 14) * 100 });
      // Rest days between visits, and the summer break.
      d = ends.plus({ days: rnd.int(2, 6) });
      if (d.month === 7 || d.month === 8) d = day(`${d.year}-09-01`);
    }
  });
  return out;
}

const requestStatusOf = { completed: 'completed', arrived: 'confirmed', confirmed: 'confirmed', planned: 'scheduled' } as const;

/** The request behind each stay (asked well before it, never after today), with its history. */
async function insertStayRequests(tx: Tx, regionId: number, laid: Laid[], phases: Phase[], today: DateTime, coordinatorId: number) {
  const notAfterToday = (d: DateTime) => DateTime.min(d, today.minus({ days: 1 }).set({ hour: 10 }));
  const rows = await tx
    .insert(t.requests)
    .values(
      laid.map((p, i) => ({
        regionId,
        venueId: p.venue.id,
        setKind: p.set.kind,
        exhibitSetId: null,
        windowStart: iso(p.starts.minus({ days: 30 })),
        windowEnd: iso(p.ends.plus({ days: 30 })),
        openDays: Math.round(p.closes.diff(p.opens, 'days').days) + 1,
        expectedAudience: p.audience,
        status: requestStatusOf[phases[i]!],
        createdAt: notAfterToday(p.starts.minus({ days: 120 })).toJSDate(),
        updatedAt: notAfterToday(p.ends.set({ hour: 18 })).toJSDate(),
        isDemo: true,
      })),
    )
    .returning({ id: t.requests.id, status: t.requests.status, createdAt: t.requests.createdAt });
  await tx.insert(t.requestStatusHistory).values(
    rows.flatMap((r) => [
      { requestId: r.id, fromStatus: null, toStatus: 'requested' as const, at: r.createdAt },
      { requestId: r.id, fromStatus: 'requested' as const, toStatus: r.status, actorUserId: coordinatorId, at: r.createdAt },
    ]),
  );
  return rows.map((r) => r.id);
}

/** The stays themselves, in order on each vehicle's tour, and a visit report for every completed one. */
async function insertStays(tx: Tx, planId: number, c: Catalogue, laid: Laid[], phases: Phase[], requestIds: number[], today: DateTime, rnd: Rnd) {
  const tours = await tx
    .insert(t.tours)
    .values([...c.trucks, ...c.caravans].map((v) => ({ planId, vehicleId: v.id })))
    .returning();
  const tourOf = new Map(tours.map((r) => [r.vehicleId, r.id]));
  const order = laid.map((_, i) => i).sort((a, b) => laid[a]!.vehicle.id - laid[b]!.vehicle.id || laid[a]!.starts.toMillis() - laid[b]!.starts.toMillis());
  const seqOf = new Map<number, number>();
  const rows = await tx
    .insert(t.stops)
    .values(
      order.map((i) => {
        const p = laid[i]!;
        const phase = phases[i]!;
        const seq = (seqOf.get(p.vehicle.id) ?? 0) + 1;
        seqOf.set(p.vehicle.id, seq);
        const begun = phase === 'completed' || phase === 'arrived';
        return {
          planId,
          tourId: tourOf.get(p.vehicle.id)!,
          seq,
          vehicleId: p.vehicle.id,
          exhibitSetId: p.set.id,
          venueId: p.venue.id,
          requestId: requestIds[i]!,
          startsOn: iso(p.starts),
          opensOn: iso(p.opens),
          closesOn: iso(p.closes),
          endsOn: iso(p.ends),
          status: phase,
          pinned: phase !== 'planned',
          arrivedAt: begun ? DateTime.min(p.starts.set({ hour: 9 }), today.set({ hour: 9 })).toJSDate() : null,
          completedAt: phase === 'completed' ? p.ends.set({ hour: 17 }).toJSDate() : null,
        };
      }),
    )
    .returning();
  const laidOf = new Map(rows.map((s, k) => [s.id, laid[order[k]!]!]));
  const done = rows.filter((s) => s.status === 'completed');
  if (done.length === 0) return;
  await tx.insert(t.visitReports).values(
    done.map((s) => {
      const p = laidOf.get(s.id)!;
      return {
        stopId: s.id,
        attendance: Math.round(p.audience * (0.8 + rnd.next() * 0.4)),
        activities: p.set.kind === 'roving_museum' ? rnd.int(8, 20) : 1,
        // The evening of the last day (a report is allowed from the last open day on).
        reportedAt: p.ends.set({ hour: 18 }).toJSDate(),
      };
    }),
  );
}

// ---- Next year: requests to plan ----

/**
 * About a year of requests for next year: roving-museum stays (all key counties ask) and caravan
 * days; most approved, some still requested, a few declined. Asked in the weeks before today.
 */
async function seedNextYearRequests(tx: Tx, c: Catalogue, today: DateTime, rnd: Rnd, coordinatorId: number) {
  const year = today.year + 1;
  const rows = [...rovingRequests(c, year, rnd), ...caravanRequests(c, year, rnd)];
  const inserted = await tx
    .insert(t.requests)
    .values(
      rows.map((r) => {
        const created = today.minus({ days: rnd.int(7, 60) }).set({ hour: 10 }).toJSDate();
        return { ...r, createdAt: created, updatedAt: created };
      }),
    )
    .returning({ id: t.requests.id, status: t.requests.status, reason: t.requests.reason, createdAt: t.requests.createdAt });
  await tx.insert(t.requestStatusHistory).values(
    inserted.flatMap((r) => [
      { requestId: r.id, fromStatus: null, toStatus: 'requested' as const, at: r.createdAt },
      ...(r.status === 'requested'
        ? []
        : [{ requestId: r.id, fromStatus: 'requested' as const, toStatus: r.status, reason: r.reason, actorUserId: coordinatorId, at: r.createdAt }]),
    ]),
  );
}

type RequestInsert = typeof t.requests.$inferInsert;

function rovingRequests(c: Catalogue, year: number, rnd: Rnd): RequestInsert[] {
  const yearEnd = day(`${year}-12-31`);
  const key = c.venues.filter((v) => v.priorityTier === 'key');
  const others = c.venues.filter((v) => v.priorityTier !== 'key');
  const asking = [...key, ...others.filter(() => rnd.next() < 0.2)];
  const themes = c.roving.map((s) => s.theme);
  return asking.map((venue, i) => {
    const start = day(`${year}-01-01`).plus({ months: rnd.int(0, 7) });
    const end = DateTime.min(start.plus({ months: rnd.int(4, 6) }), yearEnd);
    const status = i % 12 === 5 ? 'requested' : i % 17 === 3 ? 'declined' : 'approved';
    return {
      regionId: c.regionId,
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
    };
  });
}

function caravanRequests(c: Catalogue, year: number, rnd: Rnd): RequestInsert[] {
  const yearEnd = day(`${year}-12-31`);
  const rows: RequestInsert[] = [];
  for (const venue of c.venues) {
    const n = rnd.int(2, 4);
    for (let k = 0; k < n; k++) {
      const start = day(`${year}-02-15`).plus({ days: rnd.int(0, 280) });
      const end = DateTime.min(start.plus({ days: rnd.int(30, 60) }), yearEnd);
      rows.push({
        regionId: c.regionId,
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
  return rows;
}

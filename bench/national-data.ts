import { readFileSync } from 'node:fs';
import type { Db } from '../server/db/client.js';
import * as t from '../server/db/schema/index.js';
import { prng } from './planning-province.js';

// The synthetic national deployment of `npm run bench:national`: one region per province-level unit
// of the project's county data (bench/data/counties-cn.json: the real county seats), each with a
// catalogue of DESIGN.md's provincial size times `scale`: 60 caravans with a kit each, 20 roving
// sets with a truck each, 3,600 caravan visit requests and a roving stay request per county and set
// cycle. Five centres at county seats spread across the province; four township, school or
// resettlement venues 8-25 km around each county seat; tiers drawn as in bench:planning (20% of
// counties key, 40% of the rest former poverty). Seeded per province: every run stores the same data.

interface County {
  code: string;
  name: string;
  province: string;
  lng: number;
  lat: number;
}

export interface Province {
  code: string;
  name: string;
  counties: County[];
}

/** The province-level units of the county data, in the order of their codes. */
export function provinces(): Province[] {
  const counties = JSON.parse(readFileSync(new URL('./data/counties-cn.json', import.meta.url), 'utf8')) as County[];
  const by = new Map<string, Province>();
  for (const c of counties) {
    const code = c.code.slice(0, 2);
    if (!by.has(code)) by.set(code, { code, name: c.province, counties: [] });
    by.get(code)!.counties.push(c);
  }
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export interface Sizes {
  caravans: number;
  rovingSets: number;
  requests: number;
}

/** DESIGN.md's province times `scale` (at least one of each). */
export function sizesOf(scale: number): Sizes {
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  return { caravans: n(60), rovingSets: n(20), requests: n(3600) };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000));
const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Stores one province's region and catalogue for planning `year`; returns the region's id and its counts. */
export async function storeProvince(db: Db, p: Province, sizes: Sizes, year: number) {
  const rnd = prng(Number(p.code) * 7919);
  const [region] = await db.insert(t.regions).values({ code: p.code, nameZh: `${p.name}（合成）`, nameEn: `Province ${p.code} (synthetic)`, roadFactor: 1.4, averageSpeedKmh: 50 }).returning();
  const regionId = region!.id;
  // Centres at five county seats spread west to east.
  const byLng = [...p.counties].sort((a, b) => a.lng - b.lng);
  const seats = [...new Set([0, 0.25, 0.5, 0.75, 1].map((q) => byLng[Math.round(q * (byLng.length - 1))]!))];
  const centres = await db
    .insert(t.centres)
    .values(seats.map((c, i) => ({ regionId, name: `${c.name}中心`, kind: i === 0 ? ('provincial' as const) : ('sub' as const), countyCode: c.code, lng: c.lng, lat: c.lat })))
    .returning();
  const kinds = ['school', 'township_square', 'school', 'resettlement_community'] as const;
  const venueRows = p.counties.flatMap((c) => {
    const tier = rnd() < 0.2 ? ('key' as const) : rnd() < 0.4 ? ('former_poverty' as const) : ('other' as const);
    const seat = { regionId, countyCode: c.code, countyName: c.name, name: `${c.name}科技馆`, kind: 'county_museum' as const, level: 'county' as const, lng: c.lng, lat: c.lat, floorAreaM2: 800, powerKw: 60, priorityTier: tier };
    const around = kinds.map((kind, k) => {
      const r = (8 + rnd() * 17) / 111;
      const a = rnd() * 2 * Math.PI;
      const school = kind === 'school';
      return {
        ...seat,
        name: `${c.name}${school ? '中学' : '乡镇'}${k + 1}`,
        kind,
        level: school ? ('county' as const) : ('township' as const),
        lng: c.lng + (r * Math.cos(a)) / Math.cos((c.lat * Math.PI) / 180),
        lat: c.lat + r * Math.sin(a),
        floorAreaM2: 300,
        powerKw: 20,
        openWeekdays: school ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7],
      };
    });
    return [seat, ...around];
  });
  const venues: { id: number; kind: string }[] = [];
  for (const part of chunks(venueRows, 500)) venues.push(...(await db.insert(t.venues).values(part).returning({ id: t.venues.id, kind: t.venues.kind })));
  const museums = venues.filter((v) => v.kind === 'county_museum');
  const centreOf = (i: number) => centres[i % centres.length]!.id;
  const kits = Array.from({ length: sizes.caravans }, (_, i) => ({ regionId, homeCentreId: centreOf(i), code: `KP-${p.code}-${i + 1}`, name: `科普大篷车套组${i + 1}`, theme: `theme-${i % 8}`, kind: 'caravan_kit' as const, footprintM2: 100, powerKw: 8, exhibitCount: 24, setupDays: 0, teardownDays: 0, minStayDays: 1, maxStayDays: 3 }));
  const roving = Array.from({ length: sizes.rovingSets }, (_, i) => ({ regionId, homeCentreId: centreOf(i), code: `LD-${p.code}-${i + 1}`, name: `流动科技馆${i + 1}`, theme: `roving-${i}`, kind: 'roving_museum' as const, footprintM2: 500, powerKw: 30, exhibitCount: 50, setupDays: 3, teardownDays: 2, minStayDays: 14, maxStayDays: 90 }));
  const sets = await db.insert(t.exhibitSets).values([...kits, ...roving]).returning({ id: t.exhibitSets.id, kind: t.exhibitSets.kind, homeCentreId: t.exhibitSets.homeCentreId, code: t.exhibitSets.code });
  const vehicles = await db
    .insert(t.vehicles)
    .values(sets.map((s) => ({ regionId, homeCentreId: s.homeCentreId, name: s.code, type: s.kind === 'caravan_kit' ? ('caravan_iv' as const) : ('set_truck' as const), maxTripDays: s.kind === 'caravan_kit' ? 30 : null })))
    .returning({ id: t.vehicles.id });
  await db.insert(t.vehicleSets).values(vehicles.map((v, i) => ({ vehicleId: v.id, exhibitSetId: sets[i]!.id })));
  const caravanRequests = Array.from({ length: sizes.requests }, () => {
    const start = addDays(`${year}-02-20`, Math.floor(rnd() * 270));
    const end = addDays(start, 30 + Math.floor(rnd() * 31));
    const u = rnd();
    return { regionId, venueId: venues[Math.floor(rnd() * venues.length)]!.id, setKind: 'caravan_kit' as const, windowStart: start, windowEnd: end > `${year}-12-31` ? `${year}-12-31` : end, openDays: u < 0.7 ? 1 : u < 0.95 ? 2 : 3, status: 'approved' as const };
  });
  // Roving stays: each set about three stays of 4-8 weeks a year, at county museums.
  const rovingRequests = Array.from({ length: sizes.rovingSets * 3 }, () => {
    const start = addDays(`${year}-01-05`, Math.floor(rnd() * 240));
    return { regionId, venueId: museums[Math.floor(rnd() * museums.length)]!.id, setKind: 'roving_museum' as const, windowStart: start, windowEnd: addDays(start, 100), openDays: 28 + Math.floor(rnd() * 29), status: 'approved' as const };
  });
  const requests = [...caravanRequests, ...rovingRequests];
  for (const part of chunks(requests, 1000)) await db.insert(t.requests).values(part);
  return { regionId, counties: p.counties.length, venues: venues.length, vehicles: vehicles.length, requests: requests.length };
}

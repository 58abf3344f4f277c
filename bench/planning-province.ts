import { readFileSync } from 'node:fs';
import type { PlanningFacts, VenueFacts } from '../jobs/planning/types.js';

// A synthetic provincial year at the scale DESIGN.md estimates: the 129 real county seats of Yunnan,
// four township or school venues around each, 60 caravans from five centres, and about 3,600
// one-to-three-day visit requests. Seeded, so every run plans the same year.

interface County {
  code: string;
  name: string;
  prefecture: string;
  lng: number;
  lat: number;
}

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000));

export function provinceFacts(opts: { requests?: number; caravans?: number; seed?: number } = {}): PlanningFacts {
  const rnd = prng(opts.seed ?? 53);
  const counties = JSON.parse(readFileSync(new URL('./data/yunnan-counties.json', import.meta.url), 'utf8')) as County[];
  const centreCounties = ['530112', '532901', '532501', '530302', '530802']; // 昆明西山, 大理, 个旧, 麒麟, 思茅
  const centres = centreCounties.map((code, i) => {
    const c = counties.find((x) => x.code === code) ?? counties[i * 20]!;
    return { id: i + 1, lng: c.lng, lat: c.lat };
  });
  const keyCounties = new Set(counties.filter(() => rnd() < 0.2).map((c) => c.code));
  const venues: VenueFacts[] = [];
  const kinds = ['school', 'township_square', 'school', 'resettlement_community'] as const;
  for (const c of counties) {
    const tier = keyCounties.has(c.code) ? ('key' as const) : rnd() < 0.4 ? ('former_poverty' as const) : ('other' as const);
    venues.push({ id: venues.length + 1, countyCode: c.code, countyName: c.name, name: `${c.name}科技馆`, kind: 'county_museum', level: 'county', lng: c.lng, lat: c.lat, floorAreaM2: 800, powerKw: 60, priorityTier: tier, openWeekdays: [1, 2, 3, 4, 5, 6, 7], blackouts: [] });
    for (let k = 0; k < 4; k++) {
      const r = (8 + rnd() * 17) / 111; // 8-25 km, in degrees of latitude
      const a = rnd() * 2 * Math.PI;
      const kind = kinds[k]!;
      venues.push({
        id: venues.length + 1,
        countyCode: c.code,
        countyName: c.name,
        name: `${c.name}${kind === 'school' ? '中学' : '乡镇'}${k + 1}`,
        kind,
        level: kind === 'school' ? 'county' : 'township',
        lng: c.lng + (r * Math.cos(a)) / Math.cos((c.lat * Math.PI) / 180),
        lat: c.lat + r * Math.sin(a),
        floorAreaM2: 300,
        powerKw: 20,
        priorityTier: tier,
        openWeekdays: kind === 'school' ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7],
        blackouts: [],
      });
    }
  }
  const nCaravans = opts.caravans ?? 60;
  const sets = Array.from({ length: nCaravans }, (_, i) => ({ id: i + 1, code: `KP-${i + 1}`, name: `KP-${i + 1} kit`, theme: `theme-${i % 8}`, kind: 'caravan_kit' as const, footprintM2: 100, powerKw: 8, setupDays: 0, teardownDays: 0, minStayDays: 1, maxStayDays: 3, maintenance: [] }));
  const vehicles = sets.map((s, i) => ({ id: i + 1, name: `KP-${i + 1}`, homeCentreId: centres[i % centres.length]!.id, dailyDriveMinutes: 480, maxTripDays: 30, availableFrom: null, availableUntil: null, setIds: [s.id], maintenance: [] }));
  const nRequests = opts.requests ?? 3600;
  const requests = Array.from({ length: nRequests }, (_, i) => {
    const venue = venues[Math.floor(rnd() * venues.length)]!;
    const start = addDays('2027-02-20', Math.floor(rnd() * 270));
    const end = addDays(start, 30 + Math.floor(rnd() * 31));
    const u = rnd();
    return { id: i + 1, venueId: venue.id, setKind: 'caravan_kit' as const, exhibitSetId: null, theme: null, windowStart: start, windowEnd: end > '2027-12-31' ? '2027-12-31' : end, openDays: u < 0.7 ? 1 : u < 0.95 ? 2 : 3 };
  });
  return {
    region: { id: 1, timeZone: 'Asia/Shanghai', roadFactor: 1.5, averageSpeedKmh: 45, noveltyMonths: 36, kitNoveltyMonths: 12, eveningLegMaxMinutes: 120, dailyDriveMinutes: 480, maxConsecutiveWorkDays: 6, monthlySpeedKmh: null },
    horizonStart: '2027-01-01',
    horizonEnd: '2027-12-31',
    venues,
    closures: [
      { startsOn: '2027-01-18', endsOn: '2027-02-26', venueKinds: ['school'] },
      { startsOn: '2027-07-10', endsOn: '2027-08-31', venueKinds: ['school'] },
    ],
    centres,
    sets,
    vehicles,
    requests,
    fixedStops: [],
    history: [],
    holidays: [],
  };
}

// npm run bench:planning -- [--seconds S] [--case guizhou|province]
//
// Wall time and peak memory of planning a year: the Guizhou demo (seeded into an embedded
// database, loaded, planned, stored as a draft) and a synthetic Yunnan-sized province of about
// 3,600 visits and 60 caravans (bench/planning-province.ts, planned in memory and stored the same
// way). Each case runs in a child process of its own so that its peak RSS is its own.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(arg('seconds') ?? 20);

if (arg('child')) {
  await runCase(arg('child')!, seconds);
} else {
  const cases = arg('case') ? [arg('case')!] : ['guizhou', 'province', 'province-planner'];
  const rows: Record<string, unknown>[] = [];
  for (const c of cases) {
    const res = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', c, '--seconds', String(seconds)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (res.status !== 0) {
      console.error(res.stdout, res.stderr);
      process.exit(1);
    }
    rows.push(JSON.parse(res.stdout.trim().split('\n').at(-1)!));
  }
  console.log(`\nPlanning a year, solver budget ${seconds} s (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
  console.log('| case | requests | vehicles (trips) | stops | unserved (why) | km | idle vehicles | load s | plan s | store s | total s | peak RSS MB | validator problems | crew-rule violations |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.case} | ${r.jobs} | ${r.vehicles} (${r.trips}) | ${r.stops} | ${r.unserved} (${r.reasons}) | ${r.km} | ${r.idle} | ${r.loadS} | ${r.planS} | ${r.storeS} | ${r.totalS} | ${r.peakRssMb} | ${r.problems} | ${r.crew} |`);
  }
}

async function runCase(name: string, budget: number) {
  if (name === 'province-planner') return plannerOnly(budget);
  const { openDatabase } = await import('../server/db/client.js');
  const { planFromFacts } = await import('../jobs/planning/plan.js');
  const { saveRunPlan } = await import('../jobs/planning/store.js');
  const { loadPlanningFacts } = await import('../jobs/planning/load.js');
  const t = await import('../server/db/schema/index.js');
  const db = await openDatabase({ dataDir: 'memory' });
  await db.migrate();
  const t0 = performance.now();
  let facts;
  let regionId = 1;
  if (name === 'guizhou') {
    const { seedDemoIfEmpty } = await import('../server/demo/seed.js');
    regionId = (await seedDemoIfEmpty(db.db, { today: '2026-11-29' })).regionId!;
    facts = await loadPlanningFacts(db.db, { regionId, horizonStart: '2027-01-01', horizonEnd: '2027-12-31' });
  } else {
    const { provinceFacts } = await import('./planning-province.js');
    facts = provinceFacts();
    // The synthetic province is stored like a real one: region, centres, venues, sets, vehicles, requests.
    const [region] = await db.db.insert(t.regions).values({ code: '53', nameZh: '云南省（合成）', nameEn: 'Yunnan (synthetic)', roadFactor: facts.region.roadFactor, averageSpeedKmh: facts.region.averageSpeedKmh }).returning();
    regionId = region!.id;
    await db.db.insert(t.centres).values(facts.centres.map((c) => ({ regionId, name: `centre ${c.id}`, kind: 'sub' as const, countyCode: '530000', lng: c.lng, lat: c.lat })));
    for (let i = 0; i < facts.venues.length; i += 500) {
      await db.db.insert(t.venues).values(facts.venues.slice(i, i + 500).map((v) => ({ regionId, countyCode: v.countyCode, countyName: v.countyName, name: v.name, kind: v.kind as 'school', level: v.level as 'county', lng: v.lng, lat: v.lat, floorAreaM2: v.floorAreaM2, powerKw: v.powerKw, priorityTier: v.priorityTier, openWeekdays: [...v.openWeekdays] })));
    }
    await db.db.insert(t.exhibitSets).values(facts.sets.map((s) => ({ regionId, homeCentreId: 1, code: s.code, name: s.name, theme: s.theme, kind: s.kind, footprintM2: s.footprintM2, powerKw: s.powerKw, exhibitCount: 24, setupDays: 0, teardownDays: 0, minStayDays: 1, maxStayDays: 3 })));
    await db.db.insert(t.vehicles).values(facts.vehicles.map((v) => ({ regionId, homeCentreId: v.homeCentreId, name: v.name, type: 'caravan_iv' as const, maxTripDays: v.maxTripDays })));
    await db.db.insert(t.vehicleSets).values(facts.vehicles.flatMap((v) => v.setIds.map((exhibitSetId) => ({ vehicleId: v.id, exhibitSetId }))));
    for (let i = 0; i < facts.requests.length; i += 1000) {
      await db.db.insert(t.requests).values(facts.requests.slice(i, i + 1000).map((r) => ({ regionId, venueId: r.venueId, setKind: r.setKind, windowStart: r.windowStart, windowEnd: r.windowEnd, openDays: r.openDays, status: 'approved' as const })));
    }
  }
  const tLoaded = performance.now();
  const outcome = planFromFacts(facts, { seconds: budget, seed: 1 });
  const tPlanned = performance.now();
  const [run] = await db.db.insert(t.planningRuns).values({ regionId, horizonStart: facts.horizonStart, horizonEnd: facts.horizonEnd, status: 'running' }).returning();
  const planId = await saveRunPlan(db.db, run!, outcome);
  const tStored = performance.now();
  if (planId === null) throw new Error('plan not stored');
  // The same independent validator the tests use: a feasible plan has no problems.
  const { validateStoredPlan } = await import('../test/helpers/plan-validator.js');
  const problems = await validateStoredPlan(db.db, planId);
  // Rules 1-4 and 7 (the crew's day, rest, sets per trip and idle vehicles, novelty, one matrix).
  const { validateCrewRules } = await import('../test/helpers/validator-crew.js');
  const crew = await validateCrewRules(db.db, planId);
  if (crew.length && process.env.BENCH_DEBUG) console.error(crew.slice(0, 10));
  if (problems.length && process.env.BENCH_DEBUG) {
    const byRule: Record<string, number> = {};
    for (const p of problems) byRule[p.rule] = (byRule[p.rule] ?? 0) + 1;
    console.error(byRule, problems.slice(0, 5));
  }
  const reasons: Record<string, number> = {};
  for (const u of outcome.unserved) reasons[u.reason.code] = (reasons[u.reason.code] ?? 0) + 1;
  await db.close();
  const model = { jobs: facts.requests.length, vehicles: facts.vehicles.length };
  const trips = (await import('../jobs/planning/model.js')).buildModel(facts).shifts.length;
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    JSON.stringify({
      case: name === 'guizhou' ? 'Guizhou demo year' : 'synthetic province (Yunnan points)',
      ...model,
      trips,
      stops: outcome.stops.length,
      unserved: outcome.unserved.length,
      km: outcome.metrics.totalKm,
      loadS: s(tLoaded - t0),
      planS: s(tPlanned - tLoaded),
      storeS: s(tStored - tPlanned),
      totalS: s(tStored - t0),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      problems: problems.length,
      crew: crew.length,
      idle: idleOf(outcome),
      reasons: Object.entries(reasons).map(([k, v]) => `${k} ${v}`).join(', ') || '-',
    }),
  );
}

/** The province planned with no database at all: the planner's own time and memory. */
async function plannerOnly(budget: number) {
  const { planFromFacts } = await import('../jobs/planning/plan.js');
  const { buildModel } = await import('../jobs/planning/model.js');
  const { provinceFacts } = await import('./planning-province.js');
  const t0 = performance.now();
  const facts = provinceFacts();
  const outcome = planFromFacts(facts, { seconds: budget, seed: 1 });
  const t1 = performance.now();
  const reasons: Record<string, number> = {};
  for (const u of outcome.unserved) reasons[u.reason.code] = (reasons[u.reason.code] ?? 0) + 1;
  console.log(
    JSON.stringify({
      case: 'same province, planner only (no database)',
      jobs: facts.requests.length,
      vehicles: facts.vehicles.length,
      trips: buildModel(facts).shifts.length,
      stops: outcome.stops.length,
      unserved: outcome.unserved.length,
      km: outcome.metrics.totalKm,
      loadS: '-',
      planS: ((t1 - t0) / 1000).toFixed(1),
      storeS: '-',
      totalS: ((t1 - t0) / 1000).toFixed(1),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      problems: 'not stored',
      crew: 'not stored',
      idle: idleOf(outcome),
      reasons: Object.entries(reasons).map(([k, v]) => `${k} ${v}`).join(', ') || '-',
    }),
  );
}

/** Idle vehicles and why, as the planner reports them (older planners: not reported). */
function idleOf(outcome: { metrics: object }): string {
  const idle = (outcome.metrics as { idleVehicles?: { reason: { code: string } }[] }).idleVehicles;
  if (!idle) return 'not reported';
  const why: Record<string, number> = {};
  for (const v of idle) why[v.reason.code] = (why[v.reason.code] ?? 0) + 1;
  return idle.length === 0 ? '0' : `${idle.length} (${Object.entries(why).map(([k, n]) => `${k} ${n}`).join(', ')})`;
}

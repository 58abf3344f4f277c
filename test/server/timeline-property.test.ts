import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import type { SessionHeaders } from '../helpers/accounts.js';
import { addDays, testClock } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { waitForRun } from '../helpers/planning.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

// A model-based property on the real database: whatever sequence of re-plans, plans, checked
// edits, confirmations, arrivals, completions, visit reports, cancellations and publishes a region
// goes through, no fact (a stay under way or done, its report) is ever lost or changed, and no
// promise (a confirmed stay) moves or goes unless its own request was cancelled.

type App = Awaited<ReturnType<typeof buildApp>>;
type Op =
  | { op: 'plan' }
  | { op: 'replan'; from: number }
  | { op: 'publish' }
  | { op: 'edit'; pick: number; days: number }
  | { op: 'confirm'; pick: number }
  | { op: 'arrive'; pick: number }
  | { op: 'complete'; pick: number }
  | { op: 'report'; pick: number; attendance: number }
  | { op: 'cancel'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ op: 'plan' as const }),
  fc.record({ op: fc.constant('replan' as const), from: fc.integer({ min: 0, max: 300 }) }),
  fc.constant({ op: 'publish' as const }),
  fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), days: fc.integer({ min: -10, max: 10 }).filter((d) => d !== 0) }),
  fc.record({ op: fc.constant('confirm' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('arrive' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('complete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('report' as const), pick: fc.nat(), attendance: fc.integer({ min: 0, max: 50_000 }) }),
  fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }),
);

interface Kept {
  place: string;
  status: string;
  attendance: number | null;
}

describe.each(databaseKinds)('the timeline under any sequence of operations (%s)', (kind) => {
  let database: TestDatabase;
  let app: App;
  let codes = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  async function timelineStops(tn: Tenant) {
    return database.db
      .select({ stop: t.stops, attendance: t.visitReports.attendance })
      .from(t.stops)
      .leftJoin(t.visitReports, eq(t.visitReports.stopId, t.stops.id))
      .where(eq(t.stops.planId, tn.published.id))
      .orderBy(t.stops.id);
  }
  const placeOf = (s: typeof t.stops.$inferSelect) => `${s.venueId}|${s.vehicleId}|${s.exhibitSetId}|${s.startsOn}|${s.opensOn}|${s.closesOn}|${s.endsOn}`;

  /** One operation as a coordinator, host or driver would do it; refusals (4xx) are fine, a 5xx is not. */
  async function apply(tn: Tenant, op: Op, drafts: number[], coordinator: SessionHeaders, host: SessionHeaders) {
    const live = (await timelineStops(tn)).map((r) => r.stop).filter((s) => s.status !== 'cancelled');
    const pickStop = (n: number) => live[n % Math.max(live.length, 1)];
    const requests = await database.db.select().from(t.requests).where(eq(t.requests.regionId, tn.regionId)).orderBy(t.requests.id);
    const pickRequest = (n: number) => requests[n % requests.length]!;
    const days = tenantDays();
    const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, headers: SessionHeaders, payload?: object, extra: Record<string, string> = {}) => {
      const res = await app.inject({ method, url, headers: { ...headers, ...extra }, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(500);
      return res;
    };
    switch (op.op) {
      case 'plan':
      case 'replan': {
        const res =
          op.op === 'plan'
            ? await call('POST', `/api/regions/${tn.regionId}/planning-runs`, coordinator, { ...days.horizon, options: { iterations: 40 } })
            : await call('POST', `/api/regions/${tn.regionId}/replan`, coordinator, { from: addDays(days.horizon.horizonStart, op.from), options: { iterations: 40 } });
        if (res.statusCode !== 202) return;
        const run = await waitForRun(app, database.db, coordinator, res.json().runId);
        expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
        drafts.push(run.planId);
        return;
      }
      case 'publish': {
        const draft = drafts.pop();
        if (draft !== undefined) await call('POST', `/api/plans/${draft}/publish`, coordinator, {});
        return;
      }
      case 'edit': {
        const s = pickStop(op.pick);
        if (!s) return;
        const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.id, tn.published.id));
        await call('PATCH', `/api/plans/${tn.published.id}/stops/${s.id}`, coordinator, { startsOn: addDays(s.startsOn, op.days) }, { 'if-match': `"${plan!.revision}"` });
        return;
      }
      case 'confirm':
        await call('POST', `/api/requests/${pickRequest(op.pick).id}/confirm`, host, {});
        return;
      case 'cancel':
        await call('POST', `/api/requests/${pickRequest(op.pick).id}/cancel`, host, { note: 'property test' });
        return;
      case 'arrive':
      case 'complete': {
        const s = pickStop(op.pick);
        if (s) await call('POST', `/api/stops/${s.id}/${op.op}`, coordinator, {});
        return;
      }
      case 'report': {
        const s = pickStop(op.pick);
        if (s) await call('POST', `/api/stops/${s.id}/report`, host, { attendance: op.attendance, activities: 1 });
      }
    }
  }

  it('never loses or changes a fact, and never moves or drops a promise its host did not cancel', async () => {
    let factsSeen = 0;
    let promisesSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 8 }), async (ops) => {
        const tn = await tenant(database.db, String(600 + ++codes));
        const coordinator = tn.users.coordinator.headers;
        const host = tn.users.host.headers;
        const days = tenantDays();
        await database.db.insert(t.requests).values(
          tn.venues.map((v, i) => ({ regionId: tn.regionId, venueId: v.id, setKind: 'roving_museum' as const, ...(i % 2 ? days.autumn : days.spring), openDays: 14, status: 'approved' as const })),
        );
        const drafts: number[] = [];
        const facts = new Map<number, Kept>();
        const promises = new Map<number, Kept & { requestId: number | null }>();
        for (const op of [{ op: 'plan' } as Op, { op: 'publish' } as Op, ...ops]) {
          await apply(tn, op, drafts, coordinator, host);
          const rows = await timelineStops(tn);
          const byId = new Map(rows.map((r) => [r.stop.id, r]));
          const cancelled = new Set((await database.db.select({ id: t.requests.id }).from(t.requests).where(and(eq(t.requests.regionId, tn.regionId), inArray(t.requests.status, ['cancelled'])))).map((r) => r.id));
          for (const [id, f] of facts) {
            const now = byId.get(id);
            expect(now, `fact ${id} lost after ${op.op}`).toBeDefined();
            expect(placeOf(now!.stop), `fact ${id} moved by ${op.op}`).toBe(f.place);
            expect(['arrived', 'completed']).toContain(now!.stop.status);
            if (f.status === 'completed') expect(now!.stop.status).toBe('completed');
            if (f.attendance !== null) expect(now!.attendance, `report of ${id} lost by ${op.op}`).not.toBeNull();
          }
          for (const [id, p] of promises) {
            const now = byId.get(id)!;
            if (p.requestId !== null && cancelled.has(p.requestId)) continue;
            expect(['confirmed', 'arrived', 'completed'], `promise ${id} dropped by ${op.op}`).toContain(now.stop.status);
            expect(placeOf(now.stop), `promise ${id} moved by ${op.op}`).toBe(p.place);
          }
          // What holds now must hold from now on.
          for (const r of rows) {
            const kept = { place: placeOf(r.stop), status: r.stop.status, attendance: r.attendance };
            if (r.stop.status === 'arrived' || r.stop.status === 'completed') facts.set(r.stop.id, kept);
            else if (r.stop.status === 'confirmed') promises.set(r.stop.id, { ...kept, requestId: r.stop.requestId });
            else promises.delete(r.stop.id);
          }
        }
        factsSeen += facts.size;
        promisesSeen += promises.size;
      }),
      { numRuns: 6, seed: 20261202, endOnFailure: true },
    );
    // The sequences did meet facts and promises to keep.
    expect(factsSeen).toBeGreaterThan(0);
    expect(promisesSeen).toBeGreaterThan(0);
  }, 600_000);
});

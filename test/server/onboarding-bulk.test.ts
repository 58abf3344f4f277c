import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { sessionOf } from '../helpers/accounts.js';
import { testClock } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

// Many requests approved or declined with one reason in one call, all or none.
describe.each(databaseKinds)('bulk decisions on requests on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, '51');
    b = await tenant(database.db, '52');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const call = async (payload: object) =>
    app.inject({ method: 'POST', url: '/api/requests/bulk', headers: { ...(await sessionOf(database.db, a.users.coordinator.userId)), 'accept-language': 'en' }, payload });

  it('declines many with one reason, each told to its host; one that cannot move leaves all as they were', async () => {
    const days = tenantDays();
    const made = await database.db
      .insert(t.requests)
      .values(a.venues.map((v) => ({ regionId: a.regionId, venueId: v.id, setKind: 'roving_museum' as const, ...days.autumn, openDays: 20 })))
      .returning();
    const ids = made.map((r) => r.id);
    const statuses = async () => (await database.db.select().from(t.requests).where(inArray(t.requests.id, ids))).map((r) => r.status);

    // Another region's request among them: nothing changes.
    const mixed = await call({ requestIds: [...ids, b.requests[1]!.id], action: 'decline', reason: '今年名额已满' });
    expect(mixed.statusCode).toBe(404);
    expect(await statuses()).toEqual(['requested', 'requested', 'requested']);

    const declined = await call({ requestIds: ids, action: 'decline', reason: '今年名额已满' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toEqual({ changed: 3 });
    const rows = await database.db.select().from(t.requests).where(inArray(t.requests.id, ids));
    expect(rows.map((r) => [r.status, r.reason])).toEqual(rows.map(() => ['declined', { code: 'DECLINED', params: { note: '今年名额已满' } }]));
    const history = await database.db.select().from(t.requestStatusHistory).where(inArray(t.requestStatusHistory.requestId, ids));
    expect(history.filter((h) => h.toStatus === 'declined')).toHaveLength(3);
    const notices = await database.db.select().from(t.notifications).where(eq(t.notifications.userId, a.users.host.userId));
    expect(notices.filter((n) => (n.params as { requestId?: number }).requestId === ids[0])).toHaveLength(1);

    // Declined ones cannot be approved: the whole call is refused.
    const again = await call({ requestIds: [a.requests[1]!.id, ids[0]], action: 'approve' });
    expect(again.statusCode).toBe(409);
    const [untouched] = await database.db.select().from(t.requests).where(eq(t.requests.id, a.requests[1]!.id));
    expect(untouched!.status).toBe('requested');
  });
});

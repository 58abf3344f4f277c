import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { sessionOf } from '../helpers/accounts.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';
import { testClock } from '../helpers/clock.js';

describe.each(databaseKinds)('catalogue management on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, '97');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const call = async (method: string, url: string, payload?: object, lang = 'zh-CN') =>
    app.inject({ method: method as 'GET', url, headers: { ...(await sessionOf(database.db, a.users.coordinator.userId)), 'accept-language': lang }, ...(payload ? { payload } : {}) });
  const auditOf = (entity: string, id: number) =>
    database.db.select().from(t.auditLog).where(and(eq(t.auditLog.entity, entity), eq(t.auditLog.entityId, String(id))));

  it('creates and changes a centre, set, vehicle, venue and driver, retires or deletes them, each change in the audit log', async () => {
    const centre = await call('POST', '/api/centres', { regionId: a.regionId, name: '黔东南分中心', kind: 'sub', countyCode: '522601', lng: 107.98, lat: 26.58 });
    expect(centre.statusCode, centre.body).toBe(201);
    const centreId = centre.json().id as number;
    const set = await call('POST', '/api/exhibit-sets', {
      regionId: a.regionId, homeCentreId: centreId, code: 'RM-NEW-97', name: '航天科技', theme: '航天', kind: 'roving_museum',
      footprintM2: 600, powerKw: 40, exhibitCount: 48, setupDays: 5, teardownDays: 3, minStayDays: 28, maxStayDays: 90, openWeekdays: [3, 4, 5, 6, 7],
    });
    expect(set.statusCode, set.body).toBe(201);
    const vehicle = await call('POST', '/api/vehicles', { regionId: a.regionId, homeCentreId: centreId, name: '新运输车', type: 'set_truck', exhibitSetIds: [set.json().id] });
    expect(vehicle.statusCode, vehicle.body).toBe(201);
    expect(vehicle.json().exhibitSetIds).toEqual([set.json().id]);
    const driver = await call('POST', '/api/drivers', { regionId: a.regionId, name: '王师傅', phone: '13900000000', vehicleId: vehicle.json().id });
    expect(driver.statusCode, driver.body).toBe(201);

    const retired = await call('PATCH', `/api/venues/${a.venues[2]!.id}`, { retiredOn: '2027-06-30', contactName: '新联系人' });
    expect(retired.json()).toMatchObject({ retiredOn: '2027-06-30', contactName: '新联系人' });
    const log = await auditOf('venue', a.venues[2]!.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'venue.update', actorUserId: a.users.coordinator.userId });
    expect(log[0]!.before).toMatchObject({ retiredOn: null, contactName: '联系人2' });
    expect(log[0]!.after).toMatchObject({ retiredOn: '2027-06-30' });
    expect(await auditOf('vehicle', vehicle.json().id)).toHaveLength(1);

    const retiredSet = await call('PATCH', `/api/exhibit-sets/${set.json().id}`, { retiredOn: '2028-01-01', condition: '需维修' });
    expect(retiredSet.json()).toMatchObject({ retiredOn: '2028-01-01', condition: '需维修' });
    const moved = await call('PATCH', `/api/vehicles/${vehicle.json().id}`, { exhibitSetIds: [], retiredOn: '2028-01-01' });
    expect(moved.json()).toMatchObject({ exhibitSetIds: [], retiredOn: '2028-01-01' });
    expect((await call('DELETE', `/api/drivers/${driver.json().id}`)).statusCode).toBe(204);
    expect(await auditOf('driver', driver.json().id)).toHaveLength(2);
    expect(await auditOf('vehicle', vehicle.json().id)).toHaveLength(2);
    const setLog = await auditOf('exhibit_set', set.json().id);
    expect(setLog.map((e) => e.action).sort()).toEqual(['exhibit_set.create', 'exhibit_set.update']);
    expect(setLog.find((e) => e.action === 'exhibit_set.update')!.after).toMatchObject({ retiredOn: '2028-01-01', condition: '需维修' });

    // A centre is renamed; one that is nobody's depot is deleted (centres are not retired).
    const renamed = await call('PATCH', `/api/centres/${centreId}`, { name: '黔东南州分中心' });
    expect(renamed.json()).toMatchObject({ name: '黔东南州分中心' });
    const spare = await call('POST', '/api/centres', { regionId: a.regionId, name: '备用库房', kind: 'sub', countyCode: '522601', lng: 107.9, lat: 26.5 });
    expect((await call('DELETE', `/api/centres/${spare.json().id}`)).statusCode).toBe(204);
    const centreLog = await auditOf('centre', centreId);
    expect(centreLog.map((e) => e.action).sort()).toEqual(['centre.create', 'centre.update']);
    expect(centreLog.find((e) => e.action === 'centre.update')).toMatchObject({ before: { name: '黔东南分中心' }, after: { name: '黔东南州分中心' } });
    expect((await auditOf('centre', spare.json().id)).map((e) => e.action).sort()).toEqual(['centre.create', 'centre.delete']);
  });

  it('validates with words: reversed dates, a set of another region, a centre still in use', async () => {
    const reversed = await call('POST', `/api/venues/${a.venues[0]!.id}/blackouts`, { startsOn: '2027-05-10', endsOn: '2027-05-01' }, 'en');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json()).toMatchObject({ code: 'DATE_RANGE_REVERSED' });
    expect(reversed.json().message).toMatch(/end date is before the start date/);
    const blackout = await call('POST', `/api/venues/${a.venues[0]!.id}/blackouts`, { startsOn: '2027-05-01', endsOn: '2027-05-10', reason: '县运会' });
    expect(blackout.statusCode).toBe(201);
    expect(((await call('GET', `/api/venues/${a.venues[0]!.id}/blackouts`)).json() as unknown[]).length).toBe(2);
    expect((await call('DELETE', `/api/blackouts/${blackout.json().id}`)).statusCode).toBe(204);

    const other = await tenant(database.db, '98');
    const foreign = await call('PATCH', `/api/vehicles/${a.vehicles[0]!.id}`, { exhibitSetIds: [other.sets[0]!.id] });
    // Another region's set is not the coordinator's to see: "not found", as a read would say.
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('RESOURCE_NOT_FOUND');
    const [links] = await database.db.select().from(t.vehicleSets).where(eq(t.vehicleSets.vehicleId, a.vehicles[0]!.id));
    expect(links!.exhibitSetId).toBe(a.sets[0]!.id);

    const inUse = await call('DELETE', `/api/centres/${a.centre.id}`);
    expect(inUse.statusCode).toBe(409);
    // A coordinator of both regions mixing them up is told so.
    const both = await sessionOf(database.db, a.users.coordinator.userId);
    await database.db.insert(t.userRoles).values({ userId: a.users.coordinator.userId, role: 'coordinator', regionId: other.regionId });
    const mixed = await app.inject({ method: 'PATCH', url: `/api/vehicles/${a.vehicles[0]!.id}`, headers: both, payload: { exhibitSetIds: [other.sets[0]!.id] } });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().code).toBe('NOT_IN_REGION');
    expect(inUse.json().code).toBe('IN_USE');
    expect(inUse.json().message).toContain('停用');
    const badSet = await call('POST', '/api/exhibit-sets', {
      regionId: a.regionId, homeCentreId: a.centre.id, code: 'BAD', name: 'x', theme: 'x', kind: 'caravan_kit',
      footprintM2: 10, powerKw: 1, exhibitCount: 0, setupDays: 0, teardownDays: 0, minStayDays: 1, maxStayDays: 1,
    });
    expect(badSet.statusCode).toBe(400);
    expect(JSON.stringify(badSet.json().details)).toContain('exhibitCount');
  });
});

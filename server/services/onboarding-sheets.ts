import { hash } from '@node-rs/argon2';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { audit } from '../db/queries/notifications.js';
import { publishedPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import { LocalizedDomainError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import { importHistory } from './history-import.js';
import { Import, parseAll, Rollback, type ImportResult } from './onboarding-import.js';
import { SHEETS, type RawWorkbook } from './onboarding-workbook.js';

// Each sheet of the onboarding workbook, applied in the order the references need: centres, then
// venues and their blackouts, sets, vehicles with what they carry, drivers, host accounts, requests
// and past stays.

type Rows<S extends keyof ReturnType<typeof parseAll>> = ReturnType<typeof parseAll>[S];

async function catalogue(imp: Import, p: ReturnType<typeof parseAll>) {
  imp.ids.centres = await imp.upsert('centres', t.centres, p.centres.map(({ row, data: { code, ...values } }) => ({ row, code, values })));
  imp.ids.venues = await imp.upsert('venues', t.venues, p.venues.map(({ row, data: { code, ...values } }) => ({ row, code, values })));
  await blackouts(imp, p.blackouts);
  const sets = p.sets.flatMap(({ row, data: { code, homeCentre, ...values } }) => {
    const homeCentreId = imp.ref('centres', homeCentre, { sheet: 'sets', row, field: 'homeCentre' });
    return homeCentreId === undefined ? [] : [{ row, code, values: { ...values, homeCentreId } }];
  });
  imp.ids.sets = await imp.upsert('sets', t.exhibitSets, sets);
  await vehicles(imp, p.vehicles);
  const drivers = p.drivers.flatMap(({ row, data: { code, vehicle, ...values } }) => {
    const vehicleId = vehicle === undefined ? null : imp.ref('vehicles', vehicle, { sheet: 'drivers', row, field: 'vehicle' });
    return vehicleId === undefined ? [] : [{ row, code, values: { ...values, vehicleId } }];
  });
  await imp.upsert('drivers', t.drivers, drivers);
}

/** Blackouts by venue and days: a new one is added, one already stored is left alone. */
async function blackouts(imp: Import, rows: Rows<'blackouts'>) {
  const venueIds = [...imp.ids.venues.values()];
  const stored = venueIds.length ? await imp.tx.select().from(t.venueBlackouts).where(inArray(t.venueBlackouts.venueId, venueIds)) : [];
  const key = (b: { venueId: number; startsOn: string; endsOn: string }) => `${b.venueId}|${b.startsOn}|${b.endsOn}`;
  const byKey = new Map(stored.map((b) => [key(b), b]));
  for (const { row, data } of rows) {
    const venueId = imp.ref('venues', data.venue, { sheet: 'blackouts', row, field: 'venue' });
    if (venueId === undefined) continue;
    const b = { venueId, startsOn: data.startsOn, endsOn: data.endsOn, reason: data.reason ?? '' };
    const old = byKey.get(key(b));
    if (old && old.reason === b.reason) imp.counts.blackouts.unchanged++;
    else if (old) {
      if (await imp.guarded('blackouts', row, (sp) => sp.update(t.venueBlackouts).set({ reason: b.reason }).where(eq(t.venueBlackouts.id, old.id)))) imp.counts.blackouts.updated++;
    } else if (await imp.guarded('blackouts', row, (sp) => sp.insert(t.venueBlackouts).values(b))) {
      byKey.set(key(b), { id: 0, ...b });
      imp.counts.blackouts.created++;
    }
  }
}

/** Vehicles by code, then exactly the sets each carries (a changed list counts as the vehicle updated). */
async function vehicles(imp: Import, rows: Rows<'vehicles'>) {
  const resolved = rows.flatMap(({ row, data: { code, homeCentre, sets, ...values } }) => {
    const homeCentreId = imp.ref('centres', homeCentre, { sheet: 'vehicles', row, field: 'homeCentre' });
    const setIds = sets.map((s) => imp.ref('sets', s, { sheet: 'vehicles', row, field: 'sets' }));
    if (homeCentreId === undefined || setIds.some((s) => s === undefined)) return [];
    return [{ row, code, values: { ...values, homeCentreId }, setIds: [...new Set(setIds as number[])].sort((a, b) => a - b) }];
  });
  imp.ids.vehicles = await imp.upsert('vehicles', t.vehicles, resolved);
  const ids = resolved.map((r) => imp.ids.vehicles.get(r.code)).filter((x) => x !== undefined);
  const carried = ids.length ? await imp.tx.select().from(t.vehicleSets).where(inArray(t.vehicleSets.vehicleId, ids)) : [];
  for (const r of resolved) {
    const vehicleId = imp.ids.vehicles.get(r.code);
    if (vehicleId === undefined) continue;
    const now = carried.filter((c) => c.vehicleId === vehicleId).map((c) => c.exhibitSetId).sort((a, b) => a - b);
    if (JSON.stringify(now) === JSON.stringify(r.setIds)) continue;
    const ok = await imp.guarded('vehicles', r.row, async (sp) => {
      await sp.delete(t.vehicleSets).where(eq(t.vehicleSets.vehicleId, vehicleId));
      if (r.setIds.length) await sp.insert(t.vehicleSets).values(r.setIds.map((exhibitSetId) => ({ vehicleId, exhibitSetId })));
    });
    // A vehicle just created is counted once; a stored one whose sets alone changed is updated.
    if (ok && imp.status.get(`vehicles:${r.code}`) === 'unchanged') {
      imp.counts.vehicles.unchanged--;
      imp.counts.vehicles.updated++;
    }
  }
}

/** Host accounts by username: created (with a password, or none until a coordinator sets one), their venue grants made exactly those listed. */
async function hosts(imp: Import, rows: Rows<'hosts'>) {
  const names = rows.map((r) => r.data.username);
  const users = names.length ? await imp.tx.select().from(t.users).where(inArray(t.users.username, names)) : [];
  const grants = users.length
    ? await imp.tx.select({ id: t.userRoles.id, userId: t.userRoles.userId, role: t.userRoles.role, venueId: t.userRoles.venueId, venueRegion: t.venues.regionId }).from(t.userRoles).leftJoin(t.venues, eq(t.venues.id, t.userRoles.venueId)).where(inArray(t.userRoles.userId, users.map((u) => u.id)))
    : [];
  for (const { row, data } of rows) {
    const venueIds = data.venues.map((v) => imp.ref('venues', v, { sheet: 'hosts', row, field: 'venues' }));
    if (venueIds.some((v) => v === undefined)) continue;
    const wanted = [...new Set(venueIds as number[])].sort((a, b) => a - b);
    const user = users.find((u) => u.username === data.username);
    const mine = grants.filter((g) => g.userId === user?.id);
    if (user && (user.administrator || mine.some((g) => g.role !== 'host' || g.venueRegion !== imp.regionId))) {
      imp.refuseCode('hosts', row, 'username', 'WORKBOOK_USERNAME_TAKEN', { value: data.username });
      continue;
    }
    const have = mine.map((g) => g.venueId!).sort((a, b) => a - b);
    if (user && user.displayName === data.displayName && JSON.stringify(have) === JSON.stringify(wanted)) {
      imp.counts.hosts.unchanged++;
      continue;
    }
    const passwordHash = !user && data.password ? await hash(data.password) : null;
    const ok = await imp.guarded('hosts', row, async (sp) => {
      const id = user ? user.id : (await sp.insert(t.users).values({ username: data.username, displayName: data.displayName, passwordHash }).returning({ id: t.users.id }))[0]!.id;
      if (user) {
        await sp.update(t.users).set({ displayName: data.displayName }).where(eq(t.users.id, id));
        await sp.delete(t.userRoles).where(and(eq(t.userRoles.userId, id), eq(t.userRoles.role, 'host')));
      }
      await sp.insert(t.userRoles).values(wanted.map((venueId) => ({ userId: id, role: 'host' as const, venueId })));
    });
    if (ok) imp.counts.hosts[user ? 'updated' : 'created']++;
  }
}

/** Requests by code, with their status (a change of status is recorded in the request's history). */
async function requests(imp: Import, rows: Rows<'requests'>) {
  const stored = await imp.tx.select().from(t.requests).where(eq(t.requests.regionId, imp.regionId));
  const byCode = new Map(stored.filter((r) => r.code !== null).map((r) => [r.code!, r]));
  const resolved = rows.flatMap(({ row, data }) => {
    const venueId = imp.ref('venues', data.venue, { sheet: 'requests', row, field: 'venue' });
    const exhibitSetId = data.set === undefined ? null : imp.ref('sets', data.set, { sheet: 'requests', row, field: 'set' });
    if (venueId === undefined || exhibitSetId === undefined) return [];
    const old = byCode.get(data.code);
    // A request the planner or its host has moved on (scheduled, confirmed, done) keeps its status.
    const status = old && !['requested', 'approved', 'declined'].includes(old.status) ? old.status : data.status;
    const reason = status === 'declined' ? { code: 'DECLINED', params: { note: data.reason ?? '' } } : status === old?.status ? old.reason : null;
    const { venue: _v, set: _s, reason: _r, code, ...rest } = data;
    return [{ row, code, values: { ...rest, theme: rest.theme ?? null, venueId, exhibitSetId, status, reason } }];
  });
  const before = new Map(stored.map((r) => [r.id, r.status]));
  const ids = await imp.upsert('requests', t.requests, resolved);
  const history = resolved.flatMap((r) => {
    const id = ids.get(r.code);
    const from = id === undefined ? undefined : (before.get(id) ?? null);
    return id === undefined || from === r.values.status ? [] : [{ requestId: id, fromStatus: from, toStatus: r.values.status, reason: r.values.reason }];
  });
  for (let i = 0; i < history.length; i += 500) await imp.tx.insert(t.requestStatusHistory).values(history.slice(i, i + 500));
}

/** Past stays: those already on the timeline are left alone, the rest go through the history import's own checks. */
async function history(imp: Import, rows: Rows<'history'>, by: { userId: number; requestId: string }, today: string) {
  const plan = await publishedPlan(imp.tx, imp.regionId);
  const stored = plan ? await imp.tx.select().from(t.stops).where(eq(t.stops.planId, plan.id)) : [];
  const key = (s: { venueId: number; vehicleId: number; exhibitSetId: number; startsOn: string; endsOn: string }) => `${s.venueId}|${s.vehicleId}|${s.exhibitSetId}|${s.startsOn}|${s.endsOn}`;
  const have = new Set(stored.map(key));
  const fresh: { row: number; cells: string[] }[] = [];
  for (const { row, data } of rows) {
    const at = (field: string) => ({ sheet: 'history' as const, row, field });
    const venueId = imp.ref('venues', data.venue, at('venue'));
    const vehicleId = imp.ref('vehicles', data.vehicle, at('vehicle'));
    const exhibitSetId = imp.ref('sets', data.set, at('set'));
    if (venueId === undefined || vehicleId === undefined || exhibitSetId === undefined) continue;
    if (have.has(key({ venueId, vehicleId, exhibitSetId, startsOn: data.startsOn, endsOn: data.endsOn }))) imp.counts.history.unchanged++;
    else fresh.push({ row, cells: [venueId, vehicleId, exhibitSetId, data.startsOn, data.opensOn ?? '', data.closesOn ?? '', data.endsOn, data.attendance ?? ''].map(String) });
  }
  if (fresh.length === 0 || imp.errors.length) return;
  const csv = `venue,vehicle,set,startsOn,opensOn,closesOn,endsOn,attendance\n${fresh.map((f) => f.cells.join(',')).join('\n')}\n`;
  try {
    await importHistory(imp.tx as Db, imp.regionId, { format: 'csv', content: csv }, by, today);
    imp.counts.history.created += fresh.length;
  } catch (err) {
    if (!(err instanceof LocalizedDomainError)) throw err;
    // The history file's line n (its header is line 1) is the sheet's row of the n-1st fresh stay.
    const { errors } = err.localize(imp.locale) as { errors: { line: number; field: string; message: string }[] };
    for (const e of errors) imp.refuse('history', fresh[e.line - 2]?.row ?? 0, e.field, e.message);
  }
}

/**
 * Imports (or, with dryRun, only tries) a workbook into a region, all or nothing. Returns what was
 * or would be created, updated, left unchanged and refused per sheet, and every refused cell.
 */
export async function importWorkbook(db: Db, regionId: number, wb: RawWorkbook, o: { dryRun: boolean; by: { userId: number; requestId: string }; today: string; locale: Locale }): Promise<ImportResult> {
  let result: ImportResult | undefined;
  try {
    await db.transaction(async (tx) => {
      const imp = new Import(tx, regionId, o.locale);
      const p = parseAll(imp, wb);
      await catalogue(imp, p);
      await hosts(imp, p.hosts);
      await requests(imp, p.requests);
      await history(imp, p.history, o.by, o.today);
      result = { dryRun: o.dryRun, ok: imp.errors.length === 0, sheets: imp.counts, errors: imp.errors };
      if (o.dryRun || !result.ok) throw new Rollback();
      const changed = SHEETS.some((s) => imp.counts[s].created + imp.counts[s].updated > 0);
      if (changed) await audit(tx, { actorUserId: o.by.userId, action: 'region.import', entity: 'region', entityId: regionId, after: imp.counts, requestId: o.by.requestId });
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return result!;
}

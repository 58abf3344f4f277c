// Proof of a visit: the host's report and photos from the host or the crew, kept in the database
// beside the stay (one backup holds everything), shown to the coordinator, who locks the report when
// it is final. Photos arrive resized by the phone; the server checks their size and kind by their bytes.
import { and, asc, desc, eq, getTableColumns, gte, inArray, lte, or } from 'drizzle-orm';
import { limitOf, type Window } from '../db/queries/paging.js';
import type { Clock } from '../clock.js';
import type { Db, DbOrTx } from '../db/client.js';
import { onceOnly } from '../db/queries/client-actions.js';
import { publishedPlan } from '../db/queries/plans.js';
import { audit } from '../db/queries/notifications.js';
import * as t from '../db/schema/index.js';
import { PHOTO_MAX_BYTES } from '../db/schema/visit-photos.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Actor } from '../plugins/auth.js';
import { reportView } from './itineraries.js';

type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image kind its first bytes say (JPEG, PNG, WebP), whatever the request's header claims. */
export function sniffImage(b: Uint8Array): PhotoType | undefined {
  const at = (i: number, ...xs: number[]) => xs.every((x, k) => b[i + k] === x);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

/** A stay of a published plan the caller may see: their region's (coordinator), venue's (host) or vehicle's (driver). */
async function visibleStop(db: DbOrTx, actor: Actor, stopId: number) {
  const [row] = await db
    .select({ stop: t.stops, plan: t.plans, timeZone: t.regions.timeZone })
    .from(t.stops)
    .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
    .innerJoin(t.regions, eq(t.regions.id, t.plans.regionId))
    .where(
      and(
        eq(t.stops.id, stopId),
        or(inArray(t.plans.regionId, actor.coordinatorRegionIds), inArray(t.stops.venueId, actor.hostVenueIds), inArray(t.stops.vehicleId, actor.driverVehicleIds)),
      ),
    );
  if (!row) throw new NotFoundError('stop', stopId);
  return row;
}

function photoView(p: Omit<typeof t.visitPhotos.$inferSelect, 'bytes'>) {
  return { id: p.id, stopId: p.stopId, contentType: p.contentType as PhotoType, byteSize: p.byteSize, uploadedBy: p.uploadedBy, uploadedAt: p.uploadedAt.toISOString(), url: `/api/photos/${p.id}` };
}

/** The report and the photos of a visit (without the photos' bytes). */
export async function visitProof(db: DbOrTx, actor: Actor, stopId: number) {
  await visibleStop(db, actor, stopId);
  const [report] = await db.select().from(t.visitReports).where(eq(t.visitReports.stopId, stopId));
  const { bytes: _bytes, ...meta } = getTableColumns(t.visitPhotos);
  const photos = await db.select(meta).from(t.visitPhotos).where(eq(t.visitPhotos.stopId, stopId)).orderBy(asc(t.visitPhotos.id));
  return { stopId, report: report ? reportView(report) : null, photos: photos.map(photoView) };
}

/**
 * Keeps a photo of a visit from its host or its crew (or the coordinator): at most PHOTO_MAX_BYTES of
 * JPEG, PNG or WebP, from the stay's first day on, until the coordinator locks the report. With a
 * client id it is kept once: a repeat answers the stored photo.
 */
export async function addPhoto(db: Db, clock: Clock, actor: Actor, stopId: number, bytes: Uint8Array, requestId: string, clientId?: string) {
  if (bytes.length > PHOTO_MAX_BYTES) throw new DomainError('PHOTO_TOO_LARGE', { bytes: bytes.length, max: PHOTO_MAX_BYTES });
  const contentType = sniffImage(bytes);
  if (!contentType) throw new DomainError('PHOTO_NOT_IMAGE');
  return db.transaction(async (tx) => {
    const { stop, plan, timeZone } = await visibleStop(tx, actor, stopId);
    const once = clientId ? { clientId, userId: actor.userId, action: 'visit.photo' as const, stopId } : undefined;
    return onceOnly(tx, once, async () => {
      if (plan.status !== 'published') throw new DomainError('STOP_NOT_PUBLISHED');
      if (stop.status === 'cancelled') throw new DomainError('STOP_STATUS_CONFLICT', { status: stop.status });
      if (clock.today(timeZone) < stop.startsOn) throw new DomainError('VISIT_NOT_BEGUN', { startsOn: stop.startsOn });
      const [report] = await tx.select({ lockedAt: t.visitReports.lockedAt }).from(t.visitReports).where(eq(t.visitReports.stopId, stopId));
      if (report?.lockedAt) throw new DomainError('REPORT_LOCKED', { lockedAt: report.lockedAt.toISOString() });
      const [saved] = await tx
        .insert(t.visitPhotos)
        .values({ stopId, contentType, bytes: Buffer.from(bytes), byteSize: bytes.length, uploadedBy: actor.userId, uploadedAt: clock.now() })
        .returning();
      await audit(tx, { actorUserId: actor.userId, action: 'visit.photo', entity: 'stop', entityId: stopId, after: { photoId: saved!.id, contentType, byteSize: bytes.length }, requestId });
      return photoView(saved!);
    });
  });
}

/** A photo's bytes and kind, for whoever may see its visit. */
export async function photoBytes(db: DbOrTx, actor: Actor, photoId: number) {
  const [photo] = await db.select().from(t.visitPhotos).where(eq(t.visitPhotos.id, photoId));
  if (!photo) throw new NotFoundError('photo', photoId);
  await visibleStop(db, actor, photo.stopId).catch(() => {
    throw new NotFoundError('photo', photoId);
  });
  return { contentType: photo.contentType, bytes: photo.bytes };
}

/** The coordinator locks a visit's report: its figures and photos are final from then on (a second lock changes nothing). */
export async function lockReport(db: Db, clock: Clock, actor: Actor, stopId: number, requestId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ report: t.visitReports })
      .from(t.visitReports)
      .innerJoin(t.stops, eq(t.stops.id, t.visitReports.stopId))
      .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
      .where(and(eq(t.visitReports.stopId, stopId), inArray(t.plans.regionId, actor.coordinatorRegionIds)));
    if (!row) {
      await visibleStop(tx, actor, stopId);
      throw new DomainError('REPORT_MISSING');
    }
    if (row.report.lockedAt) return reportView(row.report);
    const [locked] = await tx.update(t.visitReports).set({ lockedAt: clock.now(), lockedBy: actor.userId }).where(eq(t.visitReports.stopId, stopId)).returning();
    await audit(tx, { actorUserId: actor.userId, action: 'visit.lock', entity: 'stop', entityId: stopId, after: { attendance: locked!.attendance }, requestId });
    return reportView(locked!);
  });
}

/** The coordinator's view: a region's reported visits touching [from, to] on its timeline, latest first, with their photos. */
export async function regionVisitProofs(db: DbOrTx, regionId: number, from: string, to: string, page: Window) {
  const plan = await publishedPlan(db, regionId);
  if (!plan) return [];
  const rows = await db
    .select({ stop: t.stops, venueName: t.venues.name, report: t.visitReports })
    .from(t.visitReports)
    .innerJoin(t.stops, eq(t.stops.id, t.visitReports.stopId))
    .innerJoin(t.venues, eq(t.venues.id, t.stops.venueId))
    .where(and(eq(t.stops.planId, plan.id), lte(t.stops.startsOn, to), gte(t.stops.endsOn, from)))
    .orderBy(desc(t.stops.endsOn), desc(t.stops.id))
    .limit(limitOf(page))
    .offset(page.offset);
  const { bytes: _bytes, ...meta } = getTableColumns(t.visitPhotos);
  const ids = rows.map((r) => r.stop.id);
  const photos = ids.length ? await db.select(meta).from(t.visitPhotos).where(inArray(t.visitPhotos.stopId, ids)).orderBy(asc(t.visitPhotos.id)) : [];
  return rows.map((r) => ({
    stopId: r.stop.id,
    venueName: r.venueName,
    startsOn: r.stop.startsOn,
    endsOn: r.stop.endsOn,
    report: reportView(r.report),
    photos: photos.filter((p) => p.stopId === r.stop.id).map(photoView),
  }));
}

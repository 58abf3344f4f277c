import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { accessible, requireAccess } from '../db/access.js';
import type { DbOrTx } from '../db/client.js';
import { listRoleGrants, newToken, tokenHash } from '../db/queries/accounts.js';
import { audit } from '../db/queries/audit.js';
import { publishedPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import { NotFoundError } from '../errors.js';
import { grantScope, type Actor } from '../plugins/auth.js';
import { amapUrl, stopsWithVenues } from './itineraries.js';

function feedView(f: typeof t.calendarFeeds.$inferSelect) {
  return { id: f.id, vehicleId: f.vehicleId, venueId: f.venueId, createdAt: f.createdAt.toISOString(), revokedAt: f.revokedAt?.toISOString() ?? null };
}

/**
 * A new calendar feed of a vehicle's or a venue's stays. The URL carries 32 random bytes; only
 * their hash is stored, so the URL is shown once and cannot be recovered, only revoked.
 */
export async function createFeed(db: DbOrTx, actor: Actor, subject: { vehicleId: number } | { venueId: number }, requestId?: string) {
  if ('vehicleId' in subject) await requireAccess(db, actor, 'vehicle.read', [subject.vehicleId]);
  else await requireAccess(db, actor, 'venue.read', [subject.venueId]);
  const token = newToken();
  const [row] = await db
    .insert(t.calendarFeeds)
    .values({ tokenHash: tokenHash(token), createdBy: actor.userId, ...subject })
    .returning();
  await audit(db, { actorUserId: actor.userId, action: 'feed.create', entity: 'calendar_feed', entityId: row!.id, after: subject, ...(requestId ? { requestId } : {}) });
  return { ...feedView(row!), url: `/feeds/${token}.ics` };
}

// Sub-selects of the coordinator's region's vehicles and venues.
const regionVehicles = (actor: Actor) => sql`(select ${t.vehicles.id} from ${t.vehicles} where ${accessible('vehicle.manage', actor)})`;
const regionVenues = (actor: Actor) => sql`(select ${t.venues.id} from ${t.venues} where ${accessible('venue.manage', actor)})`;

/** Feeds the caller may manage: of their region's vehicles and venues, their own vehicle or venues. */
function visibleFeeds(actor: Actor) {
  return or(
    inArray(t.calendarFeeds.vehicleId, actor.driverVehicleIds),
    inArray(t.calendarFeeds.venueId, actor.hostVenueIds),
    inArray(t.calendarFeeds.vehicleId, regionVehicles(actor)),
    inArray(t.calendarFeeds.venueId, regionVenues(actor)),
  )!;
}
export async function listFeeds(db: DbOrTx, actor: Actor) {
  const rows = await db.select().from(t.calendarFeeds).where(and(visibleFeeds(actor), isNull(t.calendarFeeds.revokedAt)));
  return rows.map(feedView);
}

export async function revokeFeed(db: DbOrTx, now: Date, actor: Actor, id: number, requestId?: string) {
  const [row] = await db
    .update(t.calendarFeeds)
    .set({ revokedAt: now })
    .where(and(eq(t.calendarFeeds.id, id), visibleFeeds(actor), isNull(t.calendarFeeds.revokedAt)))
    .returning();
  if (!row) throw new NotFoundError('calendar_feed', id);
  await audit(db, { actorUserId: actor.userId, action: 'feed.revoke', entity: 'calendar_feed', entityId: id, ...(requestId ? { requestId } : {}) });
  return feedView(row);
}

/**
 * A feed answers only while the person who made it may still read its subject: their account is
 * enabled and a grant of theirs still reaches the vehicle or venue (a driver removed, a host's
 * role withdrawn, and their feeds stop with them).
 */
async function ownerStillMay(db: DbOrTx, feed: typeof t.calendarFeeds.$inferSelect): Promise<boolean> {
  if (feed.createdBy === null) return false;
  const [owner] = await db.select({ disabledAt: t.users.disabledAt }).from(t.users).where(eq(t.users.id, feed.createdBy));
  if (!owner || owner.disabledAt) return false;
  const scope = grantScope(await listRoleGrants(db, feed.createdBy));
  const rows = feed.vehicleId
    ? await db.select({ id: t.vehicles.id }).from(t.vehicles).where(and(eq(t.vehicles.id, feed.vehicleId), accessible('vehicle.read', scope)))
    : await db.select({ id: t.venues.id }).from(t.venues).where(and(eq(t.venues.id, feed.venueId!), accessible('venue.read', scope)));
  return rows.length > 0;
}

/**
 * The iCalendar text of a feed token, or undefined if no live feed has it: the published plan's
 * stays as all-day events (VALUE=DATE) from set-up to tear-down, in the region's time zone.
 */
export async function feedCalendar(db: DbOrTx, token: string): Promise<string | undefined> {
  const [feed] = await db
    .select()
    .from(t.calendarFeeds)
    .where(and(eq(t.calendarFeeds.tokenHash, tokenHash(token)), isNull(t.calendarFeeds.revokedAt)));
  if (!feed || !(await ownerStillMay(db, feed))) return undefined;
  const subject = feed.vehicleId
    ? await db.select({ regionId: t.vehicles.regionId, name: t.vehicles.name }).from(t.vehicles).where(eq(t.vehicles.id, feed.vehicleId))
    : await db.select({ regionId: t.venues.regionId, name: t.venues.name }).from(t.venues).where(eq(t.venues.id, feed.venueId!));
  if (!subject[0]) return undefined;
  const [region] = await db.select().from(t.regions).where(eq(t.regions.id, subject[0].regionId));
  const zone = region!.timeZone;
  const cal = ical({ name: `Rove · ${subject[0].name}`, timezone: zone, prodId: { company: 'Rove', product: 'rove-itinerary', language: 'ZH' } });
  const plan = await publishedPlan(db, subject[0].regionId);
  if (plan) {
    const rows = await stopsWithVenues(db, plan.id, feed.vehicleId ? { vehicleId: feed.vehicleId } : { venueId: feed.venueId! });
    for (const r of rows) {
      // All-day events: DTSTART is the first day, DTEND the day after the last (exclusive).
      cal.createEvent({
        id: `stop-${r.stop.id}@rove`,
        allDay: true,
        start: DateTime.fromISO(r.stop.startsOn, { zone }),
        end: DateTime.fromISO(r.stop.endsOn, { zone }).plus({ days: 1 }),
        timezone: zone,
        summary: `${r.venue.name} · ${r.set.name}`,
        description:
          `布展 set-up ${r.stop.startsOn}；开放 open ${r.stop.opensOn} – ${r.stop.closesOn}；撤展完成 tear-down by ${r.stop.endsOn}\n` +
          `${r.vehicle.name}\n${r.venue.contactName} ${r.venue.contactPhone}\n${amapUrl(r.venue.lng, r.venue.lat, r.venue.name)}`,
        location: { title: r.venue.name, address: r.venue.address, geo: { lat: r.venue.lat, lon: r.venue.lng } },
        url: amapUrl(r.venue.lng, r.venue.lat, r.venue.name),
        sequence: plan.revision,
      });
    }
  }
  return cal.toString();
}

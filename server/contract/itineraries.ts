import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { notifications, visitReports } from '../db/schema/index.js';
import { Id, IsoDate, Paging } from './common.js';
import { Stop } from './plans.js';

export const ItineraryQuery = z.object({
  planId: Id.optional().describe('Default: the region’s published plan (drivers see only that one)'),
  lang: z.enum(['zh-CN', 'en']).optional().describe('Printable page only: its language (else Accept-Language)'),
});

export const ItineraryStop = z.object({
  stopId: z.number().int(),
  seq: z.number().int(),
  venue: z.object({
    id: z.number().int(),
    name: z.string(),
    address: z.string(),
    lng: z.number(),
    lat: z.number(),
    contactName: z.string(),
    contactPhone: z.string(),
    countyName: z.string(),
  }),
  exhibitSet: z.object({ id: z.number().int(), name: z.string(), theme: z.string() }),
  startsOn: IsoDate,
  opensOn: IsoDate,
  closesOn: IsoDate,
  endsOn: IsoDate,
  status: Stop.shape.status,
  arrivedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  leg: z
    .object({ distanceM: z.number().int(), driveMinutes: z.number().int(), restNights: z.number().int() })
    .nullable()
    .describe('The drive that leads to this stop (from the previous stop or the home centre)'),
  amapUrl: z.url().describe('Opens AMap (高德地图) at the venue'),
});

export const Itinerary = z.object({
  vehicle: z.object({ id: z.number().int(), name: z.string(), plate: z.string(), type: z.string(), regionId: z.number().int() }),
  plan: z.object({ id: z.number().int(), name: z.string(), status: z.string(), revision: z.number().int() }),
  timeZone: z.string(),
  stops: z.array(ItineraryStop),
});
export type Itinerary = z.infer<typeof Itinerary>;

/** The days of a stay as the phone last saw them: a tap kept offline is refused if the stay moved since. */
export const SeenDays = z.object({ startsOn: IsoDate, endsOn: IsoDate }).describe('The stay’s days as the phone showed them when tapped (STAY_CHANGED / STAY_CANCELLED if they differ now)');
/** A tap kept on a phone carries an id the phone made; the server takes each id once. */
export const ClientIdHeaders = z.object({
  'idempotency-key': z.uuid().optional().describe('Made by the phone for one tap: a repeat answers the stored result and changes nothing'),
});
export const StopStepBody = z.object({ seen: SeenDays.optional() }).nullish();

export const VisitReportBody = z.object({
  attendance: z.number().int().min(0).max(10_000_000),
  activities: z.number().int().min(0).max(10_000).default(1),
  notes: z.string().max(2000).optional(),
  seen: SeenDays.optional(),
});
export const VisitReport = createSelectSchema(visitReports, { reportedAt: z.iso.datetime({ offset: true }), lockedAt: z.iso.datetime({ offset: true }).nullable() });

export const CalendarFeed = z.object({
  id: z.number().int(),
  vehicleId: z.number().int().nullable(),
  venueId: z.number().int().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const CalendarFeedCreated = CalendarFeed.extend({
  url: z.string().describe('/feeds/<token>.ics: shown once; only a hash of the token is stored'),
});
export const FeedParams = z.object({ file: z.string().max(100) });

export const Notification = createSelectSchema(notifications, {
  params: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
})
  .extend({ text: z.string().describe('The notice in words, in the negotiated locale') })
  .describe('kind: request_created, request_status_changed, stop_dates_changed, itinerary_changed, stop_cancelled, stop_arrived, stop_completed');
export const NotificationQuery = Paging(200).extend({ unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });

import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { requestStatusHistory, requests, venues } from '../db/schema/index.js';
import { BodyId, Id, IsoDate, Paging } from './common.js';

const Reason = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() });

export const Request = createSelectSchema(requests, {
  reason: Reason.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
}).extend({
  venueName: z.string(),
  countyName: z.string(),
  countyCode: z.string().describe('The venue’s county (GB/T 2260)'),
  priorityTier: createSelectSchema(venues).shape.priorityTier.describe('The venue’s priority tier'),
});
export type Request = z.infer<typeof Request>;

export const RequestHistoryEntry = createSelectSchema(requestStatusHistory, {
  reason: Reason.nullable(),
  at: z.iso.datetime({ offset: true }),
}).omit({ requestId: true });

export const RequestDetail = Request.extend({
  history: z.array(RequestHistoryEntry).describe('Every status change, oldest first'),
  reasonText: z.string().nullable().describe('Why it was declined, cancelled or not served, in the negotiated locale'),
});

const daysIn = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;

/** What a host fills in: a venue, a specific set or a theme or "any" (both null), a window, a length. */
export const RequestCreate = createInsertSchema(requests, {
  venueId: BodyId,
  exhibitSetId: BodyId.nullable().optional(),
  theme: (s) => s.trim().min(1).max(100).nullable().optional(),
  windowStart: IsoDate,
  windowEnd: IsoDate,
  openDays: (s) => s.int().min(1).max(366),
  expectedAudience: (s) => s.int().min(0).max(10_000_000),
  notes: (s) => s.max(2000),
})
  .pick({ venueId: true, setKind: true, exhibitSetId: true, theme: true, windowStart: true, windowEnd: true, openDays: true, expectedAudience: true, notes: true })
  .refine((r) => r.windowEnd >= r.windowStart, { message: 'windowEnd must not be before windowStart', path: ['windowEnd'] })
  .refine((r) => r.windowEnd < r.windowStart || daysIn(r.windowStart, r.windowEnd) >= r.openDays, {
    message: 'the window is shorter than the open days asked for',
    path: ['openDays'],
  });
export type RequestCreate = z.infer<typeof RequestCreate>;

export const RequestQuery = Paging(1000).extend({
  status: Request.shape.status.optional(),
  venueId: Id.optional(),
  regionId: Id.optional(),
  countyCode: z.string().regex(/^\d{6}$/).optional().describe('The venue’s county'),
  priorityTier: Request.shape.priorityTier.optional().describe('The venue’s priority tier'),
  setKind: Request.shape.setKind.optional().describe('roving_museum or caravan_kit'),
  from: IsoDate.optional().describe('Windows that end on or after this day'),
  to: IsoDate.optional().describe('Windows that start on or before this day'),
});

export const DeclineBody = z.object({ reason: z.string().trim().min(1).max(500).describe('Shown to the host') });
export const CancelBody = z.object({ reason: z.string().trim().max(500).optional() }).optional();

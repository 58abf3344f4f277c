import { z } from 'zod';
import { IsoDate, Paging } from './common.js';
import { VisitReport } from './itineraries.js';

/** A photo of a visit, without its bytes (GET /api/photos/:id serves them). */
export const VisitPhoto = z.object({
  id: z.number().int(),
  stopId: z.number().int(),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  byteSize: z.number().int(),
  uploadedBy: z.number().int().nullable(),
  uploadedAt: z.iso.datetime({ offset: true }),
  url: z.string().describe('/api/photos/<id>'),
});
export type VisitPhoto = z.infer<typeof VisitPhoto>;

/** What proves a visit happened: the host's report (attendance, activities, a note) and the photos. */
export const VisitProof = z.object({
  stopId: z.number().int(),
  report: VisitReport.nullable(),
  photos: z.array(VisitPhoto),
});
export type VisitProof = z.infer<typeof VisitProof>;

/** The reported visits of a region's period, newest first (at most `limit`). */
export const VisitProofQuery = Paging(50).extend({
  from: IsoDate,
  to: IsoDate,
});
export const RegionVisitProof = z.object({
  stopId: z.number().int(),
  venueName: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  report: VisitReport,
  photos: z.array(VisitPhoto),
});
export type RegionVisitProof = z.infer<typeof RegionVisitProof>;

import { adviseRequest } from '../../jobs/planning/advice.js';
import type { Clock } from '../clock.js';
import type { AdviceRequest } from '../contract/planning.js';
import { requireAccess, type AccessScope } from '../db/access.js';
import type { Db } from '../db/client.js';
import { getRegion } from '../db/queries/catalogue.js';
import type { z } from 'zod';

/**
 * The earliest days a new request at a venue the caller may see could be served, from the region's
 * published plan as it stands (from today on). With no option, the reason as a code and the
 * parameters its words need (the route words it).
 */
export async function adviseVisit(db: Db, clock: Clock, scope: AccessScope, body: z.infer<typeof AdviceRequest>) {
  const [venue] = await requireAccess(db, scope, 'venue.read', [body.venueId]);
  const region = await getRegion(db, venue.regionId, [venue.regionId]);
  const result = await adviseRequest(db, {
    regionId: venue.regionId,
    venueId: venue.id,
    setKind: body.setKind,
    exhibitSetId: body.exhibitSetId ?? null,
    theme: body.theme ?? null,
    windowStart: body.windowStart,
    windowEnd: body.windowEnd,
    openDays: body.openDays,
    today: clock.today(region.timeZone),
  });
  const params = {
    windowStart: body.windowStart,
    windowEnd: body.windowEnd,
    floorAreaM2: venue.floorAreaM2,
    powerKw: venue.powerKw,
    months: region.noveltyMonths,
    theme: body.theme ?? null,
    tier: venue.priorityTier,
  };
  return {
    options: result.options,
    reason: result.reasonCode ? { code: result.reasonCode, params } : null,
    provisionalYears: result.provisionalYears,
  };
}

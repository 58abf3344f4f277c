import { PoolBusyError, PoolTimeoutError, type AdvicePool } from '../../jobs/advice-pool.js';
import { adviceFacts, type AdviceInput, type AdviceResult } from '../../jobs/planning/advice.js';
import { DateTime } from 'luxon';
import { DomainError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { AdviceRequest } from '../contract/planning.js';
import { requireAccess, type AccessScope } from '../db/access.js';
import type { Db } from '../db/client.js';
import { getRegion } from '../db/queries/catalogue.js';
import type { z } from 'zod';

/** The longest window advice searches: a year and a day (a request's window is within a year). */
const MAX_WINDOW_DAYS = 366;

/** Loads the facts here (I/O), searches in a pool thread (CPU), and words a full line or a run past the time limit as codes. */
async function inPool(db: Db, pool: AdvicePool, advice: AdviceInput): Promise<AdviceResult> {
  const facts = await adviceFacts(db, advice);
  if (!facts) return { options: [], reasonCode: 'NO_OPEN_DAYS', provisionalYears: [] };
  try {
    return await pool.run({ facts, advice });
  } catch (err) {
    if (err instanceof PoolBusyError) throw new DomainError('ADVICE_BUSY', { seconds: 5 });
    if (err instanceof PoolTimeoutError) throw new DomainError('ADVICE_TIMED_OUT', { seconds: err.ms / 1000 });
    throw err;
  }
}

/**
 * The earliest days a new request at a venue the caller may see could be served, from the region's
 * published plan as it stands (from today on). With no option, the reason as a code and the
 * parameters its words need (the route words it).
 */
export async function adviseVisit(db: Db, clock: Clock, pool: AdvicePool, scope: AccessScope, body: z.infer<typeof AdviceRequest>) {
  const days = DateTime.fromISO(body.windowEnd).diff(DateTime.fromISO(body.windowStart), 'days').days + 1;
  if (days > MAX_WINDOW_DAYS) throw new DomainError('ADVICE_WINDOW_TOO_LONG', { days, maxDays: MAX_WINDOW_DAYS });
  const [venue] = await requireAccess(db, scope, 'venue.read', [body.venueId]);
  const region = await getRegion(db, venue.regionId, [venue.regionId]);
  const result = await inPool(db, pool, {
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

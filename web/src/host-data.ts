// What a county host sees of the world: their venues and the visits planned there (kept on the
// phone, so the pages open with no signal: offline.ts).
import { qs } from './api.js';
import type { Ctx } from './app.js';
import { defaultPlan } from './data.js';
import { keptGet } from './offline.js';
import type { PlanSummary, Stop, Venue } from './types.js';

export async function myVenues(ctx: Ctx): Promise<Venue[]> {
  const all = await Promise.all(ctx.venueIds.map((id) => keptGet<Venue>(`/api/venues/${id}`).catch(() => null)));
  return all.filter((v): v is Venue => v !== null);
}

/** Stops at the host's venues on the region's timeline (the published plan, or the current one), soonest first. */
export async function myVisits(ctx: Ctx): Promise<Stop[]> {
  const plans: PlanSummary[] | null = await keptGet<PlanSummary[]>(`/api/plans${qs({ regionId: ctx.regionId })}`).catch(() => null);
  const plan = plans && (plans.find((p) => p.status === 'published') ?? defaultPlan(plans));
  if (!plan) return [];
  try {
    const stops = await keptGet<Stop[]>(`/api/plans/${plan.id}/stops`);
    const mine = new Set(ctx.venueIds);
    return stops.filter((s) => mine.has(s.venueId) && s.status !== 'cancelled').sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  } catch {
    return [];
  }
}

// Loads that several pages share, typed against the server's contracts.
import { ApiError, get, getAll, qs } from './api.js';
import type { Centre, ExhibitSet, Leg, PlanSummary, Stop, Unserved, Vehicle, Venue } from './types.js';

export interface Catalogue {
  centres: Centre[];
  venues: Venue[];
  sets: ExhibitSet[];
  vehicles: Vehicle[];
}

export async function loadCatalogue(regionId: number | null): Promise<Catalogue> {
  const q = qs({ regionId });
  const [centres, venues, sets, vehicles] = await Promise.all([
    getAll<Centre>(`/api/centres${q}`),
    getAll<Venue>(`/api/venues${q}`),
    getAll<ExhibitSet>(`/api/exhibit-sets${q}`),
    getAll<Vehicle>(`/api/vehicles${q}`),
  ]);
  return { centres, venues, sets, vehicles };
}

/** A list endpoint that may not exist yet on this server: 404 reads as empty. */
export async function optionalList<T>(path: string): Promise<T[]> {
  try {
    return await get<T[]>(path);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return [];
    throw err;
  }
}

export async function loadPlans(regionId: number | null): Promise<PlanSummary[]> {
  return optionalList<PlanSummary>(`/api/plans${qs({ regionId })}`);
}

export interface PlanData {
  revision: number | null;
  stops: Stop[];
  legs: Leg[];
  unserved: Unserved[];
}

export async function loadPlan(planId: number): Promise<PlanData> {
  const [detail, stops, legs, unserved] = await Promise.all([
    get<{ revision?: number }>(`/api/plans/${planId}`).catch(() => ({ revision: undefined })),
    get<Stop[]>(`/api/plans/${planId}/stops`),
    optionalList<Leg>(`/api/plans/${planId}/legs`),
    optionalList<Unserved>(`/api/plans/${planId}/unserved`),
  ]);
  return { revision: detail.revision ?? null, stops, legs, unserved };
}

/** The plan a coordinator works on by default: the newest draft, else the published one. */
export function defaultPlan(plans: PlanSummary[]): PlanSummary | undefined {
  const live = plans.filter((p) => p.status === 'draft' || p.status === 'published');
  const drafts = live.filter((p) => p.status === 'draft').sort((a, b) => b.id - a.id);
  return drafts[0] ?? live.find((p) => p.status === 'published') ?? plans[0];
}

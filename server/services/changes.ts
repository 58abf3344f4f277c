import { and, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { publishedPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import type { StayPlace } from '../db/schema/stops.js';

// What publishing a draft would change on its region's timeline (the published plan). A draft is a
// proposal over its horizon: it may add stays, move or reassign the timeline's stays that begin in
// the horizon, and drop them; nothing outside the horizon, and no fact (a stay under way or done),
// is the draft's to change. Codes and ids only: the route puts words on them.

type StopRow = typeof t.stops.$inferSelect;
type PlanRow = typeof t.plans.$inferSelect;
export type StayStatus = StopRow['status'];
export interface Reason {
  code: string;
  params?: Record<string, unknown>;
}

export type { StayPlace };

export type ChangeKind = 'added' | 'moved' | 'reassigned' | 'removed';

export interface StayChange {
  kind: ChangeKind;
  /** The stay's id on the timeline; null for a stay the draft adds. */
  stopId: number | null;
  /** The draft's proposal; null for a stay the draft drops. */
  draftStopId: number | null;
  requestId: number | null;
  /** The stay's status on the timeline now ('planned' for an added one). */
  status: StayStatus;
  before: StayPlace | null;
  after: StayPlace | null;
  reason: Reason | null;
  /** A confirmed stay: it changes only if the coordinator accepts it explicitly. */
  needsDecision: boolean;
}

/** A proposal publishing leaves out, with why (the stay is a fact, or its request was cancelled meanwhile). */
export interface SkippedProposal {
  draftStopId: number;
  stopId: number | null;
  requestId: number | null;
  reason: Reason;
}

export interface ChangeSet {
  draft: PlanRow;
  timeline: PlanRow | undefined;
  changes: StayChange[];
  skipped: SkippedProposal[];
  /** The draft's unserved requests with the planner's reason. */
  unserved: { requestId: number; reason: Reason }[];
}

const FACT: StayStatus[] = ['arrived', 'completed'];
const OPEN_REQUEST = ['approved', 'scheduled', 'unserved', 'confirmed'];

export function placeOf(s: StayPlace): StayPlace {
  return { venueId: s.venueId, vehicleId: s.vehicleId, exhibitSetId: s.exhibitSetId, startsOn: s.startsOn, opensOn: s.opensOn, closesOn: s.closesOn, endsOn: s.endsOn };
}

function samePlace(a: StayPlace, b: StayPlace): boolean {
  return a.venueId === b.venueId && a.vehicleId === b.vehicleId && a.exhibitSetId === b.exhibitSetId && a.startsOn === b.startsOn
    && a.opensOn === b.opensOn && a.closesOn === b.closesOn && a.endsOn === b.endsOn;
}

/**
 * Pairs each of the draft's proposals with the timeline stay it is about: the stay it names
 * (`sourceStopId`), else an unclaimed stay in the horizon for the same request (or, without a
 * request, at the same venue and first day). Unpaired proposals are new stays.
 */
function pairProposals(draftStops: StopRow[], live: StopRow[], inHorizon: (s: StopRow) => boolean) {
  const liveById = new Map(live.map((s) => [s.id, s]));
  const claimed = new Map<number, StopRow>();
  const unpaired: StopRow[] = [];
  const orphans: StopRow[] = [];
  for (const d of [...draftStops].sort((a, b) => a.id - b.id)) {
    if (d.sourceStopId === null) {
      unpaired.push(d);
      continue;
    }
    const src = liveById.get(d.sourceStopId);
    if (src && !claimed.has(src.id)) claimed.set(src.id, d);
    else orphans.push(d);
  }
  const fresh: StopRow[] = [];
  for (const d of unpaired) {
    // A cancelled new stay (an add taken back on the board) proposes nothing, about a twin neither.
    if (d.status === 'cancelled') continue;
    const twin = live.find(
      (s) => !claimed.has(s.id) && inHorizon(s) && (d.requestId !== null ? s.requestId === d.requestId : s.requestId === null && s.venueId === d.venueId && s.startsOn === d.startsOn),
    );
    if (twin) claimed.set(twin.id, d);
    else fresh.push(d);
  }
  return { claimed, fresh, orphans };
}

/** Why a timeline stay leaves the draft: the planner's reason for its request, else that it is simply not in the draft. */
function dropReason(s: StopRow, d: StopRow | undefined, unservedBy: Map<number, Reason>): Reason {
  if (d?.cancelReason) return d.cancelReason;
  if (s.requestId !== null && unservedBy.has(s.requestId)) return unservedBy.get(s.requestId)!;
  return { code: 'NOT_IN_DRAFT' };
}

/** What publishing `draft` would change on its region's timeline now. */
export async function changeSetOf(db: DbOrTx, draft: PlanRow): Promise<ChangeSet> {
  const timeline = await publishedPlan(db, draft.regionId);
  const draftStops = await db.select().from(t.stops).where(eq(t.stops.planId, draft.id));
  const live = timeline ? await db.select().from(t.stops).where(and(eq(t.stops.planId, timeline.id), ne(t.stops.status, 'cancelled'))) : [];
  const unservedRows = await db.select().from(t.planUnserved).where(eq(t.planUnserved.planId, draft.id));
  const unservedBy = new Map(unservedRows.map((u) => [u.requestId, u.reason as Reason]));
  const requestIds = [...new Set(draftStops.map((d) => d.requestId).filter((r): r is number => r !== null))];
  const requestStatus = new Map(
    (requestIds.length ? await db.select({ id: t.requests.id, status: t.requests.status }).from(t.requests).where(inArray(t.requests.id, requestIds)) : []).map((r) => [r.id, r.status]),
  );
  const vehicleRows = await db.select({ id: t.vehicles.id, availableUntil: t.vehicles.availableUntil }).from(t.vehicles).where(eq(t.vehicles.regionId, draft.regionId));
  const availableUntil = new Map(vehicleRows.map((v) => [v.id, v.availableUntil]));

  const inHorizon = (s: StopRow) => s.startsOn >= draft.horizonStart && s.startsOn <= draft.horizonEnd;
  const { claimed, fresh, orphans } = pairProposals(draftStops, live, inHorizon);
  const changes: StayChange[] = [];
  const skipped: SkippedProposal[] = [];
  const base = (s: StopRow, d: StopRow | undefined) => ({ stopId: s.id, draftStopId: d?.id ?? null, requestId: s.requestId, status: s.status, before: placeOf(s) });

  for (const s of live) {
    const d = claimed.get(s.id);
    const dropped = d ? d.status === 'cancelled' : inHorizon(s);
    if (!d && !dropped) continue;
    if (FACT.includes(s.status)) {
      // A fact stays as it is, whatever the draft says; say so if the draft says otherwise.
      if (d && (dropped || !samePlace(s, d))) skipped.push({ draftStopId: d.id, stopId: s.id, requestId: s.requestId, reason: { code: 'STAY_IS_A_FACT', params: { status: s.status } } });
      continue;
    }
    const needsDecision = s.status === 'confirmed';
    if (dropped) {
      changes.push({ kind: 'removed', ...base(s, d), after: null, reason: dropReason(s, d, unservedBy), needsDecision });
      continue;
    }
    if (samePlace(s, d!)) continue;
    const kind: ChangeKind = s.vehicleId !== d!.vehicleId || s.exhibitSetId !== d!.exhibitSetId ? 'reassigned' : 'moved';
    const gone = availableUntil.get(s.vehicleId);
    const reason: Reason = gone && s.startsOn > gone ? { code: 'VEHICLE_UNAVAILABLE', params: { vehicleId: s.vehicleId, from: gone } } : { code: 'REPLANNED' };
    changes.push({ kind, ...base(s, d), after: placeOf(d!), reason, needsDecision });
  }
  for (const d of orphans) {
    if (d.status !== 'cancelled') skipped.push({ draftStopId: d.id, stopId: d.sourceStopId, requestId: d.requestId, reason: { code: 'STAY_GONE_FROM_TIMELINE' } });
  }
  for (const d of fresh) {
    if (d.status === 'cancelled') continue;
    const status = d.requestId === null ? undefined : requestStatus.get(d.requestId);
    if (status !== undefined && !OPEN_REQUEST.includes(status)) {
      skipped.push({ draftStopId: d.id, stopId: null, requestId: d.requestId, reason: { code: 'REQUEST_NO_LONGER_OPEN', params: { status } } });
      continue;
    }
    changes.push({ kind: 'added', stopId: null, draftStopId: d.id, requestId: d.requestId, status: 'planned', before: null, after: placeOf(d), reason: null, needsDecision: false });
  }
  const order = (c: StayChange) => (c.after ?? c.before)!.startsOn;
  changes.sort((a, b) => order(a).localeCompare(order(b)) || (a.stopId ?? 0) - (b.stopId ?? 0));
  return { draft, timeline, changes, skipped, unserved: unservedRows.map((u) => ({ requestId: u.requestId, reason: u.reason as Reason })) };
}

/** Who publishing would tell: the hosts of every venue and the drivers of every vehicle a change touches. */
export async function audienceOf(db: DbOrTx, changes: StayChange[]) {
  const venueIds = [...new Set(changes.flatMap((c) => [c.before?.venueId, c.after?.venueId]).filter((x): x is number => x !== undefined))];
  const vehicleIds = [...new Set(changes.flatMap((c) => [c.before?.vehicleId, c.after?.vehicleId]).filter((x): x is number => x !== undefined))];
  const hosts = venueIds.length
    ? await db.selectDistinct({ userId: t.userRoles.userId }).from(t.userRoles).where(and(eq(t.userRoles.role, 'host'), inArray(t.userRoles.venueId, venueIds)))
    : [];
  const drivers = vehicleIds.length
    ? await db.selectDistinct({ userId: t.userRoles.userId }).from(t.userRoles).where(and(eq(t.userRoles.role, 'driver'), inArray(t.userRoles.vehicleId, vehicleIds)))
    : [];
  return { hosts: hosts.length, drivers: drivers.length, venues: venueIds.length, vehicles: vehicleIds.length };
}

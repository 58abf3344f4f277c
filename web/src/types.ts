// Shapes the client reads. Those the server already exports come from server/contract as types only
// (nothing of the server is bundled); the rest mirror the agreed API contracts until they land in
// server/contract, and should then be replaced by imports from there.
import type { Me } from '../../server/contract/auth.js';
import type { z } from 'zod';
import type { Blackout, Centre, Driver, ExhibitSet, Region, Vehicle, Venue, VenueImportResult as VenueImportResultSchema } from '../../server/contract/catalogue.js';
import type { ErrorBody } from '../../server/contract/common.js';
import type { Stop } from '../../server/contract/plans.js';

export type { Blackout, Centre, Driver, ErrorBody, ExhibitSet, Region, Stop, Vehicle, Venue };
export type VenueImportResult = z.infer<typeof VenueImportResultSchema>;

export type Role = 'coordinator' | 'host' | 'driver';
export type Locale = 'zh-CN' | 'en';

export type Session = Me;
export type User = Me['user'];
export type RoleGrant = User['roles'][number];

export type PlanStatus = 'draft' | 'published' | 'superseded' | 'discarded';

export interface PlanSummary {
  id: number;
  name: string;
  status: PlanStatus;
  version: number | null;
  revision: number;
  horizonStart: string;
  horizonEnd: string;
  metrics: Record<string, unknown> | null;
  createdAt: string;
  publishedAt: string | null;
}

export interface Leg {
  tourId: number;
  vehicleId: number;
  seq: number;
  fromStopId: number | null;
  toStopId: number | null;
  distanceM: number;
  driveMinutes: number;
  restNights: number;
}

export interface Reason {
  code: string;
  params?: Record<string, unknown>;
}

export interface Unserved {
  requestId: number;
  venueId: number;
  venueName: string;
  countyName: string;
  priorityTier: Venue['priorityTier'];
  setKind: ExhibitSet['kind'];
  windowStart: string;
  windowEnd: string;
  openDays: number;
  reason: Reason;
  reasonText: string;
}

export interface Violation {
  kind: string;
  stopId?: number | null;
  message: string;
}

export interface StopEdit {
  startsOn?: string;
  opensOn?: string;
  closesOn?: string;
  endsOn?: string;
  vehicleId?: number;
  exhibitSetId?: number;
}

export interface StopEditResult {
  stop: Stop;
  legs: Leg[];
  revision: number;
}

export interface PlanDiff {
  againstPlanId: number | null;
  added: Stop[];
  removed: Stop[];
  moved: Array<{ before: Stop; after: Stop }>;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface RunProgress {
  phase: string;
  iteration: number;
  bestCost: number;
  served: number;
  total: number;
  percent: number;
}

export interface PlanningRun {
  id: number;
  status: RunStatus;
  progress: RunProgress | null;
  planId: number | null;
  error: Reason | { code: string; message?: string } | null;
}

export type RequestStatus =
  | 'requested'
  | 'approved'
  | 'scheduled'
  | 'confirmed'
  | 'completed'
  | 'declined'
  | 'cancelled'
  | 'unserved';

export interface VisitRequest {
  id: number;
  venueId: number;
  venueName?: string;
  setKind: ExhibitSet['kind'];
  exhibitSetId: number | null;
  theme: string | null;
  windowStart: string;
  windowEnd: string;
  openDays: number;
  expectedAudience: number;
  notes: string;
  status: RequestStatus;
  reason?: Reason | null;
  reasonText?: string | null;
  createdAt?: string;
}

export interface RequestCreate {
  venueId: number;
  setKind: ExhibitSet['kind'];
  exhibitSetId?: number;
  theme?: string;
  windowStart: string;
  windowEnd: string;
  openDays: number;
  expectedAudience: number;
  notes: string;
}

export interface AdviceOption {
  startsOn: string;
  opensOn: string;
  closesOn: string;
  endsOn: string;
  vehicleId: number;
  vehicleName: string;
  exhibitSetId: number;
  exhibitSetName: string;
}

export interface ItineraryStop {
  stopId: number;
  seq: number;
  venue: {
    id: number;
    name: string;
    address: string;
    lng: number;
    lat: number;
    contactName: string;
    contactPhone: string;
    countyName: string;
  };
  startsOn: string;
  opensOn: string;
  closesOn: string;
  endsOn: string;
  status: Stop['status'];
  leg: { distanceM: number; driveMinutes: number; restNights: number } | null;
  amapUrl: string;
}

export interface Itinerary {
  vehicle: { id: number; name: string; plate?: string };
  stops: ItineraryStop[];
}

export interface RegionReport {
  from?: string;
  to?: string;
  totals?: Record<string, number>;
  byMonth?: Array<{ month: string; stops: number; visitors: number }>;
  keyCounties?: { reached: number; total: number };
  kmByVehicle?: Array<{ vehicleId: number; vehicleName: string; km: number }>;
  [k: string]: unknown;
}


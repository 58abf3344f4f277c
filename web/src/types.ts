// Shapes the client reads, from the server's own zod schemas (server/contract, and the report schema
// its route declares), imported as types only: nothing of the server is bundled.
import type { Me } from '../../server/contract/auth.js';
import type { z } from 'zod';
import type { Centre, ExhibitSet, Region, Vehicle, Venue, VenueImportResult as VenueImportResultSchema } from '../../server/contract/catalogue.js';
import type { ErrorBody } from '../../server/contract/common.js';
import type { PlanDiff as PlanDiffSchema } from '../../server/contract/timeline.js';
import type { PlanWarnings as PlanWarningsSchema } from '../../server/contract/onboarding.js';
import type { Advice, Leg as LegSchema, Run, RunProgress as RunProgressSchema, Unserved as UnservedSchema } from '../../server/contract/planning.js';
import type { EditResult, Plan, Stop, StopEdit } from '../../server/contract/plans.js';
import type { Request, RequestCreate, RequestDetail } from '../../server/contract/requests.js';
import type { Itinerary, Notification } from '../../server/contract/itineraries.js';
import type { RegionReport as RegionReportSchema } from '../../server/contract/reports.js';

export type { Centre, ErrorBody, ExhibitSet, Plan, Region, RequestCreate, Stop, StopEdit, Vehicle, Venue };
export type PlanSummary = Plan;
export type Leg = z.infer<typeof LegSchema>;
export type Unserved = z.infer<typeof UnservedSchema>;
export type PlanDiff = z.infer<typeof PlanDiffSchema>;
export type PlanWarnings = z.infer<typeof PlanWarningsSchema>;
export type RunProgress = z.infer<typeof RunProgressSchema>;
export type PlanningRun = Run;
export type StopEditResult = z.infer<typeof EditResult>;
export type AdviceResult = z.infer<typeof Advice>;
export type AdviceOption = AdviceResult['options'][number];
export type VisitRequest = Request;
export type VisitRequestDetail = z.infer<typeof RequestDetail>;
export type VenueImportResult = z.infer<typeof VenueImportResultSchema>;
export type { Itinerary };
export type Notice = z.infer<typeof Notification>;
export type ItineraryStop = Itinerary['stops'][number];
export type RegionReport = z.infer<typeof RegionReportSchema>;

/** A scoped grant's role, or the deployment's administrator (an account flag, no grant). */
export type Role = 'coordinator' | 'host' | 'driver' | 'admin';
export type Locale = 'zh-CN' | 'en';

export type Session = Me;
export type User = Me['user'];
export type RoleGrant = User['roles'][number];

export interface Reason {
  code: string;
  params?: Record<string, unknown>;
}

export interface Violation {
  kind: string;
  stopId?: number | null;
  message: string;
}

export type RequestStatus = Request['status'];

export type { RegionVisitProof, VisitPhoto, VisitProof } from '../../server/contract/visits.js';

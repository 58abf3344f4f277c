import type { RequestFacts, SetFacts, VenueFacts } from './types.js';

// Whether a set may serve a request at a venue, the one rule the planner (which sets a request may
// get) and the check of a hand edit share. Novelty and availability are judged elsewhere.

/** Why a set does not suit, in the order the planner reports them (furthest-reached cause wins). */
export type Misfit = 'kind' | 'not-requested-set' | 'theme' | 'floor-area' | 'power';

export type RequestWish = Pick<RequestFacts, 'setKind' | 'exhibitSetId' | 'theme'>;

/** Why `set` cannot serve `request` at `venue`, or undefined when it can. Without a request, only the venue is judged. */
export function setFits(set: SetFacts, venue: Pick<VenueFacts, 'floorAreaM2' | 'powerKw'>, request?: RequestWish | null): Misfit | undefined {
  if (request) {
    if (set.kind !== request.setKind) return 'kind';
    if (request.exhibitSetId !== null && set.id !== request.exhibitSetId) return 'not-requested-set';
    if (request.theme && set.theme !== request.theme) return 'theme';
  }
  if (set.footprintM2 > venue.floorAreaM2) return 'floor-area';
  if (set.powerKw > venue.powerKw) return 'power';
  return undefined;
}

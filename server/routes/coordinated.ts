import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.js';
import { actorOf } from '../plugins/auth.js';

/** The region asked for, if the caller coordinates it (another region's is "not found", no hint it exists). */
export function coordinatedRegion(req: FastifyRequest, regionId: number): number {
  if (!actorOf(req).coordinatorRegionIds.includes(regionId)) throw new NotFoundError('region', regionId);
  return regionId;
}

/** Who made a write and in which request, for its audit entry. */
export const writtenBy = (req: FastifyRequest) => ({ userId: actorOf(req).userId, requestId: req.id });

import { z } from 'zod';
import { Id, IsoDate } from './common.js';

// The board's guidance while a stay is dragged (issue 12): the days it may start on, per row.

export const FeasibleStartsQuery = z.object({
  from: IsoDate.optional().describe('First start day to look at (default: a quarter before the stay’s start, or half a year before `to`; not before the horizon)'),
  to: IsoDate.optional().describe('Last start day to look at (default: a quarter after the stay’s start, or half a year after `from`; at most 186 days from `from`, the stay ending within the horizon)'),
});

export const StartRun = z
  .object({
    from: IsoDate,
    to: IsoDate,
    ok: z.boolean().describe('Whether the checked edit would accept the stay starting on these days on this row'),
    stopIds: z.array(Id).describe('When refused: the stays in the way (overlapping, or whose rules the move would break)'),
    kinds: z.array(z.string()).describe('When refused: overlap_vehicle / overlap_set / overlap_venue, or the planner’s violation kinds'),
  })
  .describe('Consecutive start days with the same answer');

export const FeasibleStarts = z.object({
  stopId: Id,
  from: IsoDate,
  to: IsoDate,
  capped: z.boolean().describe('The asked range was longer than 186 days and was cut'),
  rows: z.array(z.object({ row: z.string().describe('The board’s row: v<vehicleId> or s<exhibitSetId>'), vehicleId: Id, runs: z.array(StartRun) })),
});
export type FeasibleStarts = z.infer<typeof FeasibleStarts>;

export const PlanRequestParams = z.object({ planId: Id, requestId: Id });

export const RequestStarts = z.object({
  requestId: Id,
  options: z
    .array(z.object({ vehicleId: Id, exhibitSetId: Id, startsOn: IsoDate, opensOn: IsoDate, closesOn: IsoDate, endsOn: IsoDate }))
    .describe('Per vehicle that carries a fitting set: the first stay for the request the checked insert would accept, earliest first; empty when none fits'),
});
export type RequestStarts = z.infer<typeof RequestStarts>;

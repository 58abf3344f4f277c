import { z } from 'zod';

/** What a draft warns its coordinator of: vehicles with no stop and why, unserved requests grouped by cause. */
export const PlanWarnings = z.object({
  vehicles: z.array(
    z.object({
      vehicleId: z.number().int(),
      vehicleName: z.string(),
      code: z.string().describe('VEHICLE_CARRIES_NO_SET, VEHICLE_SETS_TAKEN, VEHICLE_TRIP_SHORTER_THAN_STAY, VEHICLE_NO_REQUEST_OF_KIND or VEHICLE_NOT_NEEDED'),
      params: z.record(z.string(), z.unknown()),
      message: z.string(),
    }),
  ),
  unserved: z.array(
    z.object({
      code: z.string().describe('The unserved reason code shared by the group'),
      params: z.record(z.string(), z.unknown()),
      count: z.number().int(),
      requestIds: z.array(z.number().int()),
      message: z.string(),
    }),
  ),
});

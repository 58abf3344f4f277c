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

const SheetName = z.enum(['centres', 'venues', 'blackouts', 'sets', 'vehicles', 'drivers', 'hosts', 'requests', 'history']);

export const WorkbookImport = z.discriminatedUnion('format', [
  z.object({ format: z.literal('xlsx'), content: z.string().min(1).max(40_000_000).describe('The .xlsx workbook in base64 (the template’s sheets)') }),
  z.object({ format: z.literal('csv'), sheets: z.partialRecord(SheetName, z.string().max(20_000_000)).describe('One CSV text per sheet, its header the sheet’s columns') }),
]);
export const WorkbookQuery = z.object({ dryRun: z.stringbool().optional().describe('Check and report only: nothing is written') });

const Counts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), refused: z.number().int() });
export const WorkbookResult = z.object({
  dryRun: z.boolean(),
  ok: z.boolean().describe('No row refused (a real import with a refusal answers 422 WORKBOOK_ROWS_INVALID instead)'),
  sheets: z.record(SheetName, Counts),
  errors: z.array(z.object({ sheet: SheetName, row: z.number().int().describe('The sheet’s row (the header is row 1)'), field: z.string(), message: z.string() })),
});

export const TemplateQuery = z.object({ lang: z.enum(['zh-CN', 'en']).optional().describe('Default: from Accept-Language') });

export const BulkDecision = z.object({
  requestIds: z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(2000),
  action: z.enum(['approve', 'decline']),
  reason: z.string().trim().max(500).optional().describe('One reason for all (a decline tells each host)'),
});
export const BulkDecisionResult = z.object({ changed: z.number().int() });

import { z } from 'zod';
import { IsoDate } from './common.js';
import { ReportQuery } from './reports.js';

/** The national report's period: the same query as a region report's (default: this calendar year). */
export const NationalQuery = ReportQuery;

const Figures = {
  keyCountiesReached: z.number().int().describe('Key assistance counties with a stay in the period'),
  keyCountiesTotal: z.number().int().describe('Key assistance counties of the region (its venues in the key tier)'),
  keyCoverage: z.number().nullable().describe('keyCountiesReached / keyCountiesTotal, 0..1 (3 decimals); null without key counties'),
  stops: z.number().int().describe('Stays touching the period'),
  rovingStays: z.number().int().describe('Roving-museum stays touching the period'),
  caravanActivities: z.number().int().describe('Caravan activities: reported, or 1 per caravan stay not yet reported'),
  visitors: z.number().int().describe('Attendance from the visit reports'),
  kmDriven: z.number().int().describe('Road km, by the region report’s rule (a leg counts with the stay it leads to)'),
};

/** One region's figures (a province, or a prefecture under its province code). */
export const NationalRow = z.object({
  regionId: z.number().int(),
  code: z.string().describe('The region’s NBS code'),
  provinceCode: z.string().describe('The first two digits of the code: the province'),
  nameZh: z.string(),
  nameEn: z.string(),
  planId: z.number().int().nullable().describe('The published plan the figures come from'),
  ...Figures,
});

/** The deployment's figures for a period, region by region, in the order of their codes, and the totals. */
export const NationalReport = z.object({
  from: IsoDate,
  to: IsoDate,
  regions: z.array(NationalRow),
  totals: z.object(Figures),
});

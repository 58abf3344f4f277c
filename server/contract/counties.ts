import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { counties } from '../db/schema/counties.js';

export const County = createSelectSchema(counties).describe('A county-level unit’s reference facts (NBS code, name, seat point, key-county status)');
export type County = z.infer<typeof County>;

export const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/).describe('The 6-digit NBS county code') });

import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { loans } from '../db/schema/index.js';
import { BodyId, Id, IsoDate } from './common.js';

// Lending between regions (issue 15, point 3): a coordinator of the asset's region lends a roving set
// or a caravan to another region for a period, and withdraws the loan; both regions list it.

/** What is lent: an exhibit set or a vehicle, by its id. */
export const LoanAsset = z.object({ kind: z.enum(['set', 'vehicle']), id: BodyId });

export const LoanCreate = z
  .object({
    asset: LoanAsset,
    borrowerRegionId: BodyId,
    startsOn: IsoDate,
    endsOn: IsoDate.describe('The loan’s last day (inclusive)'),
    note: z.string().trim().max(500).default(''),
  })
  .refine((l) => l.endsOn >= l.startsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] });
export type LoanCreate = z.infer<typeof LoanCreate>;

const Row = createSelectSchema(loans, { createdAt: z.iso.datetime({ offset: true }), withdrawnAt: z.iso.datetime({ offset: true }).nullable() }).omit({
  exhibitSetId: true,
  vehicleId: true,
});

const RegionNames = z.object({ nameZh: z.string(), nameEn: z.string() });

/** A loan as either region sees it: the asset in words (for the board's row) and both regions' names. */
export const Loan = Row.extend({
  asset: LoanAsset.extend({
    code: z.string().nullable(),
    name: z.string(),
    setKind: z.enum(['roving_museum', 'caravan_kit']).nullable().describe('For a set: roving museum or caravan kit'),
  }),
  lenderRegion: RegionNames,
  borrowerRegion: RegionNames,
  /** Whether the region asked about lent it (true) or borrowed it (false). */
  lentOut: z.boolean(),
});
export type Loan = z.infer<typeof Loan>;

export const LoanQuery = z.object({
  withdrawn: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Also list withdrawn loans'),
});
export const LoanParam = z.object({ loanId: Id });

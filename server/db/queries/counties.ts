import { eq } from 'drizzle-orm';
import { NotFoundError } from '../../errors.js';
import type { DbOrTx } from '../client.js';
import { counties } from '../schema/counties.js';

/** The reference facts of one county-level unit by its 6-digit code, or "not found". */
export async function getCounty(db: DbOrTx, code: string) {
  const [row] = await db.select().from(counties).where(eq(counties.code, code));
  if (!row) throw new NotFoundError('county', code);
  return row;
}

import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * Declares, for the rest of the current transaction, that a person explicitly decided to change a
 * confirmed stay (a coordinator accepting a move on publish or on the board, a host cancelling
 * their own visit). The timeline's guard (migration 0004) refuses such a change otherwise. The
 * decision itself goes into the audit log beside the change; `why` names it there and here.
 */
export async function declareDecision(db: DbOrTx, why: string): Promise<void> {
  await db.execute(sql`select set_config('rove.decision', ${why}, true)`);
}

/** Lets the stays' overlap constraints wait until commit, for writes that move several stays at once. */
export async function deferOverlapChecks(db: DbOrTx): Promise<void> {
  await db.execute(sql`set constraints stops_no_vehicle_overlap, stops_no_set_overlap, stops_no_venue_overlap deferred`);
}

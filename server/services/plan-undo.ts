import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { getScopedPlan } from '../db/queries/plans.js';
import { markUndone, placeOf, redoTop, samePlace, stackDepths, undoTop, type PlanEditRow } from '../db/queries/plan-edits.js';
import type { EditedPlace } from '../db/schema/plan-edits.js';
import * as t from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { editStop, type EditContext } from './plan-edits.js';

type Direction = 'undo' | 'redo';

/**
 * Undo (or redo) the plan's last board edit: the stay goes back to where it was before it (or to
 * where the edit put it) through the same checked edit as a drag, so the planning rules, the
 * If-Match revision, the timeline's guards and the audit (stop.undo / stop.redo) all hold. Refused
 * with 409 UNDO_STACK_EMPTY / REDO_STACK_EMPTY, 409 UNDO_STAY_CHANGED when the stay has moved by
 * other means since, or the checked edit's own refusal (e.g. 422 EDIT_BREAKS_RULES); nothing changes then.
 * `now` (the app's clock) dates an undo.
 */
export async function replayEdit(db: Db, ctx: EditContext, planId: number, expected: number | '*', direction: Direction, now: Date) {
  return db.transaction(async (tx) => {
    await getScopedPlan(tx, ctx.actor.coordinatorRegionIds, planId);
    // One undo or redo of a plan at a time: the second waits here and then sees the stacks as the first left them.
    await tx.execute(sql`select id from ${t.plans} where id = ${planId} for update`);
    const entry = direction === 'undo' ? await undoTop(tx, planId) : await redoTop(tx, planId);
    if (!entry) throw new DomainError(direction === 'undo' ? 'UNDO_STACK_EMPTY' : 'REDO_STACK_EMPTY', {});
    const [from, to] = direction === 'undo' ? [entry.after, entry.before] : [entry.before, entry.after];
    await assertStayAt(tx, entry, from);
    const step = (t2: Parameters<typeof markUndone>[0]) => markUndone(t2, entry.id, direction === 'undo' ? now : null);
    // A nested transaction (a savepoint): the checked edit runs exactly as a drag's does.
    const result = await editStop(tx as unknown as Db, { ...ctx, replay: { action: `stop.${direction}`, step } }, planId, entry.stopId, expected, to);
    return { ...result, stacks: await stackDepths(tx, planId) };
  });
}

/** Undo replays an edit only onto the stay the edit left; a stay moved since by other means is not taken back. */
async function assertStayAt(tx: Tx, entry: PlanEditRow, place: EditedPlace) {
  const [stop] = await tx.select().from(t.stops).where(eq(t.stops.id, entry.stopId));
  if (!stop || !samePlace(placeOf(stop), place)) {
    throw new DomainError('UNDO_STAY_CHANGED', { stopId: entry.stopId, startsOn: stop?.startsOn, endsOn: stop?.endsOn });
  }
}

/** How many edits the plan's board can undo and redo (the buttons' state). */
export async function undoStacks(db: Db, ctx: EditContext, planId: number) {
  await getScopedPlan(db, ctx.actor.coordinatorRegionIds, planId);
  return stackDepths(db, planId);
}

import { and, asc, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { planEdits, type EditedPlace, type ServedRequest } from '../schema/plan-edits.js';
import type { stops } from '../schema/stops.js';

export type PlanEditRow = typeof planEdits.$inferSelect;

/** Where a stay sits (its days, vehicle and set), as the undo stack keeps it. */
export function placeOf(s: typeof stops.$inferSelect): EditedPlace {
  return { startsOn: s.startsOn, opensOn: s.opensOn, closesOn: s.closesOn, endsOn: s.endsOn, vehicleId: s.vehicleId, exhibitSetId: s.exhibitSetId };
}

export const samePlace = (a: EditedPlace, b: EditedPlace) =>
  a.startsOn === b.startsOn && a.opensOn === b.opensOn && a.closesOn === b.closesOn && a.endsOn === b.endsOn && a.vehicleId === b.vehicleId && a.exhibitSetId === b.exhibitSetId;

/** A new edit of a plan: it goes on top of the undo stack and empties the redo stack. */
export async function pushPlanEdit(db: DbOrTx, e: { planId: number; stopId: number; userId: number; before: EditedPlace; after: EditedPlace }) {
  await clearRedo(db, e.planId);
  if (!samePlace(e.before, e.after)) await db.insert(planEdits).values(e);
}

/** A stay added to a draft: undo cancels it and gives its request back `served`; the redo stack empties. */
export async function pushPlanAdd(db: DbOrTx, e: { planId: number; stopId: number; userId: number; after: EditedPlace; served: ServedRequest | null }) {
  await clearRedo(db, e.planId);
  await db.insert(planEdits).values({ ...e, kind: 'add', before: null });
}

/** Forgets the plan's undone edits (any new edit of the plan does, an added stay on the timeline too). */
export async function clearRedo(db: DbOrTx, planId: number) {
  await db.delete(planEdits).where(and(eq(planEdits.planId, planId), isNotNull(planEdits.undoneAt)));
}

/** The edit undo would take back: the plan's newest edit not undone. */
export async function undoTop(db: DbOrTx, planId: number): Promise<PlanEditRow | undefined> {
  const [row] = await db.select().from(planEdits).where(and(eq(planEdits.planId, planId), isNull(planEdits.undoneAt))).orderBy(desc(planEdits.id)).limit(1);
  return row;
}

/** The edit redo would make again: the plan's oldest undone edit (undone edits are always the newest ids). */
export async function redoTop(db: DbOrTx, planId: number): Promise<PlanEditRow | undefined> {
  const [row] = await db.select().from(planEdits).where(and(eq(planEdits.planId, planId), isNotNull(planEdits.undoneAt))).orderBy(asc(planEdits.id)).limit(1);
  return row;
}

/** Moves an edit between the stacks: undone (`at` given) or done again (null); a redone add keeps what its request was just before. */
export async function markUndone(db: DbOrTx, id: number, at: Date | null, served?: ServedRequest) {
  await db
    .update(planEdits)
    .set({ undoneAt: at, ...(served ? { served } : {}) })
    .where(eq(planEdits.id, id));
}

/** How many edits undo and redo can take back or make again. */
export async function stackDepths(db: DbOrTx, planId: number) {
  const [row] = await db
    .select({ undo: count(sql`case when ${planEdits.undoneAt} is null then 1 end`), redo: count(planEdits.undoneAt) })
    .from(planEdits)
    .where(eq(planEdits.planId, planId));
  return { undo: Number(row?.undo ?? 0), redo: Number(row?.redo ?? 0) };
}

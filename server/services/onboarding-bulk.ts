import type { Db } from '../db/client.js';
import type { Actor } from '../plugins/auth.js';
import { transitionRequest } from './requests.js';

/**
 * Approves or declines many requests with one reason, all or none: each goes through the one
 * workflow step (status check, history, audit, notice to its host) inside a single transaction, so
 * one request that cannot move (another region's, already declined) leaves every one as it was.
 */
export async function decideMany(db: Db, now: Date, actor: Actor, b: { requestIds: number[]; action: 'approve' | 'decline'; reason?: string | undefined }, requestId: string) {
  const ids = [...new Set(b.requestIds)];
  await db.transaction(async (tx) => {
    for (const id of ids) await transitionRequest(tx as Db, now, actor, id, b.action, b.reason, requestId);
  });
  return ids.length;
}

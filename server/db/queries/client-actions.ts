import { eq } from 'drizzle-orm';
import { DomainError } from '../../errors.js';
import type { DbOrTx } from '../client.js';
import { clientActions } from '../schema/client-actions.js';

/** One tap sent from a phone: the id the phone made for it, who sent it, what and on which stay. */
export interface ClientAction {
  clientId: string;
  userId: number;
  action: 'stop.arrive' | 'stop.complete' | 'visit.report' | 'visit.photo';
  stopId: number;
}

/**
 * Runs `run` once per client id, inside the caller's transaction. The id is claimed first, so a
 * concurrent repeat waits on the claim and then reads the stored result; a later repeat gets the
 * stored result at once. A refused action rolls its claim back with it, so nothing is stored for it.
 * The same id from another user or for another action is refused (CLIENT_ID_REUSED).
 */
export async function onceOnly<T>(tx: DbOrTx, a: ClientAction | undefined, run: () => Promise<T>): Promise<T> {
  if (!a) return run();
  const [claimed] = await tx.insert(clientActions).values({ ...a, result: {} }).onConflictDoNothing().returning({ clientId: clientActions.clientId });
  if (!claimed) {
    const [stored] = await tx.select().from(clientActions).where(eq(clientActions.clientId, a.clientId));
    if (!stored || stored.userId !== a.userId || stored.action !== a.action || stored.stopId !== a.stopId) throw new DomainError('CLIENT_ID_REUSED');
    return stored.result as T;
  }
  const result = await run();
  await tx.update(clientActions).set({ result }).where(eq(clientActions.clientId, a.clientId));
  return result;
}

// Taps made with no signal (arrived, done, a visit report, a photo) wait on the phone in IndexedDB
// and are sent, in the order made, when the connection returns. Each carries an id made here
// (Idempotency-Key) that the server accepts once, so a tap whose answer was lost can be sent again
// without counting twice. A tap the server refuses (the stay moved or was cancelled meanwhile, the
// report was locked) leaves the queue and is shown in the server's words until dismissed.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { ApiError, call } from './api.js';
import * as clock from './clock.js';
import { isOffline } from './offline.js';

/** One tap waiting to be sent. */
export interface Tap {
  /** Made on the phone; the server takes each once. */
  id: string;
  /** Whose tap: only the signed-in user's own taps are sent. */
  userId: number;
  stopId: number;
  kind: 'arrive' | 'complete' | 'report' | 'photo';
  path: string;
  /** JSON, or a photo's bytes. */
  body: unknown;
  /** What the phone showed, for the words of a refusal: the venue and the step. */
  label: string;
  /** When it was tapped (ISO, the page's clock). */
  at: string;
}

/** A tap the server refused, with its reason in words. */
export interface Refusal {
  tap: Tap;
  code: string;
  message: string;
}

interface OutboxDb extends DBSchema {
  taps: { key: string; value: Tap; indexes: { at: string } };
}

let dbPromise: Promise<IDBPDatabase<OutboxDb>> | undefined;
const db = () =>
  (dbPromise ??= openDB<OutboxDb>('rove-outbox', 1, {
    upgrade(d) {
      d.createObjectStore('taps', { keyPath: 'id' }).createIndex('at', 'at');
    },
  }));

const refusals: Refusal[] = [];
const listeners = new Set<() => void>();
let sending: Promise<void> | undefined;

/** The signed-in user's taps still waiting, oldest first. */
export async function waiting(userId: number): Promise<Tap[]> {
  return (await (await db()).getAllFromIndex('taps', 'at')).filter((x) => x.userId === userId);
}

/** Taps the server refused since the page opened (until dismissed). */
export function refused(): readonly Refusal[] {
  return refusals;
}

export function dismissRefusals() {
  refusals.length = 0;
  for (const f of listeners) f();
}

/** Calls `f` whenever a tap was sent or refused; returns the unsubscribe. */
export function onOutboxChange(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** Keeps a tap and tries to send the queue at once; resolves true if it went, false if it waits. */
export async function tap(t: Omit<Tap, 'id' | 'at'>): Promise<boolean> {
  const kept: Tap = { ...t, id: crypto.randomUUID(), at: clock.now().toISOString() };
  await (await db()).put('taps', kept);
  await send(t.userId);
  return !(await (await db()).get('taps', kept.id));
}

/** Sends the user's waiting taps in order; stops at the first that cannot reach the server. */
export function send(userId: number): Promise<void> {
  sending ??= (async () => {
    let changed = false;
    try {
      for (const x of await waiting(userId)) {
        try {
          const photo = x.body instanceof Blob ? x.body : undefined;
          await call(x.path, { method: 'POST', body: x.body, headers: { 'idempotency-key': x.id, ...(photo ? { 'content-type': photo.type || 'image/jpeg' } : {}) } });
        } catch (err) {
          if (isOffline(err) || (err instanceof ApiError && (err.status >= 500 || err.status === 401 || err.status === 429))) break;
          refusals.push({ tap: x, code: (err as ApiError).code, message: (err as Error).message });
        }
        await (await db()).delete('taps', x.id);
        changed = true;
      }
    } finally {
      sending = undefined;
      if (changed) for (const f of listeners) f();
    }
  })();
  return sending;
}

/** Sends whenever the connection returns, and every half minute while the page is open. */
export function startSending(userId: number): () => void {
  const go = () => void send(userId).catch(() => undefined);
  window.addEventListener('online', go);
  const timer = window.setInterval(go, 30_000);
  go();
  return () => {
    window.removeEventListener('online', go);
    window.clearInterval(timer);
  };
}

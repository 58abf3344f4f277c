// What the phone keeps for when there is no signal: the session and the host's and driver's data,
// each with the instant it was fetched (by the page's clock), so a page opened offline after a reload
// shows the last copy and says how old it is. Kept in localStorage under rove.kept.*; signing out
// forgets all of it.
import { ApiError, get } from './api.js';
import * as clock from './clock.js';
import type { Session } from './types.js';

const PREFIX = 'rove.kept.';

interface Kept<T> {
  /** When it was fetched (ISO, the page's clock). */
  at: string;
  value: T;
  /** The server clock's lead over the browser's at that time (for a session kept offline). */
  offsetMs?: number;
}

function write<T>(key: string, kept: Kept<T>) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(kept));
  } catch {
    /* storage full or off: nothing to keep */
  }
}

function read<T>(key: string): Kept<T> | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as Kept<T>) : null;
  } catch {
    return null;
  }
}

/** Whether an error means the server could not be reached (no signal), not that it refused. */
export const isOffline = (err: unknown) => err instanceof ApiError && err.status === 0;

let oldest: string | undefined;

/** Starts a page: from here on keptAt() reports the oldest kept copy the page was given. */
export function resetKept() {
  oldest = undefined;
}

/** The instant of the oldest kept copy served since resetKept(), if any was. */
export function keptAt(): string | undefined {
  return oldest;
}

/** GET that keeps the answer; with no connection it answers the kept copy (and notes its age), else throws. */
export async function keptGet<T>(path: string): Promise<T> {
  try {
    const value = await get<T>(path);
    write(path, { at: clock.now().toISOString(), value });
    return value;
  } catch (err) {
    const kept = isOffline(err) ? read<T>(path) : null;
    if (!kept) throw err;
    if (!oldest || kept.at < oldest) oldest = kept.at;
    return kept.value;
  }
}

/** Keeps the signed-in session (after the page's clock has taken its time). */
export function keepSession(session: Session) {
  write('session', { at: clock.now().toISOString(), value: session, offsetMs: clock.clockOffsetMs() });
}

/**
 * The session from the server, or with no connection the kept one, its "now" moved on by the time
 * since (the browser's clock plus the server's lead then), so today is still today offline.
 */
export async function currentSession(): Promise<Session> {
  try {
    return await get<Session>('/api/auth/me');
  } catch (err) {
    const kept = isOffline(err) ? read<Session>('session') : null;
    if (!kept) throw err;
    return { ...kept.value, now: new Date(clock.now().getTime() + (kept.offsetMs ?? 0)).toISOString() };
  }
}

/** Forgets everything kept (sign-out): the next person on this phone sees nothing of it. */
export function forgetKept() {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX) || key.startsWith('rove.itinerary.')) localStorage.removeItem(key);
  } catch {
    /* nothing kept */
  }
}

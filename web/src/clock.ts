// The page's clock: the server's "now" (sent with the session, GET /api/auth/me and sign-in) kept as
// an offset from the browser's clock, so a server started with ROVE_NOW shows that date on every
// page, and a browser whose clock is wrong still agrees with the server. The only place the web page
// reads the browser's clock.

import { todayIn } from './dates.js';
import { timeZone } from './i18n.js';

let offsetMs = 0;

/** Takes the server's current instant (ISO) as the page's "now" from here on. */
export function syncClock(serverNow: string): void {
  const at = Date.parse(serverNow);
  if (Number.isFinite(at)) offsetMs = at - Date.now();
}

/** How far the server's clock is ahead of the browser's (ms); kept with an offline session. */
export function clockOffsetMs(): number {
  return offsetMs;
}

/** The current instant, by the server's clock. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today (YYYY-MM-DD) in the region's time zone, by the server's clock. */
export function today(): string {
  return todayIn(timeZone(), now());
}

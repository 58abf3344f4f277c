// The connection to the server as the user meets it (issue 12, point 6): a request that cannot reach
// the server raises a banner in the UI's language with a retry button (never the browser's own
// "Failed to fetch"), gone once a request gets through; a session that ends while a page is open
// leads to the sign-in form at the same address, and back to that page once signed in.
import { h } from './dom.js';
import { t } from './i18n.js';

let retry: () => void = () => location.reload();
let expired: (() => void) | null = null;
let banner: HTMLElement | null = null;

/** What the banner's retry button does (the shell redraws the current page). */
export function onRetry(fn: () => void) {
  retry = fn;
}

/** What happens when the server says the session is gone (the shell shows the sign-in form). */
export function onSessionExpired(fn: () => void) {
  expired = fn;
}

/** A request could not reach the server: shows the banner; returns the words for the failed request's own message. */
export function serverUnreachable(): string {
  if (!banner?.isConnected) {
    const text = h('span', null, t('serverUnreachableBanner'));
    const button = h('button', { type: 'button', class: 'secondary', onclick: () => retryNow(text, button) }, t('retry'));
    banner = h('div', { class: 'conn-banner', role: 'alert' }, text, ' ', button);
    document.body.prepend(banner);
  }
  return t('serverUnreachable');
}

function retryNow(text: HTMLElement, button: HTMLButtonElement) {
  text.textContent = t('retrying');
  button.disabled = true;
  // Gone now; the next request that cannot reach the server raises it again.
  serverReached();
  retry();
}

/** A request got an answer: the banner goes. */
export function serverReached() {
  banner?.remove();
  banner = null;
}

/** A 401 from the server: the session ended (expired, signed out elsewhere), unless it was the sign-in itself. */
export function unauthenticated(path: string) {
  if (!/^\/api\/auth\/(login|me)\b/.test(path)) expired?.();
}

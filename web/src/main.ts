import './styles.css';
import { start } from './app.js';

// The service worker takes over open pages as soon as a new build is installed (skipWaiting), and
// drops the old build's files from its cache: a page of the old build then cannot load a page
// module it has not loaded yet, and Vite says so with 'vite:preloadError'. Such a page reloads onto
// the new build (from the cache, so also with no signal), once a minute at most, so a module missing
// from the build itself shows its error rather than reloading for ever.
window.addEventListener('vite:preloadError', () => {
  if (!navigator.serviceWorker?.controller) return;
  try {
    // Elapsed time between two reloads, not a date: the browser's own clock is the right one here
    // (the page's clock in clock.ts is for dates, and may be pinned by the server's ROVE_NOW).
    const last = Number(sessionStorage.getItem('rove.reloadedForBuild') ?? 0);
    if (Date.now() - last < 60_000) return;
    sessionStorage.setItem('rove.reloadedForBuild', String(Date.now()));
  } catch {
    return; // no storage to remember a reload in: no reload
  }
  location.reload();
});

start();

// Small accessibility helpers the pages share (issue 12): regions that scroll on their own reachable
// by keyboard, and Leaflet's zoom buttons named in the UI's language.
import { t } from './i18n.js';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

/** Gives `el` a tab stop when it holds nothing the keyboard can reach (so arrow keys can scroll it). */
function reachable(el: HTMLElement) {
  if (!el.hasAttribute('tabindex') && !el.querySelector(FOCUSABLE)) el.tabIndex = 0;
}

/**
 * Keeps every region inside `root` that scrolls on its own reachable by keyboard (FullCalendar's row
 * headings and time axis scroll beside the grid with nothing focusable in them), also after each
 * redraw; returns the stop. Scrollers are found by the inline overflow style FullCalendar gives them;
 * they get no name, as ARIA allows none on a plain box (a named region would break the grid's rows).
 */
export function keyboardScrollers(root: HTMLElement): () => void {
  let queued = false;
  const mark = () => {
    queued = false;
    for (const el of root.querySelectorAll<HTMLElement>('[style*="overflow"]')) if (!/overflow:\s*hidden;/.test(el.style.cssText)) reachable(el);
  };
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(mark);
  });
  observer.observe(root, { childList: true, subtree: true });
  mark();
  return () => observer.disconnect();
}

/** A wide table in a box that scrolls sideways on a narrow screen, which the keyboard can reach and scroll. */
export function sidewaysScroll(label: string, table: HTMLElement): HTMLElement {
  const box = document.createElement('div');
  box.className = 'table-scroll';
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', label);
  box.tabIndex = 0;
  box.append(table);
  return box;
}

/** Leaflet's zoom buttons in the UI's language (its own are English): pass to L.control.zoom. */
export function zoomWords() {
  return { zoomInTitle: t('zoomIn'), zoomOutTitle: t('zoomOut') };
}

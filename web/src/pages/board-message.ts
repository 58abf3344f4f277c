// The board's one message area (issue 12): the answer to the last action, in words, with a link to
// the stay in the way when there is one; the next action clears it. A refusal is also shown once
// beside the stay it sent back, and cleared with it: never a pile of pop-ups.
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { select, stopOf, type Board } from './board-context.js';

export type Tone = 'info' | 'ok' | 'error' | 'warning';

/** A stay named in a message: the board scrolls to it and selects it. */
export interface StayLink {
  stopId: number;
  label: string;
}

/** Clears the message area and any refusal beside a stay. */
export function clearMessage(b: Board) {
  b.status.replaceChildren();
  b.status.dataset.tone = '';
  b.alertBox.replaceChildren();
  document.querySelectorAll('.rove-violations').forEach((e) => e.remove());
}

/** Puts one message in the area, in place of the last. */
export function say(b: Board, tone: Tone, text: string, items: string[] = [], links: StayLink[] = []) {
  clearMessage(b);
  b.status.dataset.tone = tone;
  mount(
    b.status,
    h('span', { class: 'board-message', 'data-tone': tone }, text, items.length ? ' ' + items.join('；') : '', ...links.map((l) => [' ', stayLink(b, l)])),
  );
}

function stayLink(b: Board, l: StayLink) {
  return h('button', { type: 'button', class: 'link-button rove-clash-link', 'data-stop-id': String(l.stopId), onclick: () => showStay(b, l.stopId) }, l.label);
}

/** Brings a stay into view on the board, selects it and marks it for a moment. */
export function showStay(b: Board, stopId: number) {
  const s = stopOf(b, stopId);
  if (s && b.calendar) {
    const view = b.calendar.view;
    if (s.startsOn < view.activeStart.toISOString().slice(0, 10) || s.startsOn >= view.activeEnd.toISOString().slice(0, 10)) b.calendar.gotoDate(s.startsOn);
  }
  select(b, stopId);
  requestAnimationFrame(() => {
    const el = b.calEl.querySelector<HTMLElement>(`[data-stop-id="${stopId}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center', inline: 'center' });
    el.classList.add('rove-shown');
    el.focus({ preventScroll: true });
    setTimeout(() => el.classList.remove('rove-shown'), 2500);
  });
}

/** The refusal beside the stay it sent back (one at a time). */
export function sayBeside(b: Board, stopId: number, items: string[]) {
  requestAnimationFrame(() => {
    document.querySelectorAll('.rove-violations').forEach((e) => e.remove());
    const el = b.calEl.querySelector<HTMLElement>(`[data-stop-id="${stopId}"]`);
    if (!el) return;
    const r = el.getBoundingClientRect();
    const pop = h(
      'div',
      { class: 'rove-violations', role: 'alert', 'data-stop-id': String(stopId) },
      h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: () => pop.remove() }, '×'),
      h('ul', null, items.map((m) => h('li', null, m))),
    );
    pop.style.left = `${Math.min(window.innerWidth - 340, Math.max(8, r.left + window.scrollX))}px`;
    pop.style.top = `${r.bottom + window.scrollY + 4}px`;
    document.body.appendChild(pop);
  });
}

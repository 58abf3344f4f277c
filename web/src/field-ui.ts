// Pieces the driver's and the host's pages share: the taps the server refused, in its words, and a
// line saying how many wait on the phone.
import { h } from './dom.js';
import { t } from './i18n.js';
import { dismissRefusals, refused } from './outbox.js';

/** The taps made offline that the server refused (the stay moved, was cancelled, was locked), until dismissed. */
export function refusalsBox() {
  const list = refused();
  if (!list.length) return null;
  return h(
    'div',
    { class: 'refusals', role: 'alert' },
    h('p', null, h('strong', null, t('refusedTitle'))),
    h('ul', null, list.map((r) => h('li', { class: 'refusal', 'data-code': r.code }, h('strong', null, r.tap.label), '：', r.message))),
    h('button', { type: 'button', onclick: () => dismissRefusals() }, t('dismiss')),
  );
}

/** "n kept on this phone", or nothing. */
export function waitingLine(n: number) {
  return n ? h('p', { class: 'taps-waiting hint' }, t('tapsWaiting', { n })) : null;
}

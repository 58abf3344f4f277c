// The header's notices: how many are unread, and the latest in words (the server words them in the
// UI's language). Opening the list marks the shown ones read.
import { get, post } from './api.js';
import { h, mount } from './dom.js';
import { formatInstant, t } from './i18n.js';
import type { Notice } from './types.js';

/** Notices about a request, for whom the inbox opens it there (#/requests?id=…). */
const REQUEST_NOTICES = new Set(['request_created', 'request_status', 'request_status_changed']);

/** The header's menu; `inbox`: the user reviews requests, so a request's notice links to it in the inbox. */
export function noticesMenu(inbox = false): HTMLElement {
  const count = h('span', { class: 'notice-count', 'aria-hidden': 'true' });
  const label = h('span', { class: 'visually-hidden' });
  const list = h('div', { class: 'notice-list' });
  const menu = h('details', { class: 'notices' }, h('summary', { class: 'button secondary' }, t('notices'), ' ', count, label), list);
  let shown: Notice[] = [];
  const noticeText = (n: Notice) => {
    const id = Number(n.params.requestId);
    if (!inbox || !REQUEST_NOTICES.has(n.kind) || !id) return h('span', null, n.text);
    const href = `#/requests?id=${id}`;
    // Already at that address, the link alone would not redraw the page: say so to the router.
    const open = () => {
      menu.open = false;
      if (location.hash === href) window.dispatchEvent(new HashChangeEvent('hashchange'));
    };
    return h('a', { href, class: 'notice-link', onclick: open }, n.text);
  };

  const refresh = async () => {
    try {
      const unread = await get<Notice[]>('/api/notifications?unread=true');
      count.textContent = unread.length ? String(unread.length) : '';
      label.textContent = t('noticesUnread', { n: unread.length });
    } catch {
      menu.hidden = true;
    }
  };

  menu.addEventListener('toggle', async () => {
    if (!menu.open) return;
    mount(list, h('p', { class: 'hint' }, t('loading')));
    try {
      shown = (await get<Notice[]>('/api/notifications')).slice(0, 20);
      mount(
        list,
        shown.length
          ? h('ul', null, shown.map((n) => h('li', { class: n.readAt ? '' : 'unread' }, noticeText(n), h('small', { class: 'hint' }, formatInstant(n.createdAt)))))
          : h('p', { class: 'hint' }, t('noNotices')),
      );
      await Promise.all(shown.filter((n) => !n.readAt).map((n) => post(`/api/notifications/${n.id}/read`).catch(() => undefined)));
      void refresh();
    } catch (err) {
      mount(list, h('p', { class: 'error' }, (err as Error).message));
    }
  });
  void refresh();
  return menu;
}

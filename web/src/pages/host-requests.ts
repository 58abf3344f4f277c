// County host: my requests, each with its status and reason in words, the days the timeline holds for
// it (set-up, open, tear-down), and one button to confirm those days.
import { post } from '../api.js';
import type { Ctx } from '../app.js';
import { addDays } from '../dates.js';
import { h, mount } from '../dom.js';
import { formatDays, t, tk } from '../i18n.js';
import type { Stop, VisitRequest, VisitRequestDetail } from '../types.js';

export interface RequestsPanel {
  ctx: Ctx;
  requests: VisitRequest[];
  /** The timeline's stays at my venues. */
  visits: Stop[];
  venueName: Map<number, string>;
  reasonText: Map<number, string>;
  status: HTMLElement;
  /** The panel's heading (default: my requests) and its id. */
  heading?: string;
  headingId?: string;
}

/** A stay's days in words: set-up, open and tear-down, as the timeline holds them. */
export function scheduledDays(s: Stop) {
  return h(
    'dl',
    { class: 'scheduled-days', 'data-stop-id': String(s.id) },
    s.opensOn > s.startsOn ? [h('dt', null, t('setup')), h('dd', { class: 'days-setup' }, formatDays(s.startsOn, addDays(s.opensOn, -1)))] : null,
    h('dt', null, t('open')),
    h('dd', { class: 'days-open' }, formatDays(s.opensOn, s.closesOn)),
    s.endsOn > s.closesOn ? [h('dt', null, t('teardown')), h('dd', { class: 'days-teardown' }, formatDays(addDays(s.closesOn, 1), s.endsOn))] : null,
    h('dt', null, t('status')),
    h('dd', { class: 'stay-status' }, tk('stopStatus', s.status)),
  );
}

export function statusBadge(status: VisitRequest['status']) {
  return h('span', { class: `badge ${status} request-status` }, tk('requestStatus', status));
}

/**
 * Confirms the scheduled days with one tap; every row and card of the request on the page (its row,
 * its upcoming visit) then shows the request and its stays as confirmed.
 */
export function confirmButton(r: VisitRequest, status: HTMLElement) {
  const btn = h('button', { type: 'button', class: 'primary confirm-dates', 'data-request-id': String(r.id) }, t('confirmDates'));
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      const detail = await post<VisitRequestDetail>(`/api/requests/${r.id}/confirm`);
      for (const el of document.querySelectorAll(`[data-request-id="${r.id}"]:not(button)`)) {
        el.querySelector('.request-status')?.replaceWith(statusBadge(detail.status));
        for (const dd of el.querySelectorAll('.stay-status')) dd.textContent = tk('stopStatus', 'confirmed');
      }
      for (const b of document.querySelectorAll(`button.confirm-dates[data-request-id="${r.id}"]`)) b.remove();
      status.textContent = t('datesConfirmed');
    } catch (err) {
      btn.disabled = false;
      status.textContent = t('failed', { message: (err as Error).message });
    }
  });
  return btn;
}

function cancelButton(r: VisitRequest, p: RequestsPanel) {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        try {
          await post(`/api/requests/${r.id}/cancel`);
          p.ctx.refresh();
        } catch (err) {
          p.status.textContent = t('failed', { message: (err as Error).message });
        }
      },
    },
    t('cancelRequest'),
  );
}

function requestRow(r: VisitRequest, p: RequestsPanel) {
  const stays = p.visits.filter((s) => s.requestId === r.id);
  const waiting = r.status === 'requested' || r.status === 'approved';
  const row: HTMLElement = h(
    'tr',
    { 'data-request-id': String(r.id), class: 'request-row' },
    h('td', null, r.venueName ?? p.venueName.get(r.venueId) ?? `#${r.venueId}`, h('br'), h('small', { class: 'hint' }, tk('setKind', r.setKind), ' · ', t('openDays'), ' ', r.openDays)),
    h('td', { 'data-label': t('window') }, formatDays(r.windowStart, r.windowEnd)),
    h(
      'td',
      { class: 'request-schedule', 'data-label': t('scheduledDays') },
      stays.length ? stays.map(scheduledDays) : h('span', { class: 'hint' }, waiting ? t('notScheduledYet') : ''),
      r.status === 'scheduled' && stays.length ? [confirmButton(r, p.status), h('small', { class: 'hint' }, t('confirmHint'))] : null,
    ),
    h('td', { 'data-label': t('status') }, statusBadge(r.status)),
    h('td', null, p.reasonText.get(r.id) ?? r.reason?.code ?? '', waiting ? cancelButton(r, p) : null),
  );
  return row;
}

/** The host's requests, newest first. */
export function requestsPanel(p: RequestsPanel) {
  const id = p.headingId ?? 'req-h';
  const box = h('section', { class: 'panel', 'aria-labelledby': id });
  mount(
    box,
    h('h2', { id }, p.heading ?? t('myRequests')),
    p.requests.length === 0
      ? h('p', null, t('noRequests'))
      : h(
          'table',
          { class: 'list requests' },
          h('thead', null, h('tr', null, h('th', null, t('venue')), h('th', null, t('window')), h('th', null, t('scheduledDays')), h('th', null, t('status')), h('th', null, t('reason')))),
          h('tbody', null, p.requests.map((r) => requestRow(r, p))),
        ),
  );
  return box;
}

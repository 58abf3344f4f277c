// County host: my venues, my requests with status, reasons and scheduled days (host-requests.ts), and
// attendance after a visit.
import { post } from '../api.js';
import type { Page } from '../app.js';
import * as clock from '../clock.js';
import { field, h, mount } from '../dom.js';
import { formatDays, formatInstant, formatNumber, t, tk } from '../i18n.js';
import { myVenues, myVisits } from '../host-data.js';
import { keptAt, keptGet, resetKept } from '../offline.js';
import { requestsPanel } from './host-requests.js';
import type { Stop, Venue, VisitRequest, VisitRequestDetail } from '../types.js';

export const hostPage: Page = async (root, ctx, params) => {
  resetKept();
  const [venues, requests, visits] = await Promise.all([myVenues(ctx), keptGet<VisitRequest[]>('/api/requests'), myVisits(ctx)]);
  const venueName = new Map(venues.map((v) => [v.id, v.name]));
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, params.get('submitted') ? t('submitted') : '');
  const today = clock.today();
  const mine = requests.filter((r) => ctx.venueIds.length === 0 || ctx.venueIds.includes(r.venueId)).sort((a, b) => b.id - a.id);
  // The list has the reason's code only; the detail words it in the UI's language.
  const reasonText = new Map<number, string>();
  await Promise.all(
    mine
      .filter((r) => r.reason && (r.status === 'declined' || r.status === 'unserved' || r.status === 'cancelled'))
      .slice(0, 30)
      .map(async (r) => {
        const d = await keptGet<VisitRequestDetail>(`/api/requests/${r.id}`).catch(() => null);
        if (d?.reasonText) reasonText.set(r.id, d.reasonText);
      }),
  );
  const kept = keptAt();
  if (kept) status.textContent = t('offlineData', { time: formatInstant(kept) });
  const toReport = visits.filter((s) => s.endsOn < today && (s.status === 'completed' || s.status === 'arrived' || s.status === 'confirmed'));

  mount(
    root,
    h('h1', null, t('hostHome')),
    status,
    h('p', null, h('a', { class: 'button primary', href: '#/host/request' }, '＋ ', t('navNewRequest')), ' ', h('a', { class: 'button', href: '#/host/visits' }, t('navVisits'))),
    h(
      'div',
      { class: 'grid2' },
      requestsPanel({ ctx, requests: mine, visits, venueName, reasonText, status }),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'venues-h' },
        h('h2', { id: 'venues-h' }, t('myVenues')),
        h('ul', null, venues.map((v: Venue) => h('li', null, h('strong', null, v.name), ' ', h('small', { class: 'hint' }, `${v.countyName} · ${v.address} · ${formatNumber(v.floorAreaM2)} ㎡`)))),
        h('h2', null, t('upcomingVisits')),
        visitsList(visits.filter((s) => s.endsOn >= today)),
        toReport.length ? h('h2', null, t('attendanceTitle')) : null,
        toReport.slice(-5).map((s) => attendanceForm(s, venueName.get(s.venueId) ?? '', status)),
      ),
    ),
  );
};

function visitsList(stops: Stop[]) {
  if (!stops.length) return h('p', { class: 'hint' }, t('noStops'));
  return h('ul', { class: 'visits' }, stops.slice(0, 10).map((s) => h('li', null, formatDays(s.startsOn, s.endsOn), ' · ', tk('stopStatus', s.status))));
}

function attendanceForm(s: Stop, venue: string, status: HTMLElement) {
  const attendance = h('input', { type: 'number', min: '0', step: '1', required: true, inputmode: 'numeric' });
  const activities = h('input', { type: 'number', min: '0', step: '1', value: '1', inputmode: 'numeric' });
  const notes = h('input', { type: 'text' });
  return h(
    'form',
    {
      class: 'card attendance',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await post(`/api/stops/${s.id}/report`, { attendance: Number(attendance.value), activities: Number(activities.value), notes: notes.value });
          status.textContent = t('reported');
        } catch (err) {
          status.textContent = t('failed', { message: (err as Error).message });
        }
      },
    },
    h('p', null, h('strong', null, venue), ' ', formatDays(s.startsOn, s.endsOn)),
    field(t('attendance'), attendance),
    field(t('activities'), activities),
    field(t('notes'), notes),
    h('button', { type: 'submit', class: 'primary' }, t('report')),
  );
}

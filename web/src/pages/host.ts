// County host's home, in the order a host needs it on a phone: upcoming visits first (their days,
// one tap to confirm), then open requests, then the visits to report (attendance, a note, photos:
// host-report.ts), and the history folded away with the venues.
import type { Page } from '../app.js';
import * as clock from '../clock.js';
import { h, mount } from '../dom.js';
import { refusalsBox, waitingLine } from '../field-ui.js';
import { formatInstant, formatNumber, t } from '../i18n.js';
import { myVenues, myVisits } from '../host-data.js';
import { keptAt, keptGet, resetKept } from '../offline.js';
import { onOutboxChange, startSending, waiting } from '../outbox.js';
import { reportCard } from './host-report.js';
import { confirmButton, requestsPanel, scheduledDays, statusBadge } from './host-requests.js';
import type { Stop, Venue, VisitRequest, VisitRequestDetail } from '../types.js';

/** A request still in play: asked, approved, planned or promised, or unserved with its window still ahead. */
const isOpen = (r: VisitRequest, today: string) => r.status !== 'completed' && r.status !== 'declined' && r.status !== 'cancelled' && r.windowEnd >= today;

export const hostPage: Page = async (root, ctx, params) => {
  resetKept();
  const userId = ctx.session.user.id;
  const [venues, requests, visits, taps] = await Promise.all([myVenues(ctx), keptGet<VisitRequest[]>('/api/requests'), myVisits(ctx), waiting(userId)]);
  const venueName = new Map(venues.map((v) => [v.id, v.name]));
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, params.get('submitted') ? t('submitted') : '');
  const today = clock.today();
  const mine = requests.filter((r) => ctx.venueIds.length === 0 || ctx.venueIds.includes(r.venueId)).sort((a, b) => b.id - a.id);
  const open = mine.filter((r) => isOpen(r, today));
  const past = mine.filter((r) => !isOpen(r, today));
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
  const upcoming = visits.filter((s) => s.endsOn >= today);
  // Visits closed (the report opens on the last open day), latest first.
  const toReport = visits.filter((s) => s.closesOn <= today && s.status !== 'planned').reverse().slice(0, 5);
  const reports = await Promise.all(toReport.map((s) => reportCard(ctx, s, venueName.get(s.venueId) ?? '', taps, status)));
  const kept = keptAt();
  if (kept) status.textContent = t('offlineData', { time: formatInstant(kept) });
  const panel = { ctx, visits, venueName, reasonText, status };

  mount(
    root,
    h(
      'div',
      { class: 'host-home' },
      h('h1', null, t('hostHome')),
      status,
      refusalsBox(),
      waitingLine(taps.length),
      h('p', null, h('a', { class: 'button primary', href: '#/host/request' }, '＋ ', t('navNewRequest')), ' ', h('a', { class: 'button', href: '#/host/visits' }, t('navVisits'))),
      h(
        'section',
        { class: 'upcoming', 'aria-labelledby': 'upcoming-h' },
        h('h2', { id: 'upcoming-h' }, t('upcomingFirst')),
        upcoming.length ? upcoming.slice(0, 10).map((s) => upcomingCard(s, venueName.get(s.venueId) ?? '', mine.find((r) => r.id === s.requestId), status)) : h('p', { class: 'hint' }, t('noStops')),
      ),
      requestsPanel({ ...panel, requests: open, heading: t('openRequests'), headingId: 'open-h' }),
      reports.length ? h('section', { class: 'to-report', 'aria-labelledby': 'report-h' }, h('h2', { id: 'report-h' }, t('attendanceTitle')), reports) : null,
      h(
        'details',
        { class: 'history' },
        h('summary', null, t('history', { n: past.length })),
        requestsPanel({ ...panel, requests: past, heading: t('myRequests'), headingId: 'past-h' }),
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'venues-h' },
          h('h2', { id: 'venues-h' }, t('myVenues')),
          h('ul', null, venues.map((v: Venue) => h('li', null, h('strong', null, v.name), ' ', h('small', { class: 'hint' }, `${v.countyName} · ${v.address} · ${formatNumber(v.floorAreaM2)} ㎡`)))),
        ),
      ),
    ),
  );
  const stopSending = startSending(userId);
  const unsubscribe = onOutboxChange(() => ctx.refresh());
  return () => {
    stopSending();
    unsubscribe();
  };
};

/** An upcoming visit: where, its days as the timeline holds them, its request's status, and one tap to confirm. */
function upcomingCard(s: Stop, venue: string, r: VisitRequest | undefined, status: HTMLElement) {
  return h(
    'article',
    { class: 'visit-card upcoming-visit', 'data-stop-id': String(s.id), ...(r ? { 'data-request-id': String(r.id) } : {}) },
    h('h3', null, venue, r ? [' ', statusBadge(r.status)] : null),
    scheduledDays(s),
    r?.status === 'scheduled' ? confirmButton(r, status) : null,
  );
}

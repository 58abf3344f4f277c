// Driver: a mobile-first itinerary, next stop first, with today's route on a map, navigation, call,
// arrived/done, print and the calendar feed link. Usable at 360 px wide and with no signal: the
// itinerary is kept on the phone, and arrived/done tapped offline wait in the outbox (outbox.ts).
import { ApiError, get, post } from '../api.js';
import type { Page } from '../app.js';
import * as clock from '../clock.js';
import { h, mount } from '../dom.js';
import { refusalsBox, waitingLine } from '../field-ui.js';
import { formatDays, formatDrive, formatInstant, formatKm, t, tk } from '../i18n.js';
import { onOutboxChange, startSending, tap, waiting, type Tap } from '../outbox.js';
import type { Itinerary, ItineraryStop } from '../types.js';
import { routeSection, routeStops } from './driver-route.js';

type Step = 'arrive' | 'complete';

export const driverPage: Page = async (root, ctx) => {
  const vehicleId = ctx.vehicleId;
  if (!vehicleId) {
    mount(root, h('p', { class: 'error' }, t('noRole')));
    return;
  }
  const userId = ctx.session.user.id;
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const feed = h('div', { class: 'feed' });
  let removeMap = () => undefined as void;

  async function load() {
    const { it, keptAt } = await fetchItinerary(vehicleId!);
    draw(it, await waiting(userId));
    status.textContent = keptAt ? t('offlineCopy', { time: formatInstant(keptAt) }) : '';
  }

  function draw(it: Itinerary, taps: Tap[]) {
    const shown = withTaps(it, taps);
    const [next, ...later] = upcomingStops(shown, clock.today());
    const pending = new Set(taps.map((x) => x.stopId));
    const card = (s: ItineraryStop, isNext: boolean) => stopCard(s, isNext, pending.has(s.stopId), (what) => void mark(s, what));
    const route = routeSection(routeStops(shown.stops, [next, ...later].filter((s): s is ItineraryStop => Boolean(s))), next?.stopId);
    removeMap();
    mount(
      root,
      h(
        'div',
        { class: 'itinerary' },
        h('h1', null, t('itineraryTitle'), ' · ', it.vehicle.name),
        status,
        refusalsBox(),
        waitingLine(taps.length),
        next ? h('section', { 'aria-labelledby': 'next-h' }, h('h2', { id: 'next-h' }, t('nextStop')), card(next, true)) : h('p', null, t('noStops')),
        route.el,
        later.length ? h('section', { 'aria-labelledby': 'later-h' }, h('h2', { id: 'later-h' }, t('laterStops')), later.map((s) => card(s, false))) : null,
        h(
          'div',
          { class: 'actions no-print', style: 'display:flex;flex-wrap:wrap;gap:8px;margin-top:12px' },
          h('button', { type: 'button', onclick: () => window.print() }, t('print')),
          h('a', { class: 'button', href: `/api/vehicles/${vehicleId}/itinerary.html`, target: '_blank', rel: 'noopener' }, t('print'), ' (HTML)'),
          h('button', { type: 'button', class: 'feed-btn', onclick: () => void showFeed(feed, status, vehicleId!) }, t('calendarFeed')),
        ),
        feed,
      ),
    );
    removeMap = route.draw();
  }

  /** Arrived or done: sent now, or kept on the phone (with the days it showed) until there is signal. */
  async function mark(s: ItineraryStop, what: Step) {
    const label = `${s.venue.name} · ${what === 'arrive' ? t('markArrived') : t('markDone')}`;
    try {
      const sent = await tap({ userId, stopId: s.stopId, kind: what, path: `/api/stops/${s.stopId}/${what}`, body: { seen: { startsOn: s.startsOn, endsOn: s.endsOn } }, label });
      await load();
      status.textContent = sent ? `${s.venue.name}: ${what === 'arrive' ? t('arrivedAt') : t('done')}` : t('tapKept', { what: label });
    } catch (err) {
      status.textContent = t('failed', { message: (err as Error).message });
    }
  }

  await load();
  const stopSending = startSending(userId);
  const unsubscribe = onOutboxChange(() => {
    void load().then(() => {
      if (!status.textContent) status.textContent = t('tapsSent');
    });
  });
  return () => {
    stopSending();
    unsubscribe();
    removeMap();
  };
};

/**
 * The vehicle's itinerary. On a rural road the connection comes and goes: the last itinerary is kept
 * on the phone and returned, with the time it was kept, when the server cannot be reached.
 */
async function fetchItinerary(vehicleId: number): Promise<{ it: Itinerary; keptAt?: string }> {
  const cacheKey = `rove.itinerary.${vehicleId}`;
  try {
    const it = await get<Itinerary>(`/api/vehicles/${vehicleId}/itinerary`);
    try {
      localStorage.setItem(cacheKey, JSON.stringify({ at: clock.now().toISOString(), it }));
    } catch {
      /* storage full or off: nothing to keep */
    }
    return { it };
  } catch (err) {
    const kept = localStorage.getItem(cacheKey);
    if (!(err instanceof ApiError) || err.status !== 0 || !kept) throw err;
    const { at, it } = JSON.parse(kept) as { at: string; it: Itinerary };
    return { it, keptAt: at };
  }
}

/** The itinerary as it will be once the waiting taps are sent (arrived, then done). */
function withTaps(it: Itinerary, taps: Tap[]): Itinerary {
  const after = new Map<number, ItineraryStop['status']>();
  for (const x of taps) if (x.kind === 'arrive' || x.kind === 'complete') after.set(x.stopId, x.kind === 'arrive' ? 'arrived' : 'completed');
  return { ...it, stops: it.stops.map((s) => (after.has(s.stopId) ? { ...s, status: after.get(s.stopId)! } : s)) };
}

/** Upcoming: not done and not over, in order; the next stop is the first of them. */
function upcomingStops(it: Itinerary, today: string): ItineraryStop[] {
  return it.stops.filter((s) => s.status !== 'completed' && s.status !== 'cancelled' && s.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.seq - b.seq);
}

/** One stop as a card: where, when, what, whom to call, the leg there, and its next step. */
function stopCard(s: ItineraryStop, isNext: boolean, pending: boolean, mark: (what: Step) => void) {
  const v = s.venue;
  return h(
    'article',
    { class: `stop-card${isNext ? ' next' : ''}`, 'data-stop-id': String(s.stopId) },
    h('h3', { class: 'venue-name' }, v.name),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('dates')), h('dd', { class: 'big stop-dates' }, formatDays(s.startsOn, s.endsOn)),
      s.opensOn !== s.startsOn || s.closesOn !== s.endsOn ? [h('dt', null, t('open')), h('dd', null, formatDays(s.opensOn, s.closesOn))] : null,
      h('dt', null, t('exhibitSets')), h('dd', null, s.exhibitSet.name),
      h('dt', null, t('address')), h('dd', { class: 'stop-address' }, v.address || v.countyName),
      h('dt', null, t('contact')), h('dd', { class: 'stop-contact' }, v.contactName, v.contactPhone ? ' ' : '', v.contactPhone ? h('a', { href: `tel:${v.contactPhone}` }, v.contactPhone) : null),
      s.leg ? [h('dt', null, t('distance')), h('dd', { class: 'leg-distance' }, formatKm(s.leg.distanceM))] : null,
      s.leg ? [h('dt', null, t('driveTime')), h('dd', null, formatDrive(s.leg.driveMinutes), s.leg.restNights ? ` · ${t('restNights', { n: s.leg.restNights })}` : '')] : null,
      h('dt', null, t('status')),
      h('dd', { class: 'stop-status' }, tk('stopStatus', s.status), pending ? h('span', { class: 'badge pending' }, t('pendingBadge')) : null),
    ),
    h(
      'div',
      { class: 'actions no-print' },
      h('a', { class: 'button primary nav-link', href: s.amapUrl, target: '_blank', rel: 'noopener' }, t('navigate')),
      v.contactPhone ? h('a', { class: 'button call-link', href: `tel:${v.contactPhone}` }, t('call')) : null,
      s.status === 'planned' || s.status === 'confirmed' ? h('button', { type: 'button', class: 'arrive-btn', onclick: () => mark('arrive') }, t('markArrived')) : null,
      s.status === 'arrived' ? h('button', { type: 'button', class: 'primary done-btn', onclick: () => mark('complete') }, t('markDone')) : null,
    ),
  );
}

/** Makes (or shows again) the vehicle's calendar feed link, with a copy button. */
async function showFeed(feed: HTMLElement, status: HTMLElement, vehicleId: number) {
  try {
    const { url } = await post<{ url: string }>(`/api/vehicles/${vehicleId}/calendar-feed`);
    const abs = new URL(url, location.origin).toString();
    const input = h('input', { readonly: true, value: abs, 'aria-label': t('calendarFeed'), style: 'width:100%' });
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(abs);
        status.textContent = t('copied');
      } catch {
        input.select();
      }
    };
    mount(feed, h('p', null, t('calendarFeedHint')), input, h('button', { type: 'button', onclick: copy }, t('copy')));
    input.select();
  } catch (err) {
    mount(feed, h('p', { class: 'error' }, err instanceof ApiError && err.status === 404 ? t('notAvailable') : t('failed', { message: (err as Error).message })));
  }
}

// Driver: a mobile-first itinerary, next stop first, with navigation, call, arrived/done, print and
// the calendar feed link. Usable at 360 px wide.
import { ApiError, get, post } from '../api.js';
import type { Page } from '../app.js';
import * as clock from '../clock.js';
import { h, mount } from '../dom.js';
import { formatDays, formatDrive, formatInstant, formatKm, t, tk } from '../i18n.js';
import type { Itinerary, ItineraryStop } from '../types.js';

export const driverPage: Page = async (root, ctx) => {
  const vehicleId = ctx.vehicleId;
  if (!vehicleId) {
    mount(root, h('p', { class: 'error' }, t('noRole')));
    return;
  }
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const feed = h('div', { class: 'feed' });

  // On a rural road the connection comes and goes: the last itinerary is kept on the phone and
  // shown, marked as such, when the server cannot be reached.
  const cacheKey = `rove.itinerary.${vehicleId}`;
  async function load() {
    let it: Itinerary;
    try {
      it = await get<Itinerary>(`/api/vehicles/${vehicleId}/itinerary`);
      try {
        localStorage.setItem(cacheKey, JSON.stringify({ at: clock.now().toISOString(), it }));
      } catch {
        /* storage full or off: nothing to keep */
      }
    } catch (err) {
      const kept = localStorage.getItem(cacheKey);
      if (!(err instanceof ApiError) || err.status !== 0 || !kept) throw err;
      const { at, it: old } = JSON.parse(kept) as { at: string; it: Itinerary };
      draw(old);
      status.textContent = t('offlineCopy', { time: formatInstant(at) });
      return;
    }
    status.textContent = '';
    draw(it);
  }

  function draw(it: Itinerary) {
    const today = clock.today();
    // Upcoming: not done and not over; the next stop is the first of them.
    const upcoming = it.stops.filter((s) => s.status !== 'completed' && s.status !== 'cancelled' && s.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.seq - b.seq);
    const [next, ...later] = upcoming;
    mount(
      root,
      h(
        'div',
        { class: 'itinerary' },
        h('h1', null, t('itineraryTitle'), ' · ', it.vehicle.name),
        status,
        next ? h('section', { 'aria-labelledby': 'next-h' }, h('h2', { id: 'next-h' }, t('nextStop')), card(next, true)) : h('p', null, t('noStops')),
        later.length ? h('section', { 'aria-labelledby': 'later-h' }, h('h2', { id: 'later-h' }, t('laterStops')), later.map((s) => card(s, false))) : null,
        h(
          'div',
          { class: 'actions no-print', style: 'display:flex;flex-wrap:wrap;gap:8px;margin-top:12px' },
          h('button', { type: 'button', onclick: () => window.print() }, t('print')),
          h('a', { class: 'button', href: `/api/vehicles/${vehicleId}/itinerary.html`, target: '_blank', rel: 'noopener' }, t('print'), ' (HTML)'),
          h('button', { type: 'button', class: 'feed-btn', onclick: () => void getFeed() }, t('calendarFeed')),
        ),
        feed,
      ),
    );
  }

  function card(s: ItineraryStop, isNext: boolean) {
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
        h('dt', null, t('contact')), h('dd', null, v.contactName, v.contactPhone ? ' ' : '', v.contactPhone ? h('a', { href: `tel:${v.contactPhone}` }, v.contactPhone) : null),
        s.leg ? [h('dt', null, t('distance')), h('dd', { class: 'leg-distance' }, formatKm(s.leg.distanceM))] : null,
        s.leg ? [h('dt', null, t('driveTime')), h('dd', null, formatDrive(s.leg.driveMinutes), s.leg.restNights ? ` · ${t('restNights', { n: s.leg.restNights })}` : '')] : null,
        h('dt', null, t('status')), h('dd', { class: 'stop-status' }, tk('stopStatus', s.status)),
      ),
      h(
        'div',
        { class: 'actions no-print' },
        h('a', { class: 'button primary nav-link', href: s.amapUrl, target: '_blank', rel: 'noopener' }, t('navigate')),
        v.contactPhone ? h('a', { class: 'button', href: `tel:${v.contactPhone}` }, t('call')) : null,
        s.status === 'planned' || s.status === 'confirmed'
          ? h('button', { type: 'button', class: 'arrive-btn', onclick: () => void mark(s, 'arrive') }, t('markArrived'))
          : null,
        s.status === 'arrived' ? h('button', { type: 'button', class: 'primary done-btn', onclick: () => void mark(s, 'complete') }, t('markDone')) : null,
      ),
    );
  }

  async function mark(s: ItineraryStop, what: 'arrive' | 'complete') {
    try {
      await post(`/api/stops/${s.stopId}/${what}`);
      await load();
      status.textContent = `${s.venue.name}: ${what === 'arrive' ? t('arrivedAt') : t('done')}`;
    } catch (err) {
      status.textContent = t('failed', { message: (err as Error).message });
    }
  }

  async function getFeed() {
    try {
      const { url } = await post<{ url: string }>(`/api/vehicles/${vehicleId}/calendar-feed`);
      const abs = new URL(url, location.origin).toString();
      const input = h('input', { readonly: true, value: abs, 'aria-label': t('calendarFeed'), style: 'width:100%' });
      mount(
        feed,
        h('p', null, t('calendarFeedHint')),
        input,
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              try {
                await navigator.clipboard.writeText(abs);
                status.textContent = t('copied');
              } catch {
                input.select();
              }
            },
          },
          t('copy'),
        ),
      );
      input.select();
    } catch (err) {
      mount(feed, h('p', { class: 'error' }, err instanceof ApiError && err.status === 404 ? t('notAvailable') : t('failed', { message: (err as Error).message })));
    }
  }

  await load();
};

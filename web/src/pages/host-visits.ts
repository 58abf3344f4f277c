// County host: the visits planned at my venues on a month calendar, each in its set-up, open and
// tear-down days.
import { Calendar } from 'fullcalendar';
import dayGridPlugin from 'fullcalendar/daygrid';
import zhCnLocale from 'fullcalendar/locales/zh-cn';
import classicThemePlugin from 'fullcalendar/themes/classic';
import 'fullcalendar/skeleton.css';
import 'fullcalendar/themes/classic/theme.css';
import 'fullcalendar/themes/classic/palette.css';
import type { Page } from '../app.js';
import * as clock from '../clock.js';
import { addDays } from '../dates.js';
import { h, mount } from '../dom.js';
import { t, aside, formatInstant, tk, locale } from '../i18n.js';
import { myVenues, myVisits } from '../host-data.js';
import { keptAt, resetKept } from '../offline.js';
import type { Stop } from '../types.js';

export const hostVisitsPage: Page = async (root, ctx) => {
  resetKept();
  const [venues, visits] = await Promise.all([myVenues(ctx), myVisits(ctx)]);
  const name = new Map(venues.map((v) => [v.id, v.name]));
  const el = h('div', { class: 'visits-cal' });
  const kept = keptAt();
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, kept ? t('offlineData', { time: formatInstant(kept) }) : '');
  mount(root, h('h1', null, t('navVisits')), status, el);
  const today = clock.today();
  const next = visits.find((s) => s.endsOn >= today);
  const cal = new Calendar(el, {
    plugins: [dayGridPlugin, classicThemePlugin],
    locales: [zhCnLocale],
    locale: locale() === 'zh-CN' ? 'zh-cn' : 'en',
    timeZone: 'UTC',
    now: today,
    initialView: 'dayGridMonth',
    headerToolbar: { start: 'title', end: 'today prev,next' },
    height: 'auto',
    initialDate: next?.startsOn ?? today,
    eventClass: 'rove-visit',
    events: visits.flatMap((s) => stayParts(s, name.get(s.venueId) ?? '')),
  });
  cal.render();
  return () => cal.destroy();
};

/** A stay as the days the host's staff see: set-up, open (with the stay's status), tear-down. */
function stayParts(s: Stop, venue: string) {
  const part = (suffix: string, start: string, last: string, title: string, cls: string) =>
    start <= last ? [{ id: `${s.id}-${suffix}`, title, start, end: addDays(last, 1), allDay: true, className: cls, extendedProps: { stopId: s.id } }] : [];
  return [
    ...part('setup', s.startsOn, addDays(s.opensOn, -1), `${t('setup')} · ${venue}`, 'visit-setup'),
    ...part('open', s.opensOn, s.closesOn, `${venue}${aside(tk('stopStatus', s.status))}`, 'visit-open'),
    ...part('teardown', addDays(s.closesOn, 1), s.endsOn, `${t('teardown')} · ${venue}`, 'visit-teardown'),
  ];
}

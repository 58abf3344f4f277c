// County host: the visits planned at my venues on a month calendar.
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
import { locale, t } from '../i18n.js';
import { myVenues, myVisits } from '../host-data.js';

export const hostVisitsPage: Page = async (root, ctx) => {
  const [venues, visits] = await Promise.all([myVenues(ctx), myVisits(ctx)]);
  const name = new Map(venues.map((v) => [v.id, v.name]));
  const el = h('div', { class: 'visits-cal' });
  mount(root, h('h1', null, t('navVisits')), el);
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
    events: visits.map((s) => ({ id: String(s.id), title: name.get(s.venueId) ?? '', start: s.startsOn, end: addDays(s.endsOn, 1), allDay: true })),
  });
  cal.render();
  return () => cal.destroy();
};

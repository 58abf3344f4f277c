// The board on paper (issue 12, point 5): a plan's stays in a chosen period (those that overlap it)
// and of a chosen centre (the home centre of the stay's vehicle, as the board groups its rows), one
// table row per stay, sorted by vehicle then day; printed or saved as PDF on A4 landscape (styles.css).
// #/board/print?plan=&from=&to=&centre=
import type { Page } from '../app.js';
import * as clock from '../clock.js';
import { defaultPlan, loadCatalogue, loadPlans, type Catalogue } from '../data.js';
import { addDays } from '../dates.js';
import { get } from '../api.js';
import { field, h, mount } from '../dom.js';
import { t, aside, formatDay, formatDays, tk } from '../i18n.js';
import type { PlanSummary, Stop } from '../types.js';
import { tierText } from './request-detail.js';

interface Period {
  from: string;
  to: string;
  centre: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period the address asks for, else this month. */
function periodOf(params: URLSearchParams): Period {
  const today = clock.today();
  const first = `${today.slice(0, 7)}-01`;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    from: DAY.test(from) ? from : first,
    to: DAY.test(to) ? to : addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1),
    centre: params.get('centre') ?? '',
  };
}

/** The stays of a period and centre, in print order. */
export function staysToPrint(stops: Stop[], cat: Catalogue, p: Period): Stop[] {
  const vehicles = new Map(cat.vehicles.map((v) => [v.id, v]));
  const name = (s: Stop) => vehicles.get(s.vehicleId)?.name ?? '';
  return stops
    .filter((s) => s.status !== 'cancelled' && s.startsOn <= p.to && s.endsOn >= p.from)
    .filter((s) => !p.centre || String(vehicles.get(s.vehicleId)?.homeCentreId) === p.centre)
    .sort((a, b) => name(a).localeCompare(name(b), 'zh-CN') || a.startsOn.localeCompare(b.startsOn));
}

function stayTable(stays: Stop[], cat: Catalogue) {
  const venues = new Map(cat.venues.map((v) => [v.id, v]));
  const sets = new Map(cat.sets.map((s) => [s.id, s]));
  const vehicles = new Map(cat.vehicles.map((v) => [v.id, v]));
  const head = [t('vehicle'), t('printDays'), t('venue'), t('county'), t('tier'), t('exhibitSets'), t('findStatus')];
  return h(
    'table',
    { class: 'list print-table' },
    h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      null,
      stays.map((s) => {
        const venue = venues.get(s.venueId);
        const set = sets.get(s.exhibitSetId);
        return h(
          'tr',
          { 'data-stop-id': String(s.id) },
          h('td', null, vehicles.get(s.vehicleId)?.name ?? `#${s.vehicleId}`),
          h('td', null, formatDays(s.startsOn, s.endsOn)),
          h('td', null, venue?.name ?? `#${s.venueId}`),
          h('td', null, venue?.countyName ?? ''),
          h('td', null, venue ? `${venue.priorityTier === 'key' ? '★ ' : ''}${tierText(venue.priorityTier)}` : ''),
          h('td', null, set ? `${set.code} ${set.name}` : ''),
          h('td', null, tk('stopStatus', s.status)),
        );
      }),
    ),
  );
}

/** The choice of plan, period and centre; "show" reloads the view with them in the address. */
function printForm(plans: PlanSummary[], chosen: PlanSummary, cat: Catalogue, p: Period) {
  const plan = h(
    'select',
    { name: 'plan' },
    plans.filter((x) => x.status !== 'discarded').map((x) => h('option', { value: String(x.id), selected: x.id === chosen.id }, `${x.name || `#${x.id}`}${aside(tk('planStatus', x.status))}`)),
  );
  const from = h('input', { type: 'date', name: 'from', value: p.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: p.to, required: true });
  const centre = h('select', { name: 'centre' }, h('option', { value: '' }, t('printAllCentres')), cat.centres.map((c) => h('option', { value: String(c.id), selected: String(c.id) === p.centre }, c.name)));
  return h(
    'form',
    {
      class: 'print-form no-print',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const q = new URLSearchParams({ plan: plan.value, from: from.value, to: to.value });
        if (centre.value) q.set('centre', centre.value);
        location.hash = `#/board/print?${q.toString()}`;
      },
    },
    field(t('plan'), plan),
    field(t('printFrom'), from),
    field(t('printTo'), to),
    field(t('printCentre'), centre),
    h('button', { type: 'submit' }, t('printShow')),
    h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('printNow')),
    h('a', { href: `#/board?plan=${chosen.id}&date=${p.from}` }, t('printBack')),
  );
}

export const boardPrintPage: Page = async (root, ctx, params) => {
  const [plans, cat] = await Promise.all([loadPlans(ctx.regionId), loadCatalogue(ctx.regionId)]);
  const chosen = plans.find((x) => x.id === Number(params.get('plan'))) ?? defaultPlan(plans);
  if (!chosen) {
    mount(root, h('h1', null, t('boardTitle')), h('p', null, t('noPlans')));
    return;
  }
  const p = periodOf(params);
  const centreName = cat.centres.find((c) => String(c.id) === p.centre)?.name ?? t('printAllCentres');
  const form = printForm(plans, chosen, cat, p);
  if (p.from > p.to) {
    mount(root, h('div', { class: 'board-print' }, form, h('p', { class: 'error', role: 'alert' }, t('printBadPeriod'))));
    return;
  }
  const stays = staysToPrint(await get<Stop[]>(`/api/plans/${chosen.id}/stops`), cat, p);
  mount(
    root,
    h(
      'div',
      { class: 'board-print', 'data-ready': 'true' },
      form,
      h('h1', null, t('printTitle', { plan: chosen.name || `#${chosen.id}` })),
      h('p', null, `${t('printPeriod', { from: formatDay(p.from), to: formatDay(p.to) })} · ${centreName} · ${t('printCount', { n: stays.length })}`),
      stays.length ? stayTable(stays, cat) : h('p', null, t('printEmpty')),
    ),
  );
};

// The planning board's toolbar: which plan, zoom, moving through time, and the legend.
import type { Calendar } from 'fullcalendar';
import type { Ctx } from '../app.js';
import { zoomView, type Zoom } from '../board-calendar.js';
import { field, h } from '../dom.js';
import { t, tk } from '../i18n.js';
import type { PlanSummary } from '../types.js';

const ZOOMS: Zoom[] = ['weeks', 'month', 'quarter', 'year'];
const ZOOM_LABEL = { weeks: 'zoomWeeks', month: 'zoomMonth', quarter: 'zoomQuarter', year: 'zoomYear' } as const;

/** The zoom the URL asks for, else a quarter. */
export function zoomOf(params: URLSearchParams): Zoom {
  const z = params.get('zoom') as Zoom | null;
  return z && ZOOMS.includes(z) ? z : 'quarter';
}

/** Sets keys of the board's hash query without a reload. */
export function setHash(p: Record<string, string>) {
  const cur = new URLSearchParams(location.hash.split('?')[1] ?? '');
  for (const [k, v] of Object.entries(p)) cur.set(k, v);
  history.replaceState(null, '', `#/board?${cur.toString()}`);
}

export interface ToolbarOptions {
  ctx: Ctx;
  plans: PlanSummary[];
  chosen: PlanSummary;
  zoom: Zoom;
  calendar: () => Calendar | null;
  /** More legend entries (a draft's change highlights). */
  extraLegend?: HTMLElement | null;
}

export function boardToolbar(o: ToolbarOptions) {
  const rememberDate = () => {
    const d = o.calendar()?.getDate();
    if (d) setHash({ date: d.toISOString().slice(0, 10) });
  };
  const planSelect = h(
    'select',
    {
      onchange: () => {
        setHash({ plan: planSelect.value });
        o.ctx.refresh();
      },
    },
    o.plans
      .filter((p) => p.status !== 'discarded')
      .map((p) => h('option', { value: String(p.id), selected: p.id === o.chosen.id }, `${p.name || `#${p.id}`}（${tk('planStatus', p.status)}${p.version ? ` v${p.version}` : ''}）`)),
  );
  const zoomGroup = h(
    'div',
    { class: 'segmented', role: 'group', 'aria-label': t('zoom') },
    ZOOMS.map((z) =>
      h(
        'button',
        {
          type: 'button',
          class: 'zoom-btn',
          'data-zoom': z,
          'aria-pressed': String(z === o.zoom),
          onclick: () => {
            o.calendar()?.changeView(zoomView(z));
            for (const b of zoomGroup.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.zoom === z));
            setHash({ zoom: z });
          },
        },
        t(ZOOM_LABEL[z]),
      ),
    ),
  );
  const step = (move: (c: Calendar) => void) => () => {
    const c = o.calendar();
    if (c) move(c);
    rememberDate();
  };
  const navButtons = h(
    'div',
    { class: 'segmented', role: 'group' },
    h('button', { type: 'button', onclick: step((c) => c.prev()) }, '‹ ', t('prev')),
    h('button', { type: 'button', onclick: step((c) => c.today()) }, t('today')),
    h('button', { type: 'button', onclick: step((c) => c.next()) }, t('next'), ' ›'),
  );
  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': t('mapLegend') },
    h('li', null, h('span', { class: 'swatch rove-tier-key' }), '★ ', t('keyCounty')),
    h('li', null, h('span', { class: 'swatch rove-tier-former_poverty' }), t('formerPoverty')),
    h('li', null, h('span', { class: 'swatch rove-tier-other' }), t('otherCounty')),
  );
  return h('div', { class: 'board-toolbar' }, h('h1', { class: 'visually-hidden' }, t('boardTitle')), field(t('plan'), planSelect), zoomGroup, navButtons, legend, o.extraLegend ?? null);
}

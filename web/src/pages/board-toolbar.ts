// The planning board's toolbar: which plan, zoom, moving through time, and the legend.
import type { Calendar } from 'fullcalendar';
import type { Ctx } from '../app.js';
import { zoomView, type Zoom } from '../board-calendar.js';
import { BOARD_STATUSES } from '../board-labels.js';
import { field, h } from '../dom.js';
import { t, aside, tk } from '../i18n.js';
import type { PlanSummary } from '../types.js';

const ZOOMS: Zoom[] = ['weeks', 'month', 'quarter', 'year'];
const ZOOM_LABEL = { weeks: 'zoomWeeks', month: 'zoomMonth', quarter: 'zoomQuarter', year: 'zoomYear' } as const;

/** The zoom the URL asks for, else a month (it fits 1,440 px and a one-day stay shows its short name). */
export function zoomOf(params: URLSearchParams): Zoom {
  const z = params.get('zoom') as Zoom | null;
  return z && ZOOMS.includes(z) ? z : 'month';
}

/** Sets keys of the board's hash query without a reload; an empty value removes its key. */
export function setHash(p: Record<string, string>) {
  const cur = new URLSearchParams(location.hash.split('?')[1] ?? '');
  for (const [k, v] of Object.entries(p)) {
    if (v) cur.set(k, v);
    else cur.delete(k);
  }
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

/**
 * The board's legend: the counties' tiers (the stays' fill), the stays' statuses, each drawn as a stay
 * of that status with its name on it (so its colours are the board's own), and today's column.
 */
function boardLegend() {
  return h(
    'div',
    { class: 'legend-box', role: 'group', 'aria-label': t('mapLegend') },
    h(
      'ul',
      { class: 'legend', 'aria-label': t('legendTier') },
      h('li', null, h('span', { class: 'swatch rove-tier-key' }), '★ ', t('keyCounty')),
      h('li', null, h('span', { class: 'swatch rove-tier-former_poverty' }), t('formerPoverty')),
      h('li', null, h('span', { class: 'swatch rove-tier-other' }), t('otherCounty')),
    ),
    h(
      'ul',
      { class: 'legend legend-status', 'aria-label': t('legendStatus') },
      BOARD_STATUSES.map((s) =>
        h('li', { 'data-status': s }, h('span', { class: `rove-stop rove-tier-other rove-status-${s} legend-stay` }, h('span', { class: 'rove-stop-label' }, tk('stopStatus', s)))),
      ),
      h('li', null, h('span', { class: 'swatch legend-today' }), t('legendToday')),
    ),
  );
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
      .map((p) => h('option', { value: String(p.id), selected: p.id === o.chosen.id }, `${p.name || `#${p.id}`}${aside(`${tk('planStatus', p.status)}${p.version ? ` v${p.version}` : ''}`)}`)),
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
  const legend = boardLegend();
  return h('div', { class: 'board-toolbar' }, h('h1', { class: 'visually-hidden' }, t('boardTitle')), field(t('plan'), planSelect), zoomGroup, navButtons, legend, o.extraLegend ?? null);
}

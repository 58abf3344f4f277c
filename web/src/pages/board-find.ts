// The board's find bar (issue 12, point 4): search rows and stays by vehicle, set, county and venue
// (names and codes), filter by centre, kind, priority tier and status, jump to a date or to the next
// stay found, and open the print view of what is on show. Rows are narrowed by giving the calendar
// fewer resources; stays are hidden or highlighted through data attributes on their elements, so a
// search never rebuilds the event store.
import type { BoardResource } from '../board-calendar.js';
import { BOARD_STATUSES } from '../board-labels.js';
import { addDays } from '../dates.js';
import { field, h } from '../dom.js';
import { t, tk } from '../i18n.js';
import type { Stop } from '../types.js';
import type { Board } from './board-context.js';
import { setHash } from './board-toolbar.js';
import { tierText } from './request-detail.js';

type Kind = 'caravan' | 'roving';
export interface FindState {
  q: string;
  centre: string;
  kind: '' | Kind;
  tier: string;
  status: string;
}
const KEYS = ['q', 'centre', 'kind', 'tier', 'status'] as const;
const TIERS = ['key', 'former_poverty', 'other'] as const;

/** The find state the address asks for. */
export function findStateOf(params: URLSearchParams): FindState {
  const [q, centre, kind, tier, status] = KEYS.map((k) => params.get(k) ?? '') as [string, string, string, string, string];
  return { q, centre, kind: kind === 'caravan' || kind === 'roving' ? kind : '', tier, status };
}

interface RowFacts {
  res: BoardResource;
  centre: string;
  kind: Kind;
  text: string;
}
interface StayFacts {
  stop: Stop;
  rows: string[];
  kind: Kind;
  tier: string;
  text: string;
}

const norm = (parts: Array<string | null | undefined>) => parts.filter(Boolean).join('\n').toLowerCase();

/** What each row and each stay can be found by. */
function factsOf(b: Board, resources: BoardResource[]) {
  const rows = resources.map((res): RowFacts => {
    const id = Number(res.id.slice(1));
    if (res.id.startsWith('s')) {
      const s = b.setById.get(id);
      return { res, centre: String(s?.homeCentreId ?? ''), kind: 'roving', text: norm([s?.code, s?.name]) };
    }
    const v = b.vehicleById.get(id);
    return { res, centre: String(v?.homeCentreId ?? ''), kind: v?.type === 'set_truck' ? 'roving' : 'caravan', text: norm([v?.code, v?.name, v?.plate]) };
  });
  const stays = b.data.stops
    .filter((s) => s.status !== 'cancelled')
    .map((stop): StayFacts => {
      const venue = b.venueById.get(stop.venueId);
      const set = b.setById.get(stop.exhibitSetId);
      const vehicle = b.vehicleById.get(stop.vehicleId);
      const kind: Kind = set?.kind === 'roving_museum' ? 'roving' : 'caravan';
      const rows = [`v${stop.vehicleId}`, ...(kind === 'roving' ? [`s${stop.exhibitSetId}`] : [])];
      const text = norm([venue?.name, venue?.code, venue?.countyName, venue?.countyCode, set?.code, set?.name, vehicle?.code, vehicle?.name]);
      return { stop, rows, kind, tier: venue?.priorityTier ?? 'other', text };
    });
  return { rows, stays };
}

/** Which rows stay on the board and which stays are found, for a find state. */
export function findResult(rows: RowFacts[], stays: StayFacts[], f: FindState) {
  const q = f.q.trim().toLowerCase();
  const passes = (s: StayFacts) => (!f.kind || s.kind === f.kind) && (!f.tier || s.tier === f.tier) && (!f.status || s.stop.status === f.status);
  const found = stays.filter((s) => passes(s) && (!q || s.text.includes(q)));
  const withFound = new Set(found.flatMap((s) => s.rows));
  const byStays = Boolean(q || f.tier || f.status);
  const visible = rows.filter(
    (r) =>
      (!f.centre || r.centre === f.centre) &&
      (!f.kind || r.kind === f.kind) &&
      (!byStays || withFound.has(r.res.id) || (q !== '' && !f.tier && !f.status && r.text.includes(q))),
  );
  return { visible: visible.map((r) => r.res), found: q ? found : [] };
}

/** An option list with "all" first. */
function choice(label: string, value: string, options: Array<[string, string]>) {
  return field(label, h('select', null, h('option', { value: '' }, t('findAll')), options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

export interface FindBar {
  el: HTMLElement;
  /** Applies the state to the calendar (after it is built, and after a reload of the plan). */
  apply: () => void;
  /** For the calendar's onEventMount: marks a stay found by the search when it is drawn. */
  mark: (stopId: string, el: HTMLElement) => void;
}

/** The filters' selects (centre, kind, tier, status), each labelled, with the state key it sets. */
function filterControls(b: Board, state: FindState) {
  const fields = [
    ['centre', choice(t('centre'), state.centre, b.cat.centres.map((c) => [String(c.id), c.name]))],
    ['kind', choice(t('findKind'), state.kind, [['caravan', t('findKind_caravan')], ['roving', t('findKind_roving')]])],
    ['tier', choice(t('tier'), state.tier, TIERS.map((x) => [x, tierText(x)]))],
    ['status', choice(t('findStatus'), state.status, BOARD_STATUSES.map((x) => [x, tk('stopStatus', x)]))],
  ] as const;
  return fields.map(([key, el]) => ({ key, el, select: el.querySelector('select')! }));
}

/** Jump to a day of the plan. */
function jumpForm(b: Board, goTo: (day: string) => void) {
  const day = h('input', { type: 'date', min: b.plan.horizonStart, max: b.plan.horizonEnd });
  const submit = (e: Event) => {
    e.preventDefault();
    if (day.value) goTo(day.value);
  };
  return h('form', { class: 'find-jump', onsubmit: submit }, field(t('jumpDate'), day), h('button', { type: 'submit' }, t('jumpGo')));
}

/** Opens the print view for the days on show and the chosen centre. */
function printButton(b: Board, state: FindState) {
  const open = () => {
    const v = b.calendar?.view;
    if (!v) return;
    const p = new URLSearchParams({ plan: String(b.plan.id), from: v.activeStart.toISOString().slice(0, 10), to: addDays(v.activeEnd.toISOString().slice(0, 10), -1) });
    if (state.centre) p.set('centre', state.centre);
    location.hash = `#/board/print?${p.toString()}`;
  };
  return h('button', { type: 'button', class: 'find-print', onclick: open }, t('printBoard'));
}

export function findBar(b: Board, resources: BoardResource[], initial: FindState): FindBar {
  const state: FindState = { ...initial };
  let found = new Set<string>();
  let foundStays: StayFacts[] = [];
  let shownRows = resources.map((r) => r.id).join();
  let cursor = '';
  const summary = h('p', { class: 'status find-status', role: 'status', 'aria-live': 'polite' });

  const search = h('input', { type: 'search', value: state.q, autocomplete: 'off' });
  const filters = filterControls(b, state);

  const apply = () => {
    const cal = b.calendar;
    if (!cal) return;
    const facts = factsOf(b, resources);
    const r = findResult(facts.rows, facts.stays, state);
    foundStays = [...r.found].sort((x, y) => x.stop.startsOn.localeCompare(y.stop.startsOn));
    found = new Set(foundStays.map((s) => String(s.stop.id)));
    const ids = r.visible.map((x) => x.id).join();
    if (ids !== shownRows) {
      shownRows = ids;
      cal.setOption('resources', r.visible);
    }
    const ds = b.calEl.dataset;
    for (const k of ['kind', 'tier', 'status'] as const) ds[`find${k[0]!.toUpperCase()}${k.slice(1)}`] = state[k];
    ds.finding = state.q.trim() ? 'true' : '';
    for (const el of b.calEl.querySelectorAll<HTMLElement>('.rove-event[data-stop-id]')) mark(el.dataset.stopId!, el);
    summary.textContent =
      r.visible.length === 0 ? t('findNone') : state.q.trim() ? t('findCount', { stays: foundStays.length, rows: r.visible.length }) : r.visible.length < resources.length ? t('findRows', { rows: r.visible.length }) : '';
    next.disabled = foundStays.length === 0;
    setHash(state as unknown as Record<string, string>);
  };
  const mark = (stopId: string, el: HTMLElement) => {
    if (found.has(stopId)) el.dataset.match = 'true';
    else delete el.dataset.match;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    state.q = search.value;
    cursor = '';
    clearTimeout(timer);
    timer = setTimeout(apply, 200);
  });
  search.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    clearTimeout(timer);
    apply();
    goNext();
  });
  for (const { key, select } of filters)
    select.addEventListener('change', () => {
      (state as unknown as Record<string, string>)[key] = select.value;
      apply();
    });

  const goTo = (day: string) => {
    b.calendar?.gotoDate(day);
    setHash({ date: day });
  };
  /** The next stay found after the last one shown (from the view's first day), round to the first. */
  const goNext = () => {
    if (foundStays.length === 0) return;
    const from = cursor || addDays(b.calendar?.view.activeStart.toISOString().slice(0, 10) ?? '', -1);
    const target = foundStays.find((s) => s.stop.startsOn > from) ?? foundStays[0]!;
    cursor = target.stop.startsOn;
    goTo(target.stop.startsOn);
    requestAnimationFrame(() => b.calEl.querySelector<HTMLElement>(`.rove-event[data-stop-id="${target.stop.id}"]`)?.focus());
  };
  const next = h('button', { type: 'button', onclick: goNext, disabled: true }, t('findNext'));
  const el = h(
    'div',
    { class: 'board-find', role: 'search', 'aria-label': t('findLabel') },
    field(t('findSearch'), search, t('findSearchHint')),
    next,
    filters.map((f) => f.el),
    jumpForm(b, goTo),
    printButton(b, state),
    summary,
  );
  return { el, apply, mark };
}

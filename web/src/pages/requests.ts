// The coordinator's requests inbox (issue 12): the region's visit requests, those waiting for review
// first, filtered by status, county, tier, kind and window days (the server filters); a request's
// detail and history beside the list; approve or decline one or many (many in one transaction, all
// or none), each answer in the one message area, which the next action clears. The view (filters,
// open request) is kept in the address, so a reload or a notice's link (#/requests?id=…) opens it.
import { ApiError, getAll, latestLoad, post, qs } from '../api.js';
import type { Page } from '../app.js';
import { field, h, mount } from '../dom.js';
import { formatDays, formatInstant, t, tk } from '../i18n.js';
import type { ExhibitSet, Venue, VisitRequest } from '../types.js';
import { statusBadge } from './host-requests.js';
import { listOf, requestName, showRequest, tierText, type Decision } from './request-detail.js';

const STATUSES: VisitRequest['status'][] = ['requested', 'approved', 'scheduled', 'confirmed', 'completed', 'declined', 'cancelled', 'unserved'];
const TIERS: VisitRequest['priorityTier'][] = ['key', 'former_poverty', 'other'];
const KINDS: VisitRequest['setKind'][] = ['roving_museum', 'caravan_kit'];
const FILTERS = ['status', 'countyCode', 'priorityTier', 'setKind', 'from', 'to'] as const;
/** Rows drawn at once; a longer list asks for narrower filters. */
const SHOWN = 300;

const option = (value: string, label: string, selected: string | null) => h('option', { value, selected: value === (selected ?? '') }, label);

type Filter = (typeof FILTERS)[number];

/** The filter form; `query` is what it asks the server for, `apply` runs on submit and reset. */
function filterForm(params: URLSearchParams, venues: Venue[], apply: () => void) {
  const counties = [...new Map(venues.map((v) => [v.countyCode, v.countyName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
  const select = (name: Filter, any: string, values: [string, string][]) =>
    h('select', { name }, option('', any, params.get(name)), values.map(([v, label]) => option(v, label, params.get(name))));
  const controls: Record<Filter, HTMLSelectElement | HTMLInputElement> = {
    status: select('status', t('filterAllWaitingFirst'), STATUSES.map((s) => [s, tk('requestStatus', s)])),
    countyCode: select('countyCode', t('filterAny'), counties),
    priorityTier: select('priorityTier', t('filterAny'), TIERS.map((x) => [x, tierText(x)])),
    setKind: select('setKind', t('filterAny'), KINDS.map((k) => [k, tk('setKind', k)])),
    from: h('input', { name: 'from', type: 'date', value: params.get('from') ?? '' }),
    to: h('input', { name: 'to', type: 'date', value: params.get('to') ?? '' }),
  };
  const labels: Record<Filter, string> = { status: t('filterStatus'), countyCode: t('filterCounty'), priorityTier: t('filterTier'), setKind: t('filterKind'), from: t('filterFrom'), to: t('filterTo') };
  const reset = () => {
    for (const k of FILTERS) controls[k].value = '';
    apply();
  };
  const form = h(
    'form',
    { class: 'filters inbox-filters', onsubmit: (e: Event) => (e.preventDefault(), apply()) },
    FILTERS.map((k) => field(labels[k], controls[k])),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'primary' }, t('filterApply')), h('button', { type: 'button', class: 'secondary', onclick: reset }, t('filterReset'))),
  );
  const query = () => Object.fromEntries(FILTERS.map((k) => [k, controls[k].value || undefined])) as Record<Filter, string | undefined>;
  return { form, query };
}

/** A request's row: a box to select it, its venue (which opens it) and county, tier, kind, window, status. */
function inboxRow(r: VisitRequest, open: boolean, selected: Set<number>, changed: () => void, openIt: () => void) {
  const box = h('input', {
    type: 'checkbox',
    class: 'select-request',
    checked: selected.has(r.id),
    'aria-label': t('selectRequest', { venue: r.venueName, county: r.countyName, window: formatDays(r.windowStart, r.windowEnd) }),
    onchange: (e: Event) => {
      if ((e.target as HTMLInputElement).checked) selected.add(r.id);
      else selected.delete(r.id);
      changed();
    },
  });
  return h(
    'tr',
    { class: `inbox-row${open ? ' open' : ''}`, dataset: { requestId: String(r.id), status: r.status } },
    h('td', null, box),
    h('td', { 'data-label': t('venueCounty') }, h('button', { type: 'button', class: 'link open-request', onclick: openIt }, r.venueName), h('br'), h('small', { class: 'hint' }, r.countyName)),
    h('td', { 'data-label': t('filterTier') }, h('span', { class: `badge tier-${r.priorityTier}` }, tierText(r.priorityTier))),
    h('td', { 'data-label': t('filterKind') }, tk('setKind', r.setKind), ' · ', t('openDays'), ' ', r.openDays),
    h('td', { 'data-label': t('window') }, formatDays(r.windowStart, r.windowEnd)),
    h('td', { 'data-label': t('status') }, statusBadge(r.status)),
    h('td', { 'data-label': t('submittedOn') }, formatInstant(r.createdAt)),
  );
}

/** Waiting for review first, otherwise in the server's order (newest first). */
const waitingFirst = (list: VisitRequest[]) =>
  list
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(a.r.status !== 'requested') - Number(b.r.status !== 'requested') || a.i - b.i)
    .map((x) => x.r);

export const requestsPage: Page = async (root, ctx, params) => {
  const [venues, sets] = await Promise.all([getAll<Venue>(`/api/venues${qs({ regionId: ctx.regionId })}`), getAll<ExhibitSet>(`/api/exhibit-sets${qs({ regionId: ctx.regionId })}`)]);
  const message = h('div', { class: 'inbox-message', role: 'status', 'aria-live': 'polite' });
  const say = (text: string, kind: 'ok' | 'error' | 'hint' = 'ok') => mount(message, text ? h('p', { class: kind }, text) : null);
  const filters = filterForm(params, venues, () => {
    say('');
    void load();
  });
  const count = h('p', { class: 'hint inbox-count' });
  const body = h('tbody');
  const selectAll = h('input', { type: 'checkbox', 'aria-label': t('selectAll') });
  const reason = h('textarea', { id: 'inbox-reason', rows: 2, maxlength: 500 });
  // Named from the start (nothing ticked yet); updateButtons counts the ticked ones once the list is drawn.
  const approveBtn = h('button', { type: 'button', class: 'primary' }, t('approveSelected', { n: 0 }));
  const declineBtn = h('button', { type: 'button', class: 'danger' }, t('declineSelected', { n: 0 }));
  const detail = h('aside', { class: 'panel request-detail', 'aria-labelledby': 'detail-h', hidden: true });

  const head = h('tr', null, h('th', { scope: 'col' }, selectAll), [t('venueCounty'), t('filterTier'), t('filterKind'), t('window'), t('status'), t('submittedOn')].map((c) => h('th', { scope: 'col' }, c)));
  const list = h(
    'section',
    { class: 'inbox-list', 'aria-label': t('inboxTitle') },
    count,
    h('div', { class: 'inbox-actions' }, field(t('declineReason'), reason), h('div', { class: 'filter-buttons' }, approveBtn, declineBtn)),
    h('table', { class: 'list requests inbox-table' }, h('thead', null, head), body),
  );

  let rows: VisitRequest[] = [];
  const selected = new Set<number>();
  let openId: number | null = Number(params.get('id')) || null;

  /** Keeps the view in the address without redrawing the page. */
  const remember = () => history.replaceState(null, '', `#/requests${qs({ ...filters.query(), id: openId ?? undefined })}`);
  const updateButtons = () => {
    approveBtn.textContent = t('approveSelected', { n: selected.size });
    declineBtn.textContent = t('declineSelected', { n: selected.size });
    selectAll.checked = rows.length > 0 && rows.slice(0, SHOWN).every((r) => selected.has(r.id));
  };

  const openRequest = async (id: number | null) => {
    openId = id;
    remember();
    for (const tr of body.querySelectorAll<HTMLElement>('tr.inbox-row')) tr.classList.toggle('open', Number(tr.dataset.requestId) === id);
    if (id === null) {
      detail.hidden = true;
      delete detail.dataset.requestId;
      detail.replaceChildren();
      return;
    }
    await showRequest(detail, id, sets, (ids, action, why, field) => void decide(ids, action, why, field), () => void openRequest(null));
  };

  const begin = latestLoad();
  /** Fetches the list the filters name and draws it. */
  const load = async () => {
    const latest = begin();
    remember();
    list.setAttribute('aria-busy', 'true');
    const found = await getAll<VisitRequest>(`/api/requests${qs({ regionId: ctx.regionId, ...filters.query() })}`).catch((err: unknown) => {
      if (err instanceof ApiError) return err;
      throw err;
    });
    if (!latest()) return; // the filters changed again while this list loaded: the newer list is drawn
    if (found instanceof ApiError) say(found.message, 'error');
    rows = found instanceof ApiError ? [] : waitingFirst(found);
    for (const id of [...selected]) if (!rows.some((r) => r.id === id)) selected.delete(id);
    const waiting = rows.filter((r) => r.status === 'requested').length;
    mount(count, rows.length ? t('inboxCount', { n: rows.length, waiting }) : t('inboxNone'), rows.length > SHOWN ? [' ', t('inboxShown', { shown: SHOWN, n: rows.length })] : null);
    mount(body, rows.slice(0, SHOWN).map((r) => inboxRow(r, r.id === openId, selected, updateButtons, () => void openRequest(r.id))));
    updateButtons();
    list.removeAttribute('aria-busy');
  };

  /** Approves or declines `ids` (one: its own endpoint; many: the bulk one, all or none) and says how it went. */
  async function decide(ids: number[], action: Decision, why: string, reasonField: HTMLTextAreaElement) {
    say('');
    if (ids.length === 0) return say(t('nothingSelected'), 'error');
    if (action === 'decline' && !why.trim()) {
      say(t('declineReasonMissing'), 'error');
      reasonField.focus();
      return;
    }
    const names = listOf(ids.map((id) => rows.find((r) => r.id === id)).map((r) => (r ? requestName(r) : '')).filter(Boolean));
    say(t('working'), 'hint');
    try {
      const payload = action === 'decline' ? { reason: why.trim() } : {};
      if (ids.length === 1) await post(`/api/requests/${ids[0]}/${action}`, payload);
      else await post('/api/requests/bulk', { requestIds: ids, action, ...payload });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      say(t('decideFailed', { message: err.message }), 'error');
      return;
    }
    reasonField.value = '';
    for (const id of ids) selected.delete(id);
    await load();
    if (openId !== null) await openRequest(openId);
    // Said once the list and the open request show the change.
    say(t(action === 'approve' ? 'approvedMany' : 'declinedMany', { n: ids.length, names }));
  }

  selectAll.addEventListener('change', () => {
    for (const r of rows.slice(0, SHOWN)) {
      if (selectAll.checked) selected.add(r.id);
      else selected.delete(r.id);
    }
    for (const b of body.querySelectorAll<HTMLInputElement>('input.select-request')) b.checked = selectAll.checked;
    updateButtons();
  });
  approveBtn.addEventListener('click', () => void decide([...selected], 'approve', '', reason));
  declineBtn.addEventListener('click', () => void decide([...selected], 'decline', reason.value, reason));

  mount(
    root,
    h(
      'div',
      { class: 'inbox' },
      h('h1', null, t('inboxTitle')),
      h('p', { class: 'hint' }, t('inboxHint')),
      filters.form,
      message,
      h(
        'div',
        { class: 'inbox-body' },
        list,
        detail,
      ),
    ),
  );
  await load();
  if (openId !== null) await openRequest(openId);
};

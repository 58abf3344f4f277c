// Coordinator: the planning board. Drag, resize or re-row a stop and the server checks the edit;
// on a broken rule the stop snaps back with the reasons beside it; a stale revision reloads the plan.
import type { Calendar, EventDropInfo, EventReceiveInfo, EventResizeDoneInfo } from 'fullcalendar';
import { Draggable } from 'fullcalendar/interaction';
import { ApiError, call, get } from '../api.js';
import type { Page } from '../app.js';
import { createBoard, parseRow, replaceEvent, setRow, stopEvent, vehicleRow, zoomView, type BoardResource, type Zoom } from '../board-calendar.js';
import { defaultPlan, loadCatalogue, loadPlan, loadPlans, type Catalogue, type PlanData } from '../data.js';
import * as clock from '../clock.js';
import { addDays, datePart, daysBetween, isoWeekday } from '../dates.js';
import { field, h, mount } from '../dom.js';
import { formatDays, formatDrive, formatKm, locale, t, tk } from '../i18n.js';
import type { ExhibitSet, Leg, PlanSummary, Stop, StopEdit, StopEditResult, Unserved, Vehicle, Violation, VisitRequest } from '../types.js';

interface State {
  plan: PlanSummary;
  data: PlanData;
  cat: Catalogue;
  calendar: Calendar | null;
  selected: number | null;
}

export const boardPage: Page = async (root, ctx, params) => {
  const [plans, cat] = await Promise.all([loadPlans(ctx.regionId), loadCatalogue(ctx.regionId)]);
  const chosen = plans.find((p) => p.id === Number(params.get('plan'))) ?? defaultPlan(plans);
  if (!chosen) {
    mount(root, h('h1', null, t('boardTitle')), h('p', null, t('noPlans')), h('a', { href: '#/runs' }, t('navRuns')));
    return;
  }
  const today = clock.today();
  let zoom = (params.get('zoom') as Zoom | null) ?? 'quarter';
  if (!['weeks', 'month', 'quarter', 'year'].includes(zoom)) zoom = 'quarter';
  const state: State = { plan: chosen, data: await loadPlan(chosen.id), cat, calendar: null, selected: null };

  const venueById = new Map(cat.venues.map((v) => [v.id, v]));
  const setById = new Map(cat.sets.map((s) => [s.id, s]));
  const vehicleById = new Map(cat.vehicles.map((v) => [v.id, v]));
  const centreName = new Map(cat.centres.map((c) => [c.id, c.name]));

  const status = h('p', { class: 'status board-status', role: 'status', 'aria-live': 'polite' });
  const alertBox = h('div', { class: 'board-alert', role: 'alert' });
  const details = h('section', { class: 'panel stop-details', 'aria-label': t('legs') });
  const unservedList = h('ul', { class: 'unserved-list' });
  const calEl = h('div', { class: 'board-cal' });

  const planSelect = h(
    'select',
    {
      onchange: () => {
        setHash({ plan: planSelect.value });
        ctx.refresh();
      },
    },
    plans
      .filter((p) => p.status !== 'discarded')
      .map((p) =>
        h('option', { value: String(p.id), selected: p.id === chosen.id }, `${p.name || `#${p.id}`}（${tk('planStatus', p.status)}${p.version ? ` v${p.version}` : ''}）`),
      ),
  );
  const zoomGroup = h(
    'div',
    { class: 'segmented', role: 'group', 'aria-label': t('zoom') },
    (['weeks', 'month', 'quarter', 'year'] as Zoom[]).map((z) =>
      h(
        'button',
        {
          type: 'button',
          class: 'zoom-btn',
          'data-zoom': z,
          'aria-pressed': String(z === zoom),
          onclick: () => {
            zoom = z;
            state.calendar?.changeView(zoomView(z));
            for (const b of zoomGroup.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.zoom === z));
            setHash({ zoom: z });
          },
        },
        t(z === 'weeks' ? 'zoomWeeks' : z === 'month' ? 'zoomMonth' : z === 'quarter' ? 'zoomQuarter' : 'zoomYear'),
      ),
    ),
  );
  const navButtons = h(
    'div',
    { class: 'segmented', role: 'group' },
    h('button', { type: 'button', onclick: () => { state.calendar?.prev(); rememberDate(); } }, '‹ ', t('prev')),
    h('button', { type: 'button', onclick: () => { state.calendar?.today(); rememberDate(); } }, t('today')),
    h('button', { type: 'button', onclick: () => { state.calendar?.next(); rememberDate(); } }, t('next'), ' ›'),
  );
  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': t('mapLegend') },
    h('li', null, h('span', { class: 'swatch rove-tier-key' }), '★ ', t('keyCounty')),
    h('li', null, h('span', { class: 'swatch rove-tier-former_poverty' }), t('formerPoverty')),
    h('li', null, h('span', { class: 'swatch rove-tier-other' }), t('otherCounty')),
  );

  mount(
    root,
    h(
      'div',
      { class: 'board-page' },
      h(
        'div',
        { class: 'board-toolbar' },
        h('h1', { class: 'visually-hidden' }, t('boardTitle')),
        field(t('plan'), planSelect),
        zoomGroup,
        navButtons,
        legend,
      ),
      status,
      h(
        'div',
        { class: 'board-body' },
        calEl,
        h(
          'aside',
          { class: 'board-side' },
          alertBox,
          details,
          h('section', { class: 'panel unserved', 'aria-labelledby': 'unserved-h' }, h('h2', { id: 'unserved-h' }, t('unservedTitle')), h('p', { class: 'hint' }, t('unservedHint')), unservedList),
        ),
      ),
    ),
  );

  function setHash(p: Record<string, string>) {
    const cur = new URLSearchParams(location.hash.split('?')[1] ?? '');
    for (const [k, v] of Object.entries(p)) cur.set(k, v);
    history.replaceState(null, '', `#/board?${cur.toString()}`);
  }
  function rememberDate() {
    const d = state.calendar?.getDate();
    if (d) setHash({ date: d.toISOString().slice(0, 10) });
  }

  // Rows: every vehicle, and every roving-museum set (a set's own row shows where it stands), by centre.
  const resources: BoardResource[] = [
    ...cat.vehicles.map((v) => ({ id: vehicleRow(v.id), title: v.name, centre: centreName.get(v.homeCentreId) ?? '', order: 0 })),
    ...cat.sets
      .filter((s) => s.kind === 'roving_museum')
      .map((s) => ({ id: setRow(s.id), title: `${s.code} ${s.name}`, centre: centreName.get(s.homeCentreId) ?? '', order: 1 })),
  ];
  const editable = state.plan.status === 'draft' || state.plan.status === 'published';
  const eventsOf = (stops: Stop[]) =>
    stops.filter((s) => s.status !== 'cancelled').map((s) => stopEvent({ stop: s, venue: venueById.get(s.venueId), set: setById.get(s.exhibitSetId) }, editable));

  const inHorizon = today >= chosen.horizonStart && today <= chosen.horizonEnd;
  const initialDate = params.get('date') ?? (inHorizon ? `${today.slice(0, 7)}-01` : chosen.horizonStart);

  state.calendar = createBoard({
    el: calEl,
    locale: locale(),
    resources,
    events: eventsOf(state.data.stops),
    zoom,
    initialDate,
    today,
    resourceHeader: t('resources'),
    handlers: {
      onDrop: (info) => void onDrop(info),
      onResize: (info) => void onResize(info),
      onReceive: (info) => void onReceive(info),
      onClick: (id) => select(id),
    },
  });
  root.querySelector<HTMLElement>('.board-page')!.dataset.ready = 'true';

  function stopOf(id: number) {
    return state.data.stops.find((s) => s.id === id);
  }

  function replaceStop(next: Stop) {
    const i = state.data.stops.findIndex((s) => s.id === next.id);
    if (i >= 0) state.data.stops[i] = next;
    else state.data.stops.push(next);
    const shown = state.calendar?.getEventById(String(next.id));
    const same =
      shown &&
      datePart(shown.startStr) === next.startsOn &&
      datePart(shown.endStr) === addDays(next.endsOn, 1) &&
      shown.getResources().some((r) => r.id === vehicleRow(next.vehicleId));
    // The drop already shows what the server accepted: keep the event (the stop's data lives in
    // state, not in the event) and skip a second render of the whole timeline, which costs about
    // half a second at 3,600 stops.
    if (same) return;
    if (state.calendar) replaceEvent(state.calendar, String(next.id), eventsOf([next])[0]);
  }

  /** Replaces the legs of the tours an edit touched (the server sends those tours' legs, recomputed). */
  function mergeLegs(legs: StopEditResult['legs']) {
    const touched = new Set(legs.map((l) => l.tourId));
    const vehicleOfTour = (tourId: number) =>
      state.data.stops.find((s) => s.tourId === tourId)?.vehicleId ?? state.data.legs.find((l) => l.tourId === tourId)?.vehicleId ?? 0;
    state.data.legs = [...state.data.legs.filter((l) => !touched.has(l.tourId)), ...legs.map((l): Leg => ({ ...l, vehicleId: vehicleOfTour(l.tourId) }))];
  }

  function clearAlert() {
    alertBox.replaceChildren();
    root.querySelectorAll('.rove-violations').forEach((e) => e.remove());
  }

  /** Shows the violations in words, next to the stop on the board and in the side panel. */
  function showViolations(stopId: number, violations: Violation[], fallback: string) {
    const items = violations.length ? violations.map((v) => v.message || v.kind) : [fallback];
    mount(alertBox, h('div', { class: 'violations-box' }, h('p', null, t('editRejected')), h('ul', null, items.map((m) => h('li', null, m)))));
    // Beside the stop: after the revert has re-rendered it.
    requestAnimationFrame(() => {
      const el = calEl.querySelector<HTMLElement>(`[data-stop-id="${stopId}"]`);
      if (!el) return;
      const r = el.getBoundingClientRect();
      const pop = h(
        'div',
        { class: 'rove-violations', role: 'alert', 'data-stop-id': String(stopId) },
        h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: () => pop.remove() }, '×'),
        h('ul', null, items.map((m) => h('li', null, m))),
      );
      pop.style.left = `${Math.min(window.innerWidth - 340, Math.max(8, r.left + window.scrollX))}px`;
      pop.style.top = `${r.bottom + window.scrollY + 4}px`;
      document.body.appendChild(pop);
    });
  }

  async function reloadStale(message: string) {
    const fresh = await loadPlan(state.plan.id);
    state.data = fresh;
    state.calendar?.batchRendering(() => {
      state.calendar?.removeAllEvents();
      for (const ev of eventsOf(fresh.stops)) state.calendar?.addEvent(ev);
    });
    renderUnserved();
    renderDetails();
    mount(alertBox, h('p', { class: 'warning' }, message || t('editStale')));
    status.textContent = t('editStale');
  }

  const ifMatch = (): Record<string, string> => (state.data.revision === null ? {} : { 'if-match': `"${state.data.revision}"` });

  /** Sends one checked edit; reverts the board on any refusal. */
  async function applyEdit(stopId: number, edit: StopEdit, revert: () => void) {
    clearAlert();
    status.textContent = t('editSaving');
    try {
      const { body } = await call<StopEditResult>(`/api/plans/${state.plan.id}/stops/${stopId}`, { method: 'PATCH', body: edit, headers: ifMatch() });
      state.data.revision = body.revision;
      replaceStop(body.stop);
      mergeLegs(body.legs ?? []);
      status.textContent = t('editSaved');
      select(stopId);
    } catch (err) {
      revert();
      if (err instanceof ApiError && err.code === 'PLAN_REVISION_STALE') return reloadStale(err.message);
      if (err instanceof ApiError && (err.status === 422 || err.status === 409)) {
        const v = ((err.details as { violations?: Violation[] } | undefined)?.violations ?? []) as Violation[];
        showViolations(stopId, v, err.message);
        status.textContent = t('editRejected') + ' ' + (v.map((x) => x.message).join('；') || err.message);
        return;
      }
      status.textContent = t('editFailed', { message: (err as Error).message });
      mount(alertBox, h('p', { class: 'error' }, t('editFailed', { message: (err as Error).message })));
    }
  }

  function shifted(s: Stop, delta: number): StopEdit {
    return { startsOn: addDays(s.startsOn, delta), opensOn: addDays(s.opensOn, delta), closesOn: addDays(s.closesOn, delta), endsOn: addDays(s.endsOn, delta) };
  }

  async function onDrop(info: EventDropInfo) {
    const s = stopOf(Number(info.oldEvent.id));
    if (!s) return info.revert();
    const delta = daysBetween(datePart(info.oldEvent.startStr), datePart(info.event.startStr));
    const edit: StopEdit = delta ? shifted(s, delta) : {};
    if (info.newResource) {
      const row = parseRow(info.newResource.id);
      if (row.kind === 'vehicle') edit.vehicleId = row.id;
      else edit.exhibitSetId = row.id;
    }
    if (Object.keys(edit).length === 0) return info.revert();
    await applyEdit(s.id, edit, info.revert);
  }

  async function onResize(info: EventResizeDoneInfo) {
    const s = stopOf(Number(info.oldEvent.id));
    if (!s) return info.revert();
    const startDelta = daysBetween(datePart(info.oldEvent.startStr), datePart(info.event.startStr));
    const endDelta = daysBetween(datePart(info.oldEvent.endStr), datePart(info.event.endStr));
    const edit: StopEdit = {
      startsOn: addDays(s.startsOn, startDelta),
      opensOn: addDays(s.opensOn, startDelta),
      closesOn: addDays(s.closesOn, endDelta),
      endsOn: addDays(s.endsOn, endDelta),
    };
    if (edit.opensOn! > edit.closesOn!) {
      info.revert();
      showViolations(s.id, [], t('editFailed', { message: `${t('open')} ${edit.opensOn} > ${edit.closesOn}` }));
      return;
    }
    await applyEdit(s.id, edit, info.revert);
  }

  /** The days a request's stay takes from `startsOn`: set-up, `openDays` open weekdays, tear-down. */
  function stayFor(u: Unserved, set: ExhibitSet | undefined, startsOn: string) {
    const opensOn = addDays(startsOn, set?.setupDays ?? 0);
    const weekdays = new Set(set?.openWeekdays ?? [1, 2, 3, 4, 5, 6, 7]);
    let d = opensOn;
    let open = 0;
    let closesOn = opensOn;
    while (open < u.openDays) {
      if (weekdays.has(isoWeekday(d))) {
        open++;
        closesOn = d;
      }
      d = addDays(d, 1);
    }
    // A stay opens on an open day.
    return { startsOn, opensOn, closesOn, endsOn: addDays(closesOn, set?.teardownDays ?? 0) };
  }

  function carrier(kind: ExhibitSet['kind'], row: { kind: 'vehicle' | 'set'; id: number }): { vehicle?: Vehicle; set?: ExhibitSet } {
    if (row.kind === 'set') {
      const set = setById.get(row.id);
      return { set, vehicle: cat.vehicles.find((v) => v.exhibitSetIds.includes(row.id)) };
    }
    const vehicle = vehicleById.get(row.id);
    const set = vehicle?.exhibitSetIds.map((id) => setById.get(id)).find((s) => s?.kind === kind);
    return { vehicle, set };
  }

  async function onReceive(info: EventReceiveInfo) {
    const requestId = Number((info.event.extendedProps as { requestId?: number }).requestId);
    const u = state.data.unserved.find((x) => x.requestId === requestId);
    const resource = info.event.getResources()[0];
    const startsOn = datePart(info.event.startStr);
    info.event.remove();
    if (!u || !resource) return;
    const { vehicle, set } = carrier(u.setKind, parseRow(resource.id));
    clearAlert();
    if (!vehicle || !set) {
      mount(alertBox, h('p', { class: 'error' }, t('editRejected'), ' ', `${resource.title}: ${tk('setKind', u.setKind)}?`));
      return;
    }
    await schedule(u, vehicle, set, startsOn);
  }

  /** Schedules an unserved request: a checked insert, refused with the rules it would break. */
  async function schedule(u: Unserved, vehicle: Vehicle, set: ExhibitSet, startsOn: string) {
    clearAlert();
    status.textContent = t('editSaving');
    try {
      const { body } = await call<StopEditResult | Stop>(`/api/plans/${state.plan.id}/stops`, {
        method: 'POST',
        body: { requestId: u.requestId, venueId: u.venueId, vehicleId: vehicle.id, exhibitSetId: set.id, ...stayFor(u, set, startsOn) },
        headers: ifMatch(),
      });
      const stop = 'stop' in body ? body.stop : body;
      if ('revision' in body) state.data.revision = body.revision;
      replaceStop(stop);
      if ('legs' in body) mergeLegs(body.legs ?? []);
      state.data.unserved = state.data.unserved.filter((x) => x.requestId !== u.requestId);
      renderUnserved();
      status.textContent = t('editSaved');
      select(stop.id);
      state.calendar?.gotoDate(stop.startsOn);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PLAN_REVISION_STALE') return reloadStale(err.message);
      const v = err instanceof ApiError ? (((err.details as { violations?: Violation[] } | undefined)?.violations ?? []) as Violation[]) : [];
      const items = v.length ? v.map((x) => x.message) : [(err as Error).message];
      mount(alertBox, h('div', { class: 'violations-box' }, h('p', null, t('editRejected')), h('ul', null, items.map((m) => h('li', null, m)))));
      status.textContent = t('editRejected') + ' ' + items.join('；');
    }
  }

  /** The keyboard way to schedule a request: pick a vehicle and a first day instead of dragging. */
  function scheduleForm(u: Unserved) {
    const carriers = cat.vehicles
      .map((v) => ({ v, set: v.exhibitSetIds.map((id) => setById.get(id)).find((x) => x?.kind === u.setKind && (!u.exhibitSetId || x.id === u.exhibitSetId)) }))
      .filter((c): c is { v: Vehicle; set: ExhibitSet } => Boolean(c.set));
    const vehicleSel = h('select', null, carriers.map((c) => h('option', { value: String(c.v.id) }, `${c.v.name} · ${c.set.name}`)));
    const start = h('input', { type: 'date', value: u.windowStart, min: u.windowStart, max: u.windowEnd, required: true });
    return h(
      'form',
      {
        class: 'schedule-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const c = carriers.find((x) => x.v.id === Number(vehicleSel.value));
          if (c) void schedule(u, c.v, c.set, start.value);
        },
      },
      field(t('vehicle'), vehicleSel),
      field(t('startsOn'), start),
      h('button', { type: 'submit', class: 'primary', disabled: !editable || carriers.length === 0 }, t('scheduleIt')),
    );
  }

  function renderUnserved() {
    const items = state.data.unserved;
    if (items.length === 0) {
      mount(unservedList, h('li', { class: 'hint' }, t('unservedNone')));
      return;
    }
    mount(
      unservedList,
      items.map((u) =>
        h(
          'li',
          { class: `unserved-item rove-tier-${u.priorityTier}`, 'data-request-id': String(u.requestId) },
          h(
            'div',
            {
              // The drag handle; the form below it stays clickable without starting a drag.
              class: 'unserved-drag',
              'data-request-id': String(u.requestId),
              'data-title': u.venueName,
            },
            h('strong', null, u.priorityTier === 'key' ? '★ ' : '', u.venueName),
            h('span', { class: 'meta' }, `${u.countyName} · ${tk('setKind', u.setKind)} · ${t('openDays')} ${u.openDays}`),
            h('span', { class: 'meta' }, `${t('window')} ${formatDays(u.windowStart, u.windowEnd)}`),
            h('span', { class: 'reason' }, u.reasonText || u.reason.code),
          ),
          h(
            'details',
            { class: 'schedule' },
            h('summary', null, t('scheduleIt'), '…'),
            scheduleForm(u),
          ),
        ),
      ),
    );
  }

  const draggable = new Draggable(unservedList, {
    itemSelector: '.unserved-drag',
    eventData: (el) => {
      const u = state.data.unserved.find((x) => x.requestId === Number(el.dataset.requestId));
      const set = u ? cat.sets.find((s) => s.kind === u.setKind) : undefined;
      const days = u ? daysBetween('2000-01-03', stayFor(u, set, '2000-01-03').endsOn) + 1 : 1;
      return { title: el.dataset.title ?? '', duration: { days }, create: true, extendedProps: { requestId: Number(el.dataset.requestId) }, className: 'rove-stop rove-incoming' };
    },
  });

  function select(stopId: number) {
    state.selected = stopId;
    renderDetails();
  }

  function renderDetails() {
    const s = state.selected === null ? undefined : stopOf(state.selected);
    if (!s) {
      details.replaceChildren();
      details.hidden = true;
      return;
    }
    details.hidden = false;
    const venue = venueById.get(s.venueId);
    const legIn = state.data.legs.find((l) => l.toStopId === s.id);
    const tourLegs = state.data.legs.filter((l) => l.vehicleId === s.vehicleId).sort((a, b) => a.seq - b.seq);
    const totalM = tourLegs.reduce((a, l) => a + l.distanceM, 0);
    // The request's window, the first thing to know before moving a stay.
    const windowDd = h('dd', { class: 'request-window' }, '…');
    if (s.requestId) {
      get<VisitRequest>(`/api/requests/${s.requestId}`)
        .then((r) => (windowDd.textContent = `${formatDays(r.windowStart, r.windowEnd)} · ${t('openDays')} ${r.openDays}`))
        .catch(() => (windowDd.textContent = ''));
    }
    // Stays under way or done are history: shown, not edited.
    const locked = s.status === 'arrived' || s.status === 'completed' || s.status === 'cancelled';
    const startInput = h('input', { type: 'date', value: s.startsOn, required: true });
    const vehicleSelect = h(
      'select',
      null,
      // Only vehicles that carry this kind of set (a caravan kit does not go on a museum truck).
      cat.vehicles
        .filter((v) => v.id === s.vehicleId || v.exhibitSetIds.some((id) => setById.get(id)?.kind === setById.get(s.exhibitSetId)?.kind))
        .map((v) => h('option', { value: String(v.id), selected: v.id === s.vehicleId }, v.name)),
    );
    const form = h(
      'form',
      {
        class: 'stop-edit',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const delta = daysBetween(s.startsOn, startInput.value);
          const edit: StopEdit = delta ? shifted(s, delta) : {};
          if (Number(vehicleSelect.value) !== s.vehicleId) edit.vehicleId = Number(vehicleSelect.value);
          if (Object.keys(edit).length) void applyEdit(s.id, edit, () => undefined);
        },
      },
      field(t('startsOn'), startInput),
      field(t('vehicle'), vehicleSelect),
      h('button', { type: 'submit', class: 'primary', disabled: !editable || locked }, t('save')),
    );
    if (locked) for (const c of [startInput, vehicleSelect]) c.disabled = true;
    mount(
      details,
      h('h2', null, venue?.priorityTier === 'key' ? '★ ' : '', venue?.name ?? `#${s.venueId}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t('county')), h('dd', null, venue?.countyName ?? ''),
        h('dt', null, t('vehicle')), h('dd', null, vehicleById.get(s.vehicleId)?.name ?? ''),
        h('dt', null, t('exhibitSets')), h('dd', null, setById.get(s.exhibitSetId)?.name ?? ''),
        h('dt', null, t('setup')), h('dd', null, s.opensOn > s.startsOn ? formatDays(s.startsOn, addDays(s.opensOn, -1)) : t('none')),
        h('dt', null, t('open')), h('dd', { class: 'stop-open-days' }, formatDays(s.opensOn, s.closesOn)),
        h('dt', null, t('teardown')), h('dd', null, s.endsOn > s.closesOn ? formatDays(addDays(s.closesOn, 1), s.endsOn) : t('none')),
        h('dt', null, t('status')), h('dd', null, tk('stopStatus', s.status)),
        s.requestId ? [h('dt', null, t('window')), windowDd] : null,
        h('dt', null, t('legs')),
        h(
          'dd',
          { class: 'leg-in' },
          legIn ? `${formatKm(legIn.distanceM)} · ${formatDrive(legIn.driveMinutes)}${legIn.restNights ? ' · ' + t('restNights', { n: legIn.restNights }) : ''}` : t('none'),
          tourLegs.length ? h('small', { class: 'hint' }, ` (${t('vehicle')} Σ ${formatKm(totalM)})`) : null,
        ),
      ),
      form,
    );
  }

  renderUnserved();
  renderDetails();
  if (state.data.revision === null) status.textContent = '';

  return () => {
    draggable.destroy();
    state.calendar?.destroy();
    document.querySelectorAll('.rove-violations').forEach((e) => e.remove());
  };
};


// The planning board's side panel: the selected stop's days, leg and edit form (the keyboard way to
// move it), and the unserved requests with their reasons, each draggable onto a row or scheduled
// through a form.
import { Draggable } from 'fullcalendar/interaction';
import type { RequestStarts } from '../../../server/contract/guidance.js';
import { get } from '../api.js';
import { addDays, daysBetween } from '../dates.js';
import { field, h, mount } from '../dom.js';
import { formatDay, formatDays, formatDrive, formatKm, t, tk } from '../i18n.js';
import type { ExhibitSet, Stop, StopEdit, Unserved, Vehicle, VisitRequest } from '../types.js';
import { stopOf, type Board } from './board-context.js';
import { applyEdit, schedule, shifted, stayFor } from './board-edits.js';

/** The keyboard way to schedule a request: pick a vehicle and a first day instead of dragging; the server suggests the first feasible one. */
function scheduleForm(b: Board, u: Unserved) {
  const carriers = b.cat.vehicles
    .map((v) => ({ v, set: v.exhibitSetIds.map((id) => b.setById.get(id)).find((x) => x?.kind === u.setKind && (!u.exhibitSetId || x.id === u.exhibitSetId)) }))
    .filter((c): c is { v: Vehicle; set: ExhibitSet } => Boolean(c.set));
  const vehicleSel = h('select', null, carriers.map((c) => h('option', { value: String(c.v.id) }, `${c.v.name} · ${c.set.name}`)));
  const start = h('input', { type: 'date', value: u.windowStart, min: u.windowStart, max: u.windowEnd, required: true });
  const hint = h('p', { class: 'hint schedule-suggestion', 'aria-live': 'polite' });
  let options: RequestStarts['options'] = [];
  const suggest = () => {
    const o = options.find((x) => x.vehicleId === Number(vehicleSel.value));
    if (o) start.value = o.startsOn;
    hint.textContent = o ? t('guideSuggested', { vehicle: b.vehicleById.get(o.vehicleId)?.name ?? '', day: formatDay(o.startsOn, { weekday: true }) }) : t('guideNoStart');
  };
  vehicleSel.addEventListener('change', suggest);
  const form = h(
    'form',
    {
      class: 'schedule-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const c = carriers.find((x) => x.v.id === Number(vehicleSel.value));
        if (!c) return;
        // The server's suggestion, moved to the day chosen, keeps the shape it checked; else the browser's.
        const o = options.find((x) => x.vehicleId === c.v.id);
        const set = o ? (b.setById.get(o.exhibitSetId) ?? c.set) : c.set;
        const delta = o ? daysBetween(o.startsOn, start.value) : 0;
        void schedule(b, u, c.v, set, start.value, o ? { startsOn: start.value, opensOn: addDays(o.opensOn, delta), closesOn: addDays(o.closesOn, delta), endsOn: addDays(o.endsOn, delta) } : undefined);
      },
    },
    field(t('vehicle'), vehicleSel),
    field(t('startsOn'), start),
    hint,
    h('button', { type: 'submit', class: 'primary', disabled: !b.editable || carriers.length === 0 }, t('scheduleIt')),
  );
  // Asked when the form is first opened: the first feasible start on each vehicle (the checked insert's rules).
  form.dataset.ready = 'false';
  form.addEventListener('rove-open', () => {
    if (form.dataset.ready !== 'false') return;
    form.dataset.ready = 'loading';
    hint.textContent = t('guideFinding');
    get<RequestStarts>(`/api/plans/${b.plan.id}/requests/${u.requestId}/starts`)
      .then((a) => {
        options = a.options;
        const earliest = options.find((o) => carriers.some((c) => c.v.id === o.vehicleId));
        if (earliest) vehicleSel.value = String(earliest.vehicleId);
        suggest();
      })
      .catch(() => (hint.textContent = ''))
      .finally(() => (form.dataset.ready = 'true'));
  });
  return form;
}

export function renderUnserved(b: Board) {
  const items = b.data.unserved;
  if (items.length === 0) {
    mount(b.unservedList, h('li', { class: 'hint' }, t('unservedNone')));
    return;
  }
  mount(
    b.unservedList,
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
        scheduleDetails(b, u),
      ),
    ),
  );
}

function scheduleDetails(b: Board, u: Unserved) {
  const form = scheduleForm(b, u);
  return h('details', { class: 'schedule', ontoggle: (e: Event) => (e.currentTarget as HTMLDetailsElement).open && form.dispatchEvent(new Event('rove-open')) }, h('summary', null, t('scheduleIt'), '…'), form);
}

/** Unserved requests can be dragged onto a row: the event they make lasts as long as their stay would. */
export function unservedDraggable(b: Board) {
  return new Draggable(b.unservedList, {
    itemSelector: '.unserved-drag',
    eventData: (el) => {
      const u = b.data.unserved.find((x) => x.requestId === Number(el.dataset.requestId));
      const set = u ? b.cat.sets.find((s) => s.kind === u.setKind) : undefined;
      const days = u ? daysBetween('2000-01-03', stayFor(u, set, '2000-01-03').endsOn) + 1 : 1;
      return { title: el.dataset.title ?? '', duration: { days }, create: true, extendedProps: { requestId: Number(el.dataset.requestId) }, className: 'rove-stop rove-incoming' };
    },
  });
}

/** A stay (perhaps already moved by `edit`) ending on `endsOn`: its open days end as many days earlier or later. */
function lengthened(s: Stop, edit: StopEdit, endsOn: string): StopEdit {
  const start = { startsOn: edit.startsOn ?? s.startsOn, opensOn: edit.opensOn ?? s.opensOn, closesOn: edit.closesOn ?? s.closesOn, endsOn: edit.endsOn ?? s.endsOn };
  return { ...start, closesOn: addDays(start.closesOn, daysBetween(start.endsOn, endsOn)), endsOn };
}

/** The selected stop's edit form: its first day, its last day and its vehicle. */
function stopForm(b: Board, s: Stop, locked: boolean) {
  const startInput = h('input', { type: 'date', value: s.startsOn, required: true });
  // The stay's last day (its length): the tear-down keeps its days, the open days end earlier or later.
  const endInput = h('input', { type: 'date', value: s.endsOn, min: s.opensOn, required: true, class: 'stop-ends-on' });
  const length = h('span', { class: 'hint stop-length' }, t('guideLength', { n: daysBetween(s.startsOn, s.endsOn) + 1 }));
  const vehicleSelect = h(
    'select',
    null,
    // Only vehicles that carry this kind of set (a caravan kit does not go on a museum truck).
    b.cat.vehicles
      .filter((v) => v.id === s.vehicleId || v.exhibitSetIds.some((id) => b.setById.get(id)?.kind === b.setById.get(s.exhibitSetId)?.kind))
      .map((v) => h('option', { value: String(v.id), selected: v.id === s.vehicleId }, v.name)),
  );
  if (locked) for (const c of [startInput, endInput, vehicleSelect]) c.disabled = true;
  return h(
    'form',
    {
      class: 'stop-edit',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const delta = daysBetween(s.startsOn, startInput.value);
        const edit: StopEdit = delta ? shifted(s, delta) : {};
        if (endInput.value !== s.endsOn) Object.assign(edit, lengthened(s, edit, endInput.value));
        if (Number(vehicleSelect.value) !== s.vehicleId) edit.vehicleId = Number(vehicleSelect.value);
        if (Object.keys(edit).length) void applyEdit(b, s.id, edit, () => undefined);
      },
    },
    field(t('startsOn'), startInput),
    field(t('guideEndsOn'), endInput),
    length,
    field(t('vehicle'), vehicleSelect),
    h('button', { type: 'submit', class: 'primary', disabled: !b.editable || locked }, t('save')),
  );
}

export function renderDetails(b: Board) {
  const s = b.selected === null ? undefined : stopOf(b, b.selected);
  if (!s) {
    b.details.replaceChildren();
    b.details.hidden = true;
    return;
  }
  b.details.hidden = false;
  const venue = b.venueById.get(s.venueId);
  const legIn = b.data.legs.find((l) => l.toStopId === s.id);
  const tourLegs = b.data.legs.filter((l) => l.vehicleId === s.vehicleId).sort((a, b) => a.seq - b.seq);
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
  mount(
    b.details,
    h('h2', null, venue?.priorityTier === 'key' ? '★ ' : '', venue?.name ?? `#${s.venueId}`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('county')), h('dd', null, venue?.countyName ?? ''),
      h('dt', null, t('vehicle')), h('dd', null, b.vehicleById.get(s.vehicleId)?.name ?? ''),
      h('dt', null, t('exhibitSets')), h('dd', null, b.setById.get(s.exhibitSetId)?.name ?? ''),
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
    stopForm(b, s, locked),
  );
}

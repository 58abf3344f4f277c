// The planning board's side panel: the selected stop's days, leg and edit form (the keyboard way to
// move it), and the unserved requests with their reasons, each draggable onto a row or scheduled
// through a form.
import { Draggable } from 'fullcalendar/interaction';
import { get } from '../api.js';
import { addDays, daysBetween } from '../dates.js';
import { field, h, mount } from '../dom.js';
import { formatDays, formatDrive, formatKm, t, tk } from '../i18n.js';
import type { ExhibitSet, Stop, StopEdit, Unserved, Vehicle, VisitRequest } from '../types.js';
import { stopOf, type Board } from './board-context.js';
import { applyEdit, schedule, shifted, stayFor } from './board-edits.js';

/** The keyboard way to schedule a request: pick a vehicle and a first day instead of dragging. */
function scheduleForm(b: Board, u: Unserved) {
  const carriers = b.cat.vehicles
    .map((v) => ({ v, set: v.exhibitSetIds.map((id) => b.setById.get(id)).find((x) => x?.kind === u.setKind && (!u.exhibitSetId || x.id === u.exhibitSetId)) }))
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
        if (c) void schedule(b, u, c.v, c.set, start.value);
      },
    },
    field(t('vehicle'), vehicleSel),
    field(t('startsOn'), start),
    h('button', { type: 'submit', class: 'primary', disabled: !b.editable || carriers.length === 0 }, t('scheduleIt')),
  );
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
        h('details', { class: 'schedule' }, h('summary', null, t('scheduleIt'), '…'), scheduleForm(b, u)),
      ),
    ),
  );
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

/** The selected stop's edit form: its first day and its vehicle. */
function stopForm(b: Board, s: Stop, locked: boolean) {
  const startInput = h('input', { type: 'date', value: s.startsOn, required: true });
  const vehicleSelect = h(
    'select',
    null,
    // Only vehicles that carry this kind of set (a caravan kit does not go on a museum truck).
    b.cat.vehicles
      .filter((v) => v.id === s.vehicleId || v.exhibitSetIds.some((id) => b.setById.get(id)?.kind === b.setById.get(s.exhibitSetId)?.kind))
      .map((v) => h('option', { value: String(v.id), selected: v.id === s.vehicleId }, v.name)),
  );
  if (locked) for (const c of [startInput, vehicleSelect]) c.disabled = true;
  return h(
    'form',
    {
      class: 'stop-edit',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const delta = daysBetween(s.startsOn, startInput.value);
        const edit: StopEdit = delta ? shifted(s, delta) : {};
        if (Number(vehicleSelect.value) !== s.vehicleId) edit.vehicleId = Number(vehicleSelect.value);
        if (Object.keys(edit).length) void applyEdit(b, s.id, edit, () => undefined);
      },
    },
    field(t('startsOn'), startInput),
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

// The planning board's edits: a drag, a resize, a drop from the unserved list or the side panel's
// form, each a checked edit the server judges. On a broken rule the stop snaps back with the
// reasons beside it; a stale revision reloads the plan.
import type { EventDragStartInfo, EventDropInfo, EventReceiveInfo, EventResizeDoneInfo } from 'fullcalendar';
import type { FeasibleStarts } from '../../../server/contract/guidance.js';
import { ApiError, call, get } from '../api.js';
import { labelStay, parseRow, replaceEvent, vehicleRow } from '../board-calendar.js';
import { guideDrag, type DragGuide, type StartRows } from '../board-guide.js';
import { addDays, datePart, daysBetween, isoWeekday } from '../dates.js';
import { formatDays, t, tk } from '../i18n.js';
import type { ExhibitSet, Leg, Stop, StopEdit, StopEditResult, Unserved, Vehicle, Violation } from '../types.js';
import { reloadBoard, select, stopOf, type Board } from './board-context.js';
import { clearMessage, say, sayBeside, type StayLink } from './board-message.js';

function replaceStop(b: Board, next: Stop) {
  const i = b.data.stops.findIndex((s) => s.id === next.id);
  if (i >= 0) b.data.stops[i] = next;
  else b.data.stops.push(next);
  const shown = b.calendar?.getEventById(String(next.id));
  const same =
    shown &&
    datePart(shown.startStr) === next.startsOn &&
    datePart(shown.endStr) === addDays(next.endsOn, 1) &&
    shown.getResources().some((r) => r.id === vehicleRow(next.vehicleId));
  // The drop already shows what the server accepted: keep the event (the stop's data lives in
  // state, not in the event) and skip a second render of the whole timeline, which costs about
  // half a second at 3,600 stops. Its elements (two for a roving-museum stay: its truck's row and
  // its set's) keep the names they were drawn with, so they are told the new days.
  if (same) {
    for (const el of b.calEl.querySelectorAll<HTMLElement>(`.rove-event[data-stop-id="${next.id}"]`)) labelStay(el, shown);
    return;
  }
  if (b.calendar) replaceEvent(b.calendar, String(next.id), b.eventsOf([next])[0]);
}

/** Replaces the legs of the tours an edit touched (the server sends those tours' legs, recomputed). */
function mergeLegs(b: Board, legs: StopEditResult['legs']) {
  const touched = new Set(legs.map((l) => l.tourId));
  const vehicleOfTour = (tourId: number) => b.data.stops.find((s) => s.tourId === tourId)?.vehicleId ?? b.data.legs.find((l) => l.tourId === tourId)?.vehicleId ?? 0;
  b.data.legs = [...b.data.legs.filter((l) => !touched.has(l.tourId)), ...legs.map((l): Leg => ({ ...l, vehicleId: vehicleOfTour(l.tourId) }))];
}

/** The stay another stay's refusal names, as a link: from a 409 overlap's clash, or the violations' other stays. */
function linksOf(b: Board, stopId: number, err: unknown): StayLink[] {
  const d = err instanceof ApiError ? (err.details as { clash?: { stopId: number; venueName: string; startsOn: string; endsOn: string }; violations?: Violation[] } | undefined) : undefined;
  const ids = d?.clash ? [d.clash.stopId] : [...new Set((d?.violations ?? []).map((v) => v.stopId).filter((id): id is number => typeof id === 'number' && id !== stopId))];
  return ids.map((id) => {
    const s = stopOf(b, id);
    const venue = s ? b.venueById.get(s.venueId)?.name : d?.clash?.venueName;
    return { stopId: id, label: t('guideShowStay', { venue: venue ?? `#${id}`, days: s ? formatDays(s.startsOn, s.endsOn) : '' }) };
  });
}

/** Shows a refusal in the message area (with links to the stays in the way) and beside the stay. */
export function showViolations(b: Board, stopId: number, violations: Violation[], fallback: string, err?: unknown) {
  const items = violations.length ? violations.map((v) => v.message || v.kind) : [fallback];
  say(b, 'error', t('editRejected'), items, linksOf(b, stopId, err));
  sayBeside(b, stopId, items);
}

async function reloadStale(b: Board, message: string) {
  await reloadBoard(b);
  say(b, 'warning', t('editStale'), message ? [message] : []);
}

const ifMatch = (b: Board): Record<string, string> => (b.data.revision === null ? {} : { 'if-match': `"${b.data.revision}"` });

/** Sends one checked edit; reverts the board on any refusal. */
export async function applyEdit(b: Board, stopId: number, edit: StopEdit, revert: () => void) {
  say(b, 'info', t('editSaving'));
  try {
    const { body } = await call<StopEditResult>(`/api/plans/${b.plan.id}/stops/${stopId}`, { method: 'PATCH', body: edit, headers: ifMatch(b) });
    b.data.revision = body.revision;
    replaceStop(b, body.stop);
    mergeLegs(b, body.legs ?? []);
    say(b, 'ok', t('editSaved'));
    select(b, stopId);
    b.changed();
  } catch (err) {
    revert();
    refused(b, stopId, err);
  }
}

/** The board's answer to a refused edit or insert: a stale plan is reloaded, a broken rule or overlap named, anything else said. */
function refused(b: Board, stopId: number | null, err: unknown) {
  if (err instanceof ApiError && err.code === 'PLAN_REVISION_STALE') return void reloadStale(b, err.message);
  if (err instanceof ApiError && (err.status === 422 || err.status === 409)) {
    const v = ((err.details as { violations?: Violation[] } | undefined)?.violations ?? []) as Violation[];
    if (stopId !== null) return showViolations(b, stopId, v, err.message, err);
    return say(b, 'error', t('editRejected'), v.length ? v.map((x) => x.message) : [err.message], linksOf(b, 0, err));
  }
  say(b, 'error', t('editFailed', { message: (err as Error).message }));
}

export function shifted(s: Stop, delta: number): StopEdit {
  return { startsOn: addDays(s.startsOn, delta), opensOn: addDays(s.opensOn, delta), closesOn: addDays(s.closesOn, delta), endsOn: addDays(s.endsOn, delta) };
}

export async function onDrop(b: Board, info: EventDropInfo) {
  const s = stopOf(b, Number(info.oldEvent.id));
  if (!s) return info.revert();
  const delta = daysBetween(datePart(info.oldEvent.startStr), datePart(info.event.startStr));
  const edit: StopEdit = delta ? shifted(s, delta) : {};
  if (info.newResource) {
    const row = parseRow(info.newResource.id);
    if (row.kind === 'vehicle') edit.vehicleId = row.id;
    else edit.exhibitSetId = row.id;
  }
  if (Object.keys(edit).length === 0) return info.revert();
  await applyEdit(b, s.id, edit, info.revert);
}

export async function onResize(b: Board, info: EventResizeDoneInfo) {
  const s = stopOf(b, Number(info.oldEvent.id));
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
    showViolations(b, s.id, [], `${t('open')} ${edit.opensOn} > ${edit.closesOn}`);
    return;
  }
  await applyEdit(b, s.id, edit, info.revert);
}

/** The days a request's stay takes from `startsOn`: set-up, `openDays` open weekdays, tear-down. */
export function stayFor(u: Unserved, set: ExhibitSet | undefined, startsOn: string) {
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

function carrier(b: Board, kind: ExhibitSet['kind'], row: { kind: 'vehicle' | 'set'; id: number }): { vehicle?: Vehicle; set?: ExhibitSet } {
  if (row.kind === 'set') {
    const set = b.setById.get(row.id);
    return { set, vehicle: b.cat.vehicles.find((v) => v.exhibitSetIds.includes(row.id)) };
  }
  const vehicle = b.vehicleById.get(row.id);
  const set = vehicle?.exhibitSetIds.map((id) => b.setById.get(id)).find((s) => s?.kind === kind);
  return { vehicle, set };
}

export async function onReceive(b: Board, info: EventReceiveInfo) {
  const requestId = Number((info.event.extendedProps as { requestId?: number }).requestId);
  const u = b.data.unserved.find((x) => x.requestId === requestId);
  const resource = info.event.getResources()[0];
  const startsOn = datePart(info.event.startStr);
  info.event.remove();
  if (!u || !resource) return;
  const { vehicle, set } = carrier(b, u.setKind, parseRow(resource.id));
  if (!vehicle || !set) {
    say(b, 'error', t('editRejected'), [`${resource.title}: ${tk('setKind', u.setKind)}?`]);
    return;
  }
  await schedule(b, u, vehicle, set, startsOn);
}

/** The days of a stay for a request: the server's suggestion (moved to `startsOn`), else the browser's shape from `startsOn`. */
export type StayDays = Pick<Stop, 'startsOn' | 'opensOn' | 'closesOn' | 'endsOn'>;

/** Schedules an unserved request: a checked insert, refused with the rules it would break. */
export async function schedule(b: Board, u: Unserved, vehicle: Vehicle, set: ExhibitSet, startsOn: string, days: StayDays = stayFor(u, set, startsOn)) {
  say(b, 'info', t('editSaving'));
  try {
    const { body } = await call<StopEditResult | Stop>(`/api/plans/${b.plan.id}/stops`, {
      method: 'POST',
      body: { requestId: u.requestId, venueId: u.venueId, vehicleId: vehicle.id, exhibitSetId: set.id, ...days },
      headers: ifMatch(b),
    });
    const stop = 'stop' in body ? body.stop : body;
    if ('revision' in body) b.data.revision = body.revision;
    replaceStop(b, stop);
    if ('legs' in body) mergeLegs(b, body.legs ?? []);
    b.data.unserved = b.data.unserved.filter((x) => x.requestId !== u.requestId);
    b.renderUnserved();
    say(b, 'ok', t('editSaved'));
    select(b, stop.id);
    b.calendar?.gotoDate(stop.startsOn);
    b.changed();
  } catch (err) {
    refused(b, null, err);
  }
}

// While a stay is dragged: its feasible start days per row, asked once per stay and plan revision.
let guide: DragGuide | null = null;
const startsCache = new Map<string, Promise<StartRows | null>>();

function startsOf(b: Board, stopId: number): Promise<StartRows | null> {
  const key = `${b.plan.id}:${stopId}:${b.data.revision}`;
  let p = startsCache.get(key);
  if (!p) {
    p = get<FeasibleStarts>(`/api/plans/${b.plan.id}/stops/${stopId}/feasible-starts`)
      .then((a) => a.rows)
      .catch(() => null);
    startsCache.clear();
    startsCache.set(key, p);
  }
  return p;
}

/** A drag begins: the last message goes, and the board shows where the stay may start. */
export function onDragStart(b: Board, info: EventDragStartInfo) {
  clearMessage(b);
  guide?.stop();
  const s = stopOf(b, Number(info.event.id));
  if (!s) return;
  const e = info.jsEvent as MouseEvent;
  guide = guideDrag(b.calEl, s.startsOn, { x: e.clientX, y: e.clientY }, startsOf(b, s.id));
}

export function onDragStop() {
  guide?.stop();
  guide = null;
}

// The planning board's FullCalendar: a resource timeline with one row per vehicle and per roving
// exhibit set, grouped by centre, one column per day. Used by the board page and its benchmark.
import { Calendar, type EventApi, type EventDragStartInfo, type EventDropInfo, type EventInput, type EventResizeDoneInfo, type EventReceiveInfo } from 'fullcalendar';
import interactionPlugin from 'fullcalendar/interaction';
import zhCnLocale from 'fullcalendar/locales/zh-cn';
import classicThemePlugin from 'fullcalendar/themes/classic';
import resourceTimelinePlugin from 'fullcalendar-scheduler/resource-timeline';
import 'fullcalendar/skeleton.css';
import 'fullcalendar/themes/classic/theme.css';
import 'fullcalendar/themes/classic/palette.css';
import { shortCounty, stayDescription } from './board-labels.js';
import { addDays } from './dates.js';
import type { ExhibitSet, Stop, Venue } from './types.js';

export type Zoom = 'weeks' | 'month' | 'quarter' | 'year';

/**
 * Pixels per day column at each zoom (a minimum: FullCalendar widens the columns to fill the board).
 * A month at 24 px fits 31 days beside the side panel at 1,440 px, and there a one-day stay is wide
 * enough for a county's short name; a year at 8 px a day keeps 365 columns scrollable.
 */
const zoomViews: Record<Zoom, { duration: { weeks?: number; months?: number; years?: number }; slotMinWidth: number; headerEvery: { days: number } }> = {
  weeks: { duration: { weeks: 2 }, slotMinWidth: 64, headerEvery: { days: 1 } },
  month: { duration: { months: 1 }, slotMinWidth: 24, headerEvery: { days: 1 } },
  quarter: { duration: { months: 3 }, slotMinWidth: 16, headerEvery: { days: 7 } },
  year: { duration: { years: 1 }, slotMinWidth: 8, headerEvery: { days: 14 } },
};

export interface BoardResource {
  id: string;
  title: string;
  centre: string;
  /** 0 for vehicles, 1 for exhibit sets: vehicles first within a centre. */
  order: number;
}

export interface StopView {
  stop: Stop;
  venue: Pick<Venue, 'name' | 'countyName' | 'priorityTier'> | undefined;
  set: Pick<ExhibitSet, 'name' | 'kind'> | undefined;
}

/** Resource ids: `v<id>` for a vehicle's row, `s<id>` for an exhibit set's row. */
export const vehicleRow = (id: number) => `v${id}`;
export const setRow = (id: number) => `s${id}`;
export function parseRow(id: string): { kind: 'vehicle' | 'set'; id: number } {
  return { kind: id.startsWith('s') ? 'set' : 'vehicle', id: Number(id.slice(1)) };
}

/** The event for a stop: an all-day range (FullCalendar's end is exclusive: endsOn + 1 day). */
export function stopEvent(v: StopView, editable: boolean): EventInput {
  const { stop, venue, set } = v;
  const tier = venue?.priorityTier ?? 'other';
  const rows = [vehicleRow(stop.vehicleId)];
  if (set?.kind === 'roving_museum') rows.push(setRow(stop.exhibitSetId));
  const locked = stop.status === 'completed' || stop.status === 'arrived' || stop.status === 'cancelled';
  return {
    id: String(stop.id),
    resourceIds: rows,
    start: stop.startsOn,
    end: addDays(stop.endsOn, 1),
    allDay: true,
    title: venue ? venue.name : `#${stop.venueId}`,
    editable: editable && !locked,
    className: `rove-stop rove-tier-${tier} rove-status-${stop.status}${stop.pinned ? ' rove-pinned' : ''}${locked ? ' rove-locked' : ''}`,
    extendedProps: { stop, tier, county: venue?.countyName ?? '', setName: set?.name ?? '', venueName: venue?.name ?? '', short: venue ? shortCounty(venue.countyName) : '', kind: set?.kind ?? '' },
  };
}

/** Puts the server's version of a stop on the board in one render (a drop costs one repaint, not two). */
export function replaceEvent(calendar: Calendar, id: string, next: EventInput | undefined) {
  calendar.batchRendering(() => {
    calendar.getEventById(id)?.remove();
    if (next) calendar.addEvent(next);
  });
}

export interface BoardHandlers {
  onDrop?: (info: EventDropInfo) => void;
  onResize?: (info: EventResizeDoneInfo) => void;
  onReceive?: (info: EventReceiveInfo) => void;
  onClick?: (stopId: number, el: HTMLElement) => void;
  /** A drag or a resize begins, and a drag ends (before its drop): the board's guidance (issue 12). */
  onDragStart?: (info: EventDragStartInfo) => void;
  onDragStop?: () => void;
  onResizeStart?: () => void;
}

export interface BoardOptions {
  el: HTMLElement;
  locale: 'zh-CN' | 'en';
  resources: BoardResource[];
  events: EventInput[];
  zoom: Zoom;
  initialDate: string;
  today: string;
  resourceHeader: string;
  handlers?: BoardHandlers;
  height?: number | string;
  /** Called whenever a stay's element is drawn (again), e.g. to mark it as found by a search. */
  onEventMount?: (stopId: string, el: HTMLElement) => void;
}

export function zoomView(zoom: Zoom): string {
  return `board-${zoom}`;
}

/** Builds and renders the board. Dates are plain days: the calendar runs in UTC so no local zone shifts them. */
export function createBoard(o: BoardOptions): Calendar {
  const views = Object.fromEntries(
    (Object.keys(zoomViews) as Zoom[]).map((z) => [
      zoomView(z),
      {
        type: 'resourceTimeline',
        duration: zoomViews[z].duration,
        slotDuration: { days: 1 },
        slotMinWidth: zoomViews[z].slotMinWidth,
        slotHeaderInterval: zoomViews[z].headerEvery,
        // Two header rows: the month, then day numbers (with the weekday when a column is wide).
        slotHeaderFormat: [{ year: 'numeric', month: 'long' } as const, z === 'weeks' ? ({ day: 'numeric', weekday: 'short' } as const) : ({ day: 'numeric' } as const)],
      },
    ]),
  );
  const h = o.handlers ?? {};
  const calendar = new Calendar(o.el, {
    plugins: [resourceTimelinePlugin, interactionPlugin, classicThemePlugin],
    schedulerLicenseKey: 'AGPL-My-Frontend-And-Backend-Are-Open-Source',
    locales: [zhCnLocale],
    locale: o.locale === 'zh-CN' ? 'zh-cn' : 'en',
    timeZone: 'UTC',
    now: o.today,
    views,
    initialView: zoomView(o.zoom),
    initialDate: o.initialDate,
    headerToolbar: false,
    height: o.height ?? '100%',
    resourceColumnHeaderContent: o.resourceHeader,
    resourceColumnsWidth: 160,
    resourceGroupField: 'centre',
    resourceOrder: 'order,title',
    resources: o.resources,
    events: o.events,
    eventOverlap: true,
    editable: true,
    eventResourceEditable: true,
    // Both ends of a stay take a resize (issue 12): its first day and its last.
    eventResizableFromStart: true,
    droppable: true,
    eventClass: 'rove-event',
    // Today's column (the injected clock's today, in the region's zone) is marked in the header and the rows.
    // (Header rows count from the bottom: level 0 is the row of days, above it the months.)
    slotHeaderClass: (arg) => (arg.isToday && arg.level === 0 ? 'rove-today' : ''),
    slotLaneClass: (arg) => (arg.isToday ? 'rove-today' : ''),
    // Each row's name cell says which row it is (the find bar's tests and tools look rows up by it).
    resourceCellDidMount: (arg) => {
      if (arg.resource) arg.el.dataset.resourceId = arg.resource.id;
    },
    eventContent: (arg) => {
      const p = arg.event.extendedProps as LabelProps;
      // A one-day stay has room for two characters: its key county shows by the red fill and heavy border alone.
      const oneDay = arg.event.end !== null && arg.event.start !== null && arg.event.end.getTime() - arg.event.start.getTime() <= 86_400_000;
      const star = p.tier === 'key' && !oneDay ? '★' : '';
      // The short name in place of the venue's (a draft's change mark before it stays).
      const label = p.short && p.venueName ? arg.event.title.replace(p.venueName, p.short) : arg.event.title;
      return { html: `<span class="rove-stop-label">${star}${escapeHtml(label)}</span>` };
    },
    eventDidMount: (arg) => {
      const el = arg.el;
      const p = arg.event.extendedProps as LabelProps;
      el.dataset.stopId = arg.event.id;
      el.dataset.tier = p.tier;
      if (p.stop) el.dataset.status = p.stop.status;
      if (p.kind) el.dataset.kind = p.kind;
      labelStay(el, arg.event);
      if (!el.hasAttribute('tabindex')) el.tabIndex = 0;
      o.onEventMount?.(arg.event.id, el);
    },
    eventClick: (arg) => h.onClick?.(Number(arg.event.id), arg.el),
    eventDrop: (info) => h.onDrop?.(info),
    eventResize: (info) => h.onResize?.(info),
    eventDragStart: (info) => h.onDragStart?.(info),
    eventDragStop: () => h.onDragStop?.(),
    eventResizeStart: () => h.onResizeStart?.(),
    eventReceive: (info) => h.onReceive?.(info),
  });
  calendar.render();
  return calendar;
}

/**
 * A stay's element says what it is, as its title and accessible name, with the days the event holds.
 * FullCalendar mounts an element once: a resize or a move along its row keeps it, so the board
 * labels it again once the server has accepted the new days (board-edits.ts).
 */
export function labelStay(el: HTMLElement, event: EventApi) {
  const p = event.extendedProps as LabelProps;
  const startsOn = event.startStr.slice(0, 10);
  const endsOn = event.endStr ? addDays(event.endStr.slice(0, 10), -1) : startsOn;
  el.title = stayDescription({ title: event.title, county: p.county, setName: p.setName, startsOn, endsOn });
  el.setAttribute('aria-label', el.title);
}

interface LabelProps {
  stop?: Stop;
  tier: string;
  county: string;
  setName: string;
  venueName?: string;
  short?: string;
  kind?: string;
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

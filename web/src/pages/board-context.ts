// The planning board's shared state: the plan on show, its stops, the catalogue, the calendar and
// the page's parts; the board's steps (edits, side panel, change highlights) each take it.
import type { Calendar, EventInput } from 'fullcalendar';
import { loadPlan, type Catalogue, type PlanData } from '../data.js';
import type { ExhibitSet, PlanSummary, Stop, Vehicle, Venue } from '../types.js';

export interface Board {
  plan: PlanSummary;
  data: PlanData;
  cat: Catalogue;
  calendar: Calendar | null;
  selected: number | null;
  /** Drafts and the published plan take edits; superseded versions are read only. */
  editable: boolean;
  venueById: Map<number, Venue>;
  setById: Map<number, ExhibitSet>;
  vehicleById: Map<number, Vehicle>;
  root: HTMLElement;
  calEl: HTMLElement;
  status: HTMLElement;
  alertBox: HTMLElement;
  details: HTMLElement;
  unservedList: HTMLElement;
  /** The board's events for some of the plan's stops (cancelled ones left out). */
  eventsOf: (stops: Stop[]) => EventInput[];
  /** Every event the board shows: the plan's stops and, for a draft, what is around and leaving it. */
  allEvents: () => EventInput[];
  renderDetails: () => void;
  renderUnserved: () => void;
  /** After an accepted edit: what publishing the draft changes may differ now. */
  changed: () => void;
}

export function stopOf(b: Board, id: number): Stop | undefined {
  return b.data.stops.find((s) => s.id === id);
}

export function select(b: Board, stopId: number) {
  b.selected = stopId;
  b.renderDetails();
}

/** Draws the plan again from the server (after an undo or redo, or a stale revision). */
export async function reloadBoard(b: Board) {
  b.data = await loadPlan(b.plan.id);
  b.calendar?.batchRendering(() => {
    b.calendar?.removeAllEvents();
    for (const ev of b.allEvents()) b.calendar?.addEvent(ev);
  });
  b.renderUnserved();
  b.renderDetails();
  b.changed();
}

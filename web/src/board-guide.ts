// While a stay is dragged on the board (issue 12): the days it may start on, drawn on the row under
// the pointer, and the stays in the way of where it is now highlighted. The days come from the
// server (GET …/stops/:stopId/feasible-starts: the checked edit's own rules); nothing here judges a
// day. Drawn in a layer of our own over the calendar, never as calendar events: a change to
// FullCalendar's event store re-renders the whole timeline (a quarter second at 3,600 stays), and
// the overlay follows the pointer. Used by the board page and its benchmark.
import type { FeasibleStarts } from '../../server/contract/guidance.js';
import { addDays, daysBetween } from './dates.js';

export type StartRows = FeasibleStarts['rows'];
type Run = StartRows[number]['runs'][number];

/** The day columns of the timeline's body: the first one's date and where a day's column is. */
function dayAxis(calEl: HTMLElement) {
  // The body's day slots are the tallest elements carrying a date (the header's are short).
  const dated = [...calEl.querySelectorAll<HTMLElement>('[data-date]')];
  const tallest = Math.max(...dated.map((e) => e.offsetHeight));
  const slots = dated.filter((e) => e.offsetHeight === tallest);
  const first = slots[0];
  if (!first?.dataset.date) return null;
  const firstDate = first.dataset.date.slice(0, 10);
  return {
    left: () => first.getBoundingClientRect().left,
    width: first.getBoundingClientRect().width,
    dayAt(x: number) {
      return addDays(firstDate, Math.floor((x - this.left()) / this.width));
    },
    xOf(day: string) {
      return this.left() + daysBetween(firstDate, day) * this.width;
    },
  };
}

/** The board row under a point, with its name cell's box (top, height, and where the day columns begin). */
function rowAt(calEl: HTMLElement, x: number, y: number) {
  const hit = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-resource-id]');
  if (!hit || !calEl.contains(hit)) return null;
  const id = hit.dataset.resourceId!;
  const cells = [...calEl.querySelectorAll<HTMLElement>(`[data-resource-id="${CSS.escape(id)}"]`)].map((e) => e.getBoundingClientRect());
  const name = cells.reduce((a, r) => (r.left < a.left ? r : a));
  return { id, top: name.top, height: name.height, daysFrom: name.right };
}

export interface DragGuide {
  /** The stays highlighted as in the way now. */
  readonly blocking: ReadonlySet<number>;
  stop(): void;
}

/**
 * Starts guiding one drag: `startsOn` is the dragged stay's first day, `pointer` where the drag began
 * (its day there fixes which day of the stay the pointer holds); `rows` arrive when the server answers.
 */
export function guideDrag(calEl: HTMLElement, startsOn: string, pointer: { x: number; y: number }, rows: Promise<StartRows | null>): DragGuide {
  const layer = document.createElement('div');
  layer.className = 'rove-guide-layer';
  layer.setAttribute('aria-hidden', 'true');
  document.body.append(layer);
  const axis = dayAxis(calEl);
  const grab = axis ? daysBetween(startsOn, axis.dayAt(pointer.x)) : 0;
  let byRow: Map<string, Run[]> | null = null;
  let { x, y } = pointer;
  let frame = 0;
  let stopped = false;
  const blocking = new Set<number>();

  const highlight = (ids: number[]) => {
    const next = new Set(ids);
    for (const id of blocking) if (!next.has(id)) for (const el of calEl.querySelectorAll(`[data-stop-id="${id}"]`)) el.classList.remove('rove-in-the-way');
    for (const id of next) for (const el of calEl.querySelectorAll(`[data-stop-id="${id}"]`)) el.classList.add('rove-in-the-way');
    blocking.clear();
    for (const id of next) blocking.add(id);
  };

  const draw = () => {
    frame = 0;
    if (stopped || !byRow || !axis) return;
    const row = rowAt(calEl, x, y);
    const runs = row ? (byRow.get(row.id) ?? []) : [];
    const box = calEl.getBoundingClientRect();
    const ok = row ? runs.filter((r) => r.ok) : [];
    while (layer.childElementCount < ok.length) layer.append(Object.assign(document.createElement('div'), { className: 'rove-feasible' }));
    while (layer.childElementCount > ok.length) layer.lastElementChild!.remove();
    ok.forEach((r, i) => {
      const el = layer.children[i] as HTMLElement;
      const left = Math.max(row!.daysFrom, axis.xOf(r.from));
      const right = Math.min(box.right, axis.xOf(addDays(r.to, 1)));
      el.hidden = right <= left;
      el.style.cssText = `left:${left}px;top:${row!.top}px;width:${Math.max(0, right - left)}px;height:${row!.height}px`;
      el.dataset.from = r.from;
      el.dataset.to = r.to;
    });
    layer.dataset.row = row?.id ?? '';
    const start = addDays(axis.dayAt(x), -grab);
    const here = runs.find((r) => r.from <= start && start <= r.to);
    highlight(here && !here.ok ? here.stopIds : []);
  };
  const onMove = (e: PointerEvent) => {
    x = e.clientX;
    y = e.clientY;
    if (!frame) frame = requestAnimationFrame(draw);
  };
  document.addEventListener('pointermove', onMove, { passive: true });
  void rows
    .then((answer) => {
      if (!answer || stopped) return;
      byRow = new Map(answer.map((r) => [r.row, r.runs]));
      layer.dataset.ready = 'true';
      draw();
    })
    .catch(() => undefined);

  return {
    blocking,
    stop() {
      stopped = true;
      document.removeEventListener('pointermove', onMove);
      if (frame) cancelAnimationFrame(frame);
      highlight([]);
      layer.remove();
    },
  };
}

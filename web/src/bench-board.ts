// The planning board with synthetic data, for bench/web-board.ts (not part of the app's build):
// 60 vehicles, 20 roving sets, 3,600 stops over a year. window.runBoardBench() renders it and
// reports how long until the events are painted, a zoom change, scroll frames and a moved stop.
import { createBoard, replaceEvent, setRow, stopEvent, vehicleRow, zoomView, type BoardResource, type Zoom } from './board-calendar.js';
import { guideDrag, type DragGuide, type StartRows } from './board-guide.js';
import { addDays } from './dates.js';
import type { Stop } from './types.js';

interface BenchResult {
  zoom: Zoom;
  renderMs: number;
  eventEls: number;
  zoomToYearMs: number;
  scrollFrameMs: number[];
  moveMs: number;
}

function synthetic(vehicles: number, sets: number, stopsTotal: number) {
  const centres = ['贵阳中心', '毕节分中心', '凯里分中心'];
  const resources: BoardResource[] = [];
  for (let v = 1; v <= vehicles; v++) resources.push({ id: vehicleRow(v), title: `KP-${String(v).padStart(2, '0')} 科普大篷车`, centre: centres[v % 3]!, order: 0 });
  for (let s = 1; s <= sets; s++) resources.push({ id: setRow(1000 + s), title: `RM-${String(s).padStart(2, '0')} 流动科技馆`, centre: centres[s % 3]!, order: 1 });
  const perVehicle = Math.floor(stopsTotal / vehicles);
  const stops: Stop[] = [];
  let id = 1;
  for (let v = 1; v <= vehicles; v++) {
    let d = addDays('2027-01-04', v % 5);
    for (let k = 0; k < perVehicle; k++) {
      const len = 1 + ((v + k) % 3);
      const roving = v <= sets && k % 10 === 0;
      stops.push({
        id: id++, planId: 1, tourId: v, seq: k + 1, vehicleId: v, exhibitSetId: roving ? 1000 + v : 2000 + v, venueId: (v * 7 + k) % 88,
        requestId: null, startsOn: d, opensOn: d, closesOn: addDays(d, len - 1), endsOn: addDays(d, len - 1),
        status: 'planned', pinned: false, arrivedAt: null, completedAt: null,
      } as Stop);
      d = addDays(d, len + 3 + ((v * k) % 3));
    }
  }
  return { resources, stops };
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));

async function run(zoom: Zoom = 'quarter'): Promise<BenchResult> {
  const el = document.getElementById('board')!;
  el.replaceChildren();
  const { resources, stops } = synthetic(60, 20, 3600);
  const tiers = ['key', 'former_poverty', 'other'] as const;
  const events = stops.map((s) =>
    stopEvent({ stop: s, venue: { name: `县科技馆 ${s.venueId}`, countyName: `县 ${s.venueId}`, priorityTier: tiers[s.venueId % 3]! }, set: { name: 'set', kind: s.exhibitSetId >= 2000 ? 'caravan_kit' : 'roving_museum' } }, true),
  );
  const t0 = performance.now();
  const cal = createBoard({ el, locale: 'zh-CN', resources, events, zoom, initialDate: '2027-01-01', today: '2027-01-01', resourceHeader: '车辆 / 展品', height: 900 });
  await frame();
  await frame();
  const renderMs = performance.now() - t0;
  const eventEls = el.querySelectorAll('.rove-event').length;

  const t1 = performance.now();
  cal.changeView(zoomView('year'));
  await frame();
  await frame();
  const zoomToYearMs = performance.now() - t1;

  // Scroll the body across the year and down the rows, timing each step to its next frame.
  const scrollers = [...el.querySelectorAll<HTMLElement>('*')].filter((e) => e.scrollWidth > e.clientWidth + 50 || e.scrollHeight > e.clientHeight + 50);
  const body = scrollers.sort((a, b) => b.scrollWidth * b.scrollHeight - a.scrollWidth * a.scrollHeight)[0];
  const scrollFrameMs: number[] = [];
  if (body) {
    for (let i = 1; i <= 20; i++) {
      const s = performance.now();
      body.scrollLeft = (body.scrollWidth * i) / 20;
      body.scrollTop = (body.scrollHeight * (i % 5)) / 5;
      body.dispatchEvent(new Event('scroll'));
      await frame();
      scrollFrameMs.push(performance.now() - s);
    }
  }

  // What a drop costs on the client once the server answers: the stop is replaced by the server's
  // version (three days later) in one batched render, as the board page does.
  const moved = stops[1799]!;
  const next = { ...moved, startsOn: addDays(moved.startsOn, 3), opensOn: addDays(moved.opensOn, 3), closesOn: addDays(moved.closesOn, 3), endsOn: addDays(moved.endsOn, 3) };
  const t2 = performance.now();
  replaceEvent(cal, String(moved.id), stopEvent({ stop: next, venue: { name: 'x', countyName: 'x', priorityTier: 'key' }, set: { name: 'set', kind: 'caravan_kit' } }, true));
  await frame();
  await frame();
  const moveMs = performance.now() - t2;
  cal.destroy();
  return { zoom, renderMs, eventEls, zoomToYearMs, scrollFrameMs, moveMs };
}

let guide: DragGuide | undefined;

/** What the server would answer for a dragged stay: on every row, a week free then a week taken (blocked by the row's first stay). */
function syntheticStarts(resources: BoardResource[], stops: Stop[]): StartRows {
  return resources.map((r) => {
    const runs = [];
    for (let week = 0; week < 52; week++) {
      const from = addDays('2027-01-04', week * 7);
      runs.push({ from, to: addDays(from, 6), ok: week % 2 === 0, stopIds: week % 2 === 0 ? [] : [stops[week * 60]!.id], kinds: week % 2 === 0 ? [] : ['overlap_vehicle'] });
    }
    return { row: r.id, vehicleId: 1, runs };
  });
}

/** Leaves a board on the page for a real mouse drag from the bench script; reports drops. */
async function mount(zoom: Zoom = 'year') {
  const el = document.getElementById('board')!;
  el.replaceChildren();
  const { resources, stops } = synthetic(60, 20, 3600);
  const events = stops.map((s) => stopEvent({ stop: s, venue: { name: `县科技馆 ${s.venueId}`, countyName: '', priorityTier: 'other' }, set: { name: 'set', kind: 'caravan_kit' } }, true));
  const w = window as unknown as { drops: number[] };
  w.drops = [];
  createBoard({
    el,
    locale: 'zh-CN',
    resources,
    events,
    zoom,
    initialDate: '2027-01-01',
    today: '2027-01-01',
    resourceHeader: '车辆 / 展品',
    height: 900,
    handlers: {
      onDrop: () => requestAnimationFrame(() => requestAnimationFrame(() => w.drops.push(performance.now()))),
      // The board's guidance on (issue 12): the feasible days of the row under the pointer and the stays in the way.
      onDragStart: (info) => {
        const e = info.jsEvent as MouseEvent;
        guide = guideDrag(el, info.event.startStr.slice(0, 10), { x: e.clientX, y: e.clientY }, Promise.resolve(syntheticStarts(resources, stops)));
      },
      onDragStop: () => guide?.stop(),
    },
  });
  await frame();
  await frame();
}

Object.assign(window, { runBoardBench: run, mountBoard: mount, nextFrame: frame });
document.title = 'ready';

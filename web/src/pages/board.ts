// Coordinator: the planning board. Drag, resize or re-row a stop and the server checks the edit;
// on a broken rule the stop snaps back with the reasons beside it; a stale revision reloads the plan.
// A draft shows what publishing it changes on the timeline (board-changes.ts).
import type { EventInput } from 'fullcalendar';
import { keyboardScrollers } from '../a11y.js';
import type { Page } from '../app.js';
import { createBoard, replaceEvent, setRow, stopEvent, vehicleRow, type BoardResource } from '../board-calendar.js';
import { defaultPlan, loadCatalogue, loadPlan, loadPlans, type Catalogue } from '../data.js';
import * as clock from '../clock.js';
import { h, mount } from '../dom.js';
import { locale, t } from '../i18n.js';
import type { PlanSummary, Stop } from '../types.js';
import { changesLegend, contextEvents, draftChanges, loadDraftBasis, markChange, renderRemoved, type DraftChanges } from './board-changes.js';
import { select, type Board } from './board-context.js';
import { showLoans } from './board-loans.js';
import { onDragStart, onDragStop, onDrop, onReceive, onResize } from './board-edits.js';
import { clearMessage } from './board-message.js';
import { renderDetails, renderUnserved, unservedDraggable } from './board-side.js';
import { findBar, findStateOf } from './board-find.js';
import { boardToolbar, zoomOf } from './board-toolbar.js';
import { boardUndo } from './board-undo.js';

/** Rows: every vehicle, and every roving-museum set (a set's own row shows where it stands), by centre. */
function resourcesOf(cat: Catalogue): BoardResource[] {
  const centreName = new Map(cat.centres.map((c) => [c.id, c.name]));
  return [
    ...cat.vehicles.map((v) => ({ id: vehicleRow(v.id), title: v.name, centre: centreName.get(v.homeCentreId) ?? '', order: 0 })),
    ...cat.sets
      .filter((s) => s.kind === 'roving_museum')
      .map((s) => ({ id: setRow(s.id), title: `${s.code} ${s.name}`, centre: centreName.get(s.homeCentreId) ?? '', order: 1 })),
  ];
}

/** The board's state and parts for one plan. */
function boardOf(root: HTMLElement, plan: PlanSummary, data: Board['data'], cat: Catalogue): Board {
  const b: Board = {
    plan,
    data,
    cat,
    calendar: null,
    selected: null,
    editable: plan.status === 'draft' || plan.status === 'published',
    venueById: new Map(cat.venues.map((v) => [v.id, v])),
    setById: new Map(cat.sets.map((s) => [s.id, s])),
    vehicleById: new Map(cat.vehicles.map((v) => [v.id, v])),
    root,
    calEl: h('div', { class: 'board-cal' }),
    status: h('p', { class: 'status board-status', role: 'status', 'aria-live': 'polite' }),
    alertBox: h('div', { class: 'board-alert', role: 'alert' }),
    details: h('section', { class: 'panel stop-details', 'aria-label': t('legs') }),
    unservedList: h('ul', { class: 'unserved-list' }),
    eventsOf: (stops: Stop[]) => stops.filter((s) => s.status !== 'cancelled').map((s) => stopEvent({ stop: s, venue: b.venueById.get(s.venueId), set: b.setById.get(s.exhibitSetId) }, b.editable)),
    allEvents: () => b.eventsOf(b.data.stops),
    renderDetails: () => renderDetails(b),
    renderUnserved: () => renderUnserved(b),
    changed: () => undefined,
  };
  return b;
}

/** Gives a draft's board its change highlights, ghosts and surroundings, and keeps them current after edits. */
function withChanges(b: Board, first: DraftChanges | null, removedBox: HTMLElement) {
  let changes = first;
  const plain = b.eventsOf;
  b.eventsOf = (stops) => plain(stops).map((ev) => markChange(ev, changes?.kinds.get(Number(ev.id))));
  b.allEvents = () => [...b.eventsOf(b.data.stops), ...contextEvents(b, changes)];
  renderRemoved(removedBox, changes);
  if (!changes) return;
  let seq = 0;
  b.changed = () => {
    const mine = ++seq;
    void loadDraftBasis(b.plan, changes?.live)
      .then((basis) => {
        const next = draftChanges(b.plan, b.data.stops, basis);
        if (mine !== seq || !next || !b.calendar) return;
        const before = changes;
        changes = next;
        const cal = b.calendar;
        cal.batchRendering(() => {
          // Only the stops whose kind of change differs now, and the ghosts, are drawn again.
          for (const s of b.data.stops) if (before?.kinds.get(s.id) !== next.kinds.get(s.id)) replaceEvent(cal, String(s.id), b.eventsOf([s])[0]);
          for (const ev of cal.getEvents()) if (ev.id.startsWith('removed-')) ev.remove();
          for (const ev of contextEvents(b, next)) if (String(ev.id).startsWith('removed-')) cal.addEvent(ev);
        });
        renderRemoved(removedBox, next);
      })
      .catch(() => undefined);
  };
}

export const boardPage: Page = async (root, ctx, params) => {
  const [plans, cat] = await Promise.all([loadPlans(ctx.regionId), loadCatalogue(ctx.regionId)]);
  const chosen = plans.find((p) => p.id === Number(params.get('plan'))) ?? defaultPlan(plans);
  if (!chosen) {
    mount(root, h('h1', null, t('boardTitle')), h('p', null, t('noPlans')), h('a', { href: '#/runs' }, t('navRuns')));
    return;
  }
  const today = clock.today();
  const zoom = zoomOf(params);
  let diffFailed = '';
  const [data, basis] = await Promise.all([
    loadPlan(chosen.id),
    loadDraftBasis(chosen).catch((err: unknown) => {
      diffFailed = t('diffLoadFailed', { message: (err as Error).message });
      return null;
    }),
  ]);
  const b = boardOf(root, chosen, data, cat);
  b.status.textContent = diffFailed;
  const changes = draftChanges(chosen, data.stops, basis);
  const removedBox = h('section', { class: 'panel removed-stays', 'aria-live': 'polite' });
  withChanges(b, changes, removedBox);
  const undo = b.editable ? boardUndo(b) : null; // undo and redo (issue 12), in the toolbar below
  const resources = resourcesOf(cat);
  const findState = findStateOf(params);
  const find = findBar(b, resources, findState);

  mount(
    root,
    h(
      'div',
      { class: 'board-page' },
      // Shown on a phone only (styles.css): the board wants a wider screen; requests and notices do not.
      h('p', { class: 'board-narrow', role: 'note' }, t('boardWantsWider'), ' ', h('a', { href: '#/requests' }, t('boardWantsWiderLink'))),
      boardToolbar({ ctx, plans, chosen, zoom, calendar: () => b.calendar, extraLegend: changes ? changesLegend() : null }),
      find.el,
      b.status,
      h(
        'div',
        { class: 'board-body' },
        b.calEl,
        h(
          'aside',
          { class: 'board-side' },
          b.alertBox,
          b.details,
          removedBox,
          h('section', { class: 'panel unserved', 'aria-labelledby': 'unserved-h' }, h('h2', { id: 'unserved-h' }, t('unservedTitle')), h('p', { class: 'hint' }, t('unservedHint')), b.unservedList),
        ),
      ),
    ),
  );

  const inHorizon = today >= chosen.horizonStart && today <= chosen.horizonEnd;
  const initialDate = params.get('date') ?? (inHorizon ? `${today.slice(0, 7)}-01` : chosen.horizonStart);
  const events: EventInput[] = b.allEvents();
  b.calendar = createBoard({
    el: b.calEl,
    locale: locale(),
    resources,
    events,
    zoom,
    initialDate,
    today,
    resourceHeader: t('resources'),
    handlers: {
      onDrop: (info) => void onDrop(b, info),
      onResize: (info) => void onResize(b, info),
      onReceive: (info) => void onReceive(b, info),
      // Guided editing (issue 12): each action clears the last message; a drag shows where the stay may go.
      onClick: (id) => {
        clearMessage(b);
        select(b, id);
      },
      onDragStart: (info) => onDragStart(b, info),
      onDragStop,
      onResizeStart: () => clearMessage(b),
    },
    onEventMount: find.mark,
  });
  if (Object.values(findState).some(Boolean)) find.apply();
  const scrollers = keyboardScrollers(b.calEl);
  if (undo) root.querySelector('.board-toolbar')?.append(undo.el);
  root.querySelector<HTMLElement>('.board-page')!.dataset.ready = 'true';

  void showLoans(b.calendar, ctx.regionId); // lending between regions (issue 15): borrowed rows, loan days
  const draggable = unservedDraggable(b);
  b.renderUnserved();
  b.renderDetails();
  if (b.data.revision === null && !diffFailed) b.status.textContent = '';

  return () => {
    draggable.destroy();
    undo?.destroy();
    scrollers();
    b.calendar?.destroy();
    document.querySelectorAll('.rove-violations').forEach((e) => e.remove());
  };
};

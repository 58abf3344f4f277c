// A draft on the board against the region's timeline: the stays the draft adds, moves or
// reassigns are highlighted (a class and a mark each, with a legend), the stays it would remove
// stand as struck-through ghosts and in a side list, and the timeline's stays the draft does not
// hold (its history and everything outside its horizon) are shown around it, read only.
import type { EventInput } from 'fullcalendar';
import { get } from '../api.js';
import { setRow, stopEvent, vehicleRow } from '../board-calendar.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import type { PlanDiff, Stop } from '../types.js';
import type { Board } from './board-context.js';
import { changeClassOf, changeItem, loadDiff, removedSpan, type ChangeKind, type StayChange } from './board-diff.js';

/** A mark per kind of change, so a highlight does not rest on colour alone. */
const MARK: Record<ChangeKind, string> = { added: '＋', moved: '⇢', reassigned: '⇄', removed: '✕' };

export interface DraftChanges {
  kinds: Map<number, ChangeKind>;
  removed: StayChange[];
  /** The timeline's stays the draft does not hold, shown read only. */
  around: Stop[];
  /** The timeline's stays (an edit of the draft does not change them). */
  live: Stop[];
}

/** The timeline's stays the draft neither holds, changes nor removes. */
function aroundDraft(draft: Board['plan'], draftStops: Stop[], live: Stop[], diff: PlanDiff): Stop[] {
  const held = new Set<number>(draftStops.map((d) => d.sourceStopId).filter((x): x is number => x !== null));
  for (const k of ['moved', 'reassigned', 'removed'] as const) for (const c of diff[k]) if (c.stopId !== null) held.add(c.stopId);
  const requests = new Set(draftStops.map((d) => d.requestId).filter((x): x is number => x !== null));
  const places = new Set(draftStops.map((d) => `${d.venueId}|${d.startsOn}`));
  const inHorizon = (s: Stop) => s.startsOn >= draft.horizonStart && s.startsOn <= draft.horizonEnd;
  // A proposal the diff pairs with a stay of the same request (or place) inside the horizon is that stay.
  const twin = (s: Stop) => inHorizon(s) && ((s.requestId !== null && requests.has(s.requestId)) || places.has(`${s.venueId}|${s.startsOn}`));
  return live.filter((s) => s.status !== 'cancelled' && !held.has(s.id) && !twin(s));
}

/** What a draft is read against: its diff and the timeline's stays. */
export interface DraftBasis {
  diff: PlanDiff;
  live: Stop[];
}

/** Loads a draft's diff and its region's timeline; null for a plan that is not a draft. */
export async function loadDraftBasis(plan: Board['plan'], live?: Stop[]): Promise<DraftBasis | null> {
  if (plan.status !== 'draft') return null;
  const diff = await loadDiff(plan.id);
  if (live) return { diff, live };
  return { diff, live: diff.timelinePlanId === null ? [] : await get<Stop[]>(`/api/plans/${diff.timelinePlanId}/stops`) };
}

/** The board's view of a draft's changes. */
export function draftChanges(plan: Board['plan'], draftStops: Stop[], basis: DraftBasis | null): DraftChanges | null {
  if (!basis) return null;
  return { kinds: changeClassOf(basis.diff), removed: basis.diff.removed, around: aroundDraft(plan, draftStops, basis.live, basis.diff), live: basis.live };
}

/** A draft stop's event with its change's class and mark. */
export function markChange(ev: EventInput, kind: ChangeKind | undefined): EventInput {
  if (!kind) return ev;
  return { ...ev, title: `${MARK[kind]} ${String(ev.title ?? '')}`, className: `${String(ev.className ?? '')} rove-change rove-change-${kind}` };
}

/** The events around a draft: the timeline's other stays (read only) and the ghosts of those it removes. */
export function contextEvents(b: Board, changes: DraftChanges | null): EventInput[] {
  if (!changes) return [];
  const around = changes.around.map((s) => {
    const ev = stopEvent({ stop: s, venue: b.venueById.get(s.venueId), set: b.setById.get(s.exhibitSetId) }, false);
    return { ...ev, id: `timeline-${s.id}`, editable: false, className: `${String(ev.className)} rove-timeline` };
  });
  const ghosts = changes.removed.map((c): EventInput => {
    const p = c.before!;
    const set = b.setById.get(p.exhibitSetId);
    const rows = [vehicleRow(p.vehicleId), ...(set?.kind === 'roving_museum' ? [setRow(p.exhibitSetId)] : [])];
    const tier = b.venueById.get(p.venueId)?.priorityTier ?? 'other';
    return {
      id: `removed-${c.stopId}`,
      resourceIds: rows,
      ...removedSpan(c),
      allDay: true,
      title: t('removedGhost', { venue: `${MARK.removed} ${p.venueName}` }),
      editable: false,
      className: `rove-stop rove-tier-${tier} rove-ghost rove-change-removed`,
      extendedProps: { tier, county: p.countyName, setName: p.setCode },
    };
  });
  return [...around, ...ghosts];
}

/** The legend of the draft's highlights. */
export function changesLegend() {
  const kinds: ChangeKind[] = ['added', 'moved', 'reassigned', 'removed'];
  const label = { added: 'legendAdded', moved: 'legendMoved', reassigned: 'legendReassigned', removed: 'legendRemoved' } as const;
  return h(
    'ul',
    { class: 'legend legend-changes', 'aria-label': t('legendChanges') },
    kinds.map((k) => h('li', null, h('span', { class: `swatch rove-change-${k}` }), `${MARK[k]} ${t(label[k])}`)),
    h('li', null, h('span', { class: 'swatch rove-locked-swatch' }), t('legendFact')),
  );
}

/** The side list of the stays the draft would remove, with why. */
export function renderRemoved(box: HTMLElement, changes: DraftChanges | null) {
  box.hidden = !changes || changes.removed.length === 0;
  if (!changes) return box.replaceChildren();
  mount(box, h('h2', null, t('removedTitle', { n: changes.removed.length })), h('ul', { class: 'diff-list' }, changes.removed.map(changeItem)));
}

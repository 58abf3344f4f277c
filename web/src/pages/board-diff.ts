// What publishing a draft changes on the region's timeline, for the coordinator: the diff as a list
// (before and after, why), the publish button that says what it changes and who is told, and the
// decisions a publish that would move confirmed stays asks for (409 PUBLISH_CONFLICTS).
import { ApiError, get, post } from '../api.js';
import { addDays } from '../dates.js';
import { field, h, mount } from '../dom.js';
import { t, aside, formatDays, tk, locale } from '../i18n.js';
import type { PlanDiff } from '../types.js';

export type StayChange = PlanDiff['added'][number];
type Place = NonNullable<StayChange['before']>;
export type ChangeKind = StayChange['kind'];
export const CHANGE_KINDS: ChangeKind[] = ['added', 'moved', 'reassigned', 'removed'];

export function loadDiff(planId: number): Promise<PlanDiff> {
  return get<PlanDiff>(`/api/plans/${planId}/diff`);
}

/** A place in words: its days (set-up to tear-down), vehicle and set. */
function placeText(p: Place): string {
  return t('diffPlace', { days: formatDays(p.startsOn, p.endsOn), vehicle: p.vehicleName, set: p.setCode });
}

/** The open days inside a place, when they differ from its whole span. */
function openText(p: Place): string {
  return p.opensOn === p.startsOn && p.closesOn === p.endsOn ? '' : `${t('open')} ${formatDays(p.opensOn, p.closesOn)}`;
}

function placeCell(label: string, p: Place | null, cls: string) {
  if (!p) return null;
  const open = openText(p);
  return [h('dt', null, label), h('dd', { class: cls }, placeText(p), open ? h('small', { class: 'hint' }, ` (${open})`) : null)];
}

/** One change: the stay, before and after, why; a confirmed stay is marked as needing a decision. */
export function changeItem(c: StayChange) {
  const where = (c.after ?? c.before)!;
  return h(
    'li',
    {
      class: `diff-item diff-${c.kind}${c.needsDecision ? ' needs-decision' : ''}`,
      'data-kind': c.kind,
      'data-stop-id': c.stopId === null ? undefined : String(c.stopId),
      'data-draft-stop-id': c.draftStopId === null ? undefined : String(c.draftStopId),
    },
    h('span', { class: `badge diff-badge diff-${c.kind}` }, tk('diffKind', c.kind)),
    ' ',
    h('strong', null, where.venueName),
    where.countyName ? h('span', { class: 'hint' }, aside(where.countyName)) : null,
    c.needsDecision ? h('span', { class: 'decision-flag' }, ' ⚠ ', t('diffNeedsDecision')) : null,
    h(
      'dl',
      { class: 'diff-facts' },
      placeCell(t('diffBefore'), c.before, 'diff-before'),
      placeCell(t('diffAfter'), c.after, 'diff-after'),
      c.reason ? [h('dt', null, t('diffWhy')), h('dd', { class: 'diff-why' }, c.reason.text || c.reason.code)] : null,
    ),
  );
}

/** The counts of a diff in words, the kinds with none left out: "3 added, 2 moved, 1 removed". */
function countsText(diff: PlanDiff): string {
  const parts = CHANGE_KINDS.filter((k) => diff[k].length > 0).map((k) => t(`diffCount_${k}`, { n: diff[k].length }));
  return parts.join(locale() === 'zh-CN' ? '、' : ', ');
}

/** What the publish button does, in words: the changes and who will be told. */
export function publishLabel(diff: PlanDiff | null): string {
  if (!diff) return t('publish');
  const changes = countsText(diff);
  if (!changes) return t('publishNothing');
  return t('publishWhat', { changes, told: t('diffTold', { hosts: diff.notify.hosts, drivers: diff.notify.drivers }) });
}

/** The diff as a list, by kind; long lists of added stays start folded. */
export function diffView(diff: PlanDiff) {
  const total = CHANGE_KINDS.reduce((n, k) => n + diff[k].length, 0);
  return h(
    'div',
    { class: 'diff' },
    h('h3', null, t('diffTitle')),
    h('p', { class: 'hint' }, t('diffHorizon', { days: formatDays(diff.horizonStart, diff.horizonEnd) })),
    h('p', { class: 'diff-counts' }, CHANGE_KINDS.map((k) => t(`diffCount_${k}`, { n: diff[k].length })).join(' · ')),
    total === 0 ? h('p', null, t('diffNone')) : null,
    CHANGE_KINDS.filter((k) => diff[k].length > 0).map((k) =>
      h(
        'details',
        { class: `diff-group diff-group-${k}`, open: k !== 'added' || diff[k].length <= 30 },
        h('summary', null, t(`diffCount_${k}`, { n: diff[k].length })),
        h('ul', { class: 'diff-list' }, diff[k].map(changeItem)),
      ),
    ),
    diff.skipped.length
      ? h(
          'details',
          { class: 'diff-group diff-skipped' },
          h('summary', null, t('diffSkipped', { n: diff.skipped.length })),
          h('ul', null, diff.skipped.map((s) => h('li', null, s.reason.text || s.reason.code))),
        )
      : null,
  );
}

export interface PublishOptions {
  planId: number;
  diff: PlanDiff | null;
  /** Where success and the server's refusals are said. */
  msg: HTMLElement;
  /** Where the decisions a 409 asks for are laid out. */
  box: HTMLElement;
  onPublished: () => void;
}

/**
 * The publish button. A publish that would move or drop confirmed stays answers 409 with them: each
 * is shown with a reason field, and publishing again sends them back accepted with those reasons.
 */
export function publishButton(o: PublishOptions) {
  const btn = h('button', { type: 'button', class: 'primary publish-btn', 'data-plan-id': String(o.planId) }, publishLabel(o.diff));
  btn.addEventListener('click', () => void publish(o, btn, []));
  return btn;
}

async function publish(o: PublishOptions, btn: HTMLButtonElement, accept: { stopId: number; reason: string }[]) {
  btn.disabled = true;
  o.msg.classList.remove('error');
  try {
    await post(`/api/plans/${o.planId}/publish`, accept.length ? { accept } : {});
    o.box.replaceChildren();
    o.msg.textContent = t('published');
    o.onPublished();
  } catch (err) {
    btn.disabled = false;
    if (err instanceof ApiError && err.code === 'PUBLISH_CONFLICTS') {
      const conflicts = (err.details as { conflicts?: StayChange[] } | undefined)?.conflicts ?? [];
      o.msg.textContent = err.message;
      mount(o.box, decisionsForm(o, btn, conflicts));
      return;
    }
    o.msg.classList.add('error');
    o.msg.textContent = t('failed', { message: (err as Error).message });
  }
}

/** One reason field per confirmed stay the publish would change; submitting publishes with them accepted. */
function decisionsForm(o: PublishOptions, btn: HTMLButtonElement, conflicts: StayChange[]) {
  const inputs = conflicts.map((c) => ({
    stopId: c.stopId!,
    input: h('input', { type: 'text', required: true, maxlength: '500', class: 'decision-reason', 'data-stop-id': String(c.stopId) }),
    change: c,
  }));
  const problem = h('p', { class: 'error', role: 'alert' });
  return h(
    'form',
    {
      class: 'card publish-decisions',
      'data-plan-id': String(o.planId),
      onsubmit: (e: Event) => {
        e.preventDefault();
        const accept = inputs.map((i) => ({ stopId: i.stopId, reason: i.input.value.trim() }));
        if (accept.some((a) => !a.reason)) {
          problem.textContent = t('publishReasonMissing');
          return;
        }
        problem.textContent = '';
        void publish(o, btn, accept);
      },
    },
    h('p', null, t('conflictsTitle')),
    h(
      'ul',
      { class: 'diff-list' },
      inputs.map((i) => {
        const item = changeItem(i.change);
        const where = (i.change.before ?? i.change.after)!;
        item.append(field(t('conflictReason', { venue: where.venueName }), i.input));
        return item;
      }),
    ),
    problem,
    h('button', { type: 'submit', class: 'primary publish-accept' }, t('publishAccept')),
  );
}

/** The board's classes for a draft's stays the diff touches, by the draft's stop id. */
export function changeClassOf(diff: PlanDiff): Map<number, ChangeKind> {
  const m = new Map<number, ChangeKind>();
  for (const k of ['added', 'moved', 'reassigned'] as const) for (const c of diff[k]) if (c.draftStopId !== null) m.set(c.draftStopId, k);
  return m;
}

/** The days a removed stay leaves, as an all-day range (FullCalendar's end is exclusive). */
export function removedSpan(c: StayChange): { start: string; end: string } {
  const p = c.before!;
  return { start: p.startsOn, end: addDays(p.endsOn, 1) };
}

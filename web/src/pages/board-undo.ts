// The board's undo and redo (issue 12, point 3): two buttons and Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y). The
// server keeps each plan's stacks, so they survive a reload, and replays a step as a checked edit:
// a step the rules no longer allow is refused in words, and nothing changes. A stay added to a draft
// (by hand or from the unserved list) is undone too: it leaves the board, its request returns to the list.
import type { UndoResult, UndoStacks } from '../../../server/contract/undo.js';
import { ApiError, call, get } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import type { Violation } from '../types.js';
import { reloadBoard, select, type Board } from './board-context.js';

type Direction = 'undo' | 'redo';

/** A text field has its own undo: the board's shortcut leaves it alone. */
const ownsUndo = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/** The undo and redo buttons of a board that takes edits; `destroy` drops the keyboard shortcut. */
export function boardUndo(b: Board) {
  let stacks: UndoStacks = { undo: 0, redo: 0 };
  let busy = false;
  const button = (d: Direction, keys: string, label: string) =>
    h('button', { type: 'button', class: `${d}-btn`, disabled: true, title: t(d === 'undo' ? 'undoHint' : 'redoHint'), 'aria-keyshortcuts': keys, onclick: () => void run(d) }, label);
  const undoBtn = button('undo', 'Control+Z Meta+Z', `↶ ${t('undo')}`);
  const redoBtn = button('redo', 'Control+Shift+Z Control+Y Meta+Shift+Z', `${t('redo')} ↷`);
  const show = (next: UndoStacks) => {
    stacks = next;
    undoBtn.disabled = busy || !next.undo;
    redoBtn.disabled = busy || !next.redo;
  };
  const refresh = async () => {
    try {
      show(await get<UndoStacks>(`/api/plans/${b.plan.id}/undo`));
    } catch {
      show({ undo: 0, redo: 0 });
    }
  };

  async function run(d: Direction) {
    if (busy || !(d === 'undo' ? stacks.undo : stacks.redo)) return;
    busy = true;
    show(stacks);
    b.alertBox.replaceChildren();
    b.status.textContent = t('editSaving');
    try {
      const headers: Record<string, string> = b.data.revision === null ? {} : { 'if-match': `"${b.data.revision}"` };
      const { body } = await call<UndoResult>(`/api/plans/${b.plan.id}/${d}`, { method: 'POST', body: {}, headers });
      busy = false;
      show(body.stacks);
      // An undone add leaves the board (its request back in the unserved list): nothing to select then.
      const gone = body.stop.status === 'cancelled';
      if (gone && b.selected === body.stop.id) b.selected = null;
      await reloadBoard(b);
      const venue = b.venueById.get(body.stop.venueId)?.name ?? '';
      const words = body.kind === 'add' ? (d === 'undo' ? 'undoAddDone' : 'redoAddDone') : d === 'undo' ? 'undoDone' : 'redoDone';
      b.status.textContent = t(words, { venue, startsOn: body.stop.startsOn, endsOn: body.stop.endsOn });
      b.calendar?.gotoDate(body.stop.startsOn);
      if (!gone) select(b, body.stop.id);
    } catch (err) {
      busy = false;
      refused(d, err);
      if (err instanceof ApiError && err.code === 'PLAN_REVISION_STALE') await reloadBoard(b);
      await refresh();
    }
  }

  function refused(d: Direction, err: unknown) {
    const violations = err instanceof ApiError ? (((err.details as { violations?: Violation[] } | undefined)?.violations ?? []) as Violation[]) : [];
    const items = violations.length ? violations.map((v) => v.message) : [(err as Error).message];
    const head = t(d === 'undo' ? 'undoRefused' : 'redoRefused');
    mount(b.alertBox, h('div', { class: 'violations-box undo-refused' }, h('p', null, head), h('ul', null, items.map((m) => h('li', null, m)))));
    b.status.textContent = `${head} ${items.join('；')}`;
  }

  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || ownsUndo(e.target)) return;
    const key = e.key.toLowerCase();
    const d: Direction | null = key === 'z' ? (e.shiftKey ? 'redo' : 'undo') : key === 'y' && !e.shiftKey ? 'redo' : null;
    if (!d) return;
    e.preventDefault();
    void run(d);
  };
  document.addEventListener('keydown', onKey);
  // Every accepted edit (a drag, a resize, the side panel's form) changes the stacks.
  const changed = b.changed;
  b.changed = () => {
    changed();
    void refresh();
  };
  void refresh();
  return {
    el: h('div', { class: 'segmented board-undo', role: 'group', 'aria-label': t('undoGroup') }, undoBtn, redoBtn),
    destroy: () => document.removeEventListener('keydown', onKey),
  };
}

import type { Locale } from './locale.js';
import { requestStatusWord, stayStatusWord } from './status-words.js';

type Message = Record<Locale, (p: Record<string, unknown>) => string>;

/** The board's undo and redo refusals (issue 12), merged into messages.ts. */
export const undoMessages: Record<string, Message> = {
  UNDO_STACK_EMPTY: {
    'zh-CN': () => '没有可以撤销的修改。',
    en: () => 'There is no edit to undo.',
  },
  REDO_STACK_EMPTY: {
    'zh-CN': () => '没有可以重做的修改。',
    en: () => 'There is no undone edit to redo.',
  },
  UNDO_STAY_CHANGED: {
    'zh-CN': (p) => `这个站点之后已被其他方式改动（现为 ${p.startsOn ?? '?'} 至 ${p.endsOn ?? '?'}），不能再撤销或重做这一步。`,
    en: (p) => `This stay was changed by other means since (now ${p.startsOn ?? '?'} to ${p.endsOn ?? '?'}); that step can no longer be undone or redone.`,
  },
  UNDO_STAY_NOT_PLANNED: {
    'zh-CN': (p) => `这个新增的站点现为“${stayStatusWord(p, true)}”，撤销不会把它从草案中移除。`,
    en: (p) => `This added stay is ${stayStatusWord(p, false)} now, so undo does not take it off the draft.`,
  },
  UNDO_REQUEST_CHANGED: {
    'zh-CN': (p) => `这个站点所服务的申请之后已变为“${requestStatusWord(p, true)}”，撤销不会再改动它。`,
    en: (p) => `The request this stay serves is ${requestStatusWord(p, false)} now, so undo no longer changes it.`,
  },
};

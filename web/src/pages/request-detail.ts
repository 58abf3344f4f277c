// One request in the coordinator's inbox: what was asked, its status and reason in words, every step
// of its history, and approve / decline for it alone (the inbox's one message area tells the answer).
import { get } from '../api.js';
import { h, mount } from '../dom.js';
import { formatDays, formatInstant, formatNumber, locale, t, tk } from '../i18n.js';
import type { ExhibitSet, VisitRequest, VisitRequestDetail } from '../types.js';
import { statusBadge } from './host-requests.js';

export type Decision = 'approve' | 'decline';

/** The tier of a request's county in words. */
export const tierText = (tier: VisitRequest['priorityTier']) => t(tier === 'key' ? 'keyCounty' : tier === 'former_poverty' ? 'formerPoverty' : 'otherCounty');

/** A request named as a person would: its venue and county. */
export const requestName = (r: Pick<VisitRequest, 'venueName' | 'countyName'>) => t('detailTitle', { venue: r.venueName, county: r.countyName });

/** Joins names in the UI's language (、 in Chinese). */
export const listOf = (names: string[]) => names.join(locale() === 'zh-CN' ? '、' : ', ');

function historyItem(e: VisitRequestDetail['history'][number]) {
  const at = formatInstant(e.at);
  const note = typeof e.reason?.params?.note === 'string' && e.reason.params.note ? e.reason.params.note : '';
  return h(
    'li',
    { class: 'history-step', dataset: { to: e.toStatus } },
    e.fromStatus === null ? t('historyCreated', { at }) : t('historyStep', { at, from: tk('requestStatus', e.fromStatus), to: tk('requestStatus', e.toStatus) }),
    note ? [h('br'), h('small', null, t('historyNote', { note }))] : null,
  );
}

/**
 * Draws request `id` into `box`; `decide` is the inbox's own approve / decline (it checks the reason
 * and reports the answer), `close` hides the panel.
 */
export async function showRequest(box: HTMLElement, id: number, sets: ExhibitSet[], decide: (ids: number[], action: Decision, reason: string, reasonField: HTMLTextAreaElement) => void, close: () => void) {
  box.hidden = false;
  // Another request opened while this one loads is the one drawn, whichever answer comes first.
  box.dataset.requestId = String(id);
  const latest = () => box.dataset.requestId === String(id);
  mount(box, h('p', { class: 'hint' }, t('loading')));
  let d: VisitRequestDetail;
  try {
    d = await get<VisitRequestDetail>(`/api/requests/${id}`);
  } catch (err) {
    if (!latest()) return;
    mount(box, h('p', { class: 'error', role: 'alert' }, t('detailFailed', { message: (err as Error).message })), h('button', { type: 'button', class: 'secondary', onclick: close }, t('detailClose')));
    return;
  }
  if (!latest()) return;
  const set = d.exhibitSetId ? sets.find((s) => s.id === d.exhibitSetId) : undefined;
  const reason = h('textarea', { id: 'detail-reason', rows: 2, maxlength: 500 });
  const canApprove = d.status === 'requested';
  const canDecline = d.status === 'requested' || d.status === 'approved' || d.status === 'unserved';
  const fact = (label: string, ...value: (Node | string)[]) => [h('dt', null, label), h('dd', null, ...value)];
  mount(
    box,
    h('h2', { id: 'detail-h', tabindex: '-1' }, requestName(d)),
    h(
      'dl',
      { class: 'facts' },
      fact(t('status'), statusBadge(d.status)),
      fact(t('filterTier'), tierText(d.priorityTier)),
      fact(t('requestedKind'), tk('setKind', d.setKind)),
      fact(t('requestedSet'), set ? set.name : d.theme ? d.theme : t('anySet')),
      fact(t('window'), formatDays(d.windowStart, d.windowEnd)),
      fact(t('openDays'), String(d.openDays)),
      fact(t('expectedAudience'), formatNumber(d.expectedAudience)),
      d.notes ? fact(t('notes'), d.notes) : null,
      fact(t('submittedOn'), formatInstant(d.createdAt)),
    ),
    d.reasonText ? h('p', { class: 'request-reason' }, t('currentReason', { reason: d.reasonText })) : null,
    h('h3', null, t('historyTitle')),
    h('ol', { class: 'request-history' }, d.history.map(historyItem)),
    canApprove || canDecline
      ? h(
          'div',
          { class: 'detail-actions' },
          canDecline ? h('div', { class: 'field' }, h('label', { for: reason.id }, t('declineReason')), reason) : null,
          canApprove ? h('button', { type: 'button', class: 'primary', onclick: () => decide([d.id], 'approve', '', reason) }, t('approveThis')) : null,
          ' ',
          canDecline ? h('button', { type: 'button', class: 'danger', onclick: () => decide([d.id], 'decline', reason.value, reason) }, t('declineThis')) : null,
        )
      : null,
    h('p', null, h('button', { type: 'button', class: 'secondary', onclick: close }, t('detailClose'))),
  );
}

import type { Locale } from './locale.js';
import { reasonText } from './reasons.js';

type Params = Record<string, unknown>;

const statusZh: Record<string, string> = {
  requested: '已提交',
  approved: '已批准',
  scheduled: '已排期',
  confirmed: '已确认',
  completed: '已完成',
  declined: '未批准',
  cancelled: '已取消',
  unserved: '未能安排',
};
const dates = (d: unknown) => {
  const x = (d ?? {}) as { startsOn?: string; endsOn?: string };
  return `${x.startsOn ?? '?'} – ${x.endsOn ?? '?'}`;
};

/** A notification in words, from its kind and parameters (stored as data, worded when read). */
export function noticeText(kind: string, p: Params, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (kind) {
    case 'request_created':
      return zh ? `${p.venueName ?? '展点'}提交了新的展览申请（#${p.requestId}）。` : `${p.venueName ?? 'A venue'} sent a new visit request (#${p.requestId}).`;
    case 'request_status': // written by publishing a plan (server/db/queries/planning.ts)
    case 'request_status_changed': {
      const to = String(p.to ?? p.status);
      const venue = p.venueName ? (zh ? `（${p.venueName}）` : ` (${p.venueName})`) : '';
      const base = zh ? `申请 #${p.requestId}${venue}状态：${statusZh[to] ?? to}。` : `Request #${p.requestId}${venue} is now ${to}.`;
      const reason = p.reason as { code: string; params?: Params } | undefined;
      const when = p.startsOn ? (zh ? `展期 ${dates(p)}。` : `Dates: ${dates(p)}.`) : '';
      return [base, when, reason ? reasonText(reason, locale) : ''].filter(Boolean).join(' ');
    }
    case 'stop_dates_changed':
      return zh
        ? `展点的展期已调整：原 ${dates(p.before)}，现 ${dates(p.after)}。`
        : `The dates of a visit changed: was ${dates(p.before)}, now ${dates(p.after)}.`;
    case 'itinerary_changed':
      return zh ? `您的行程有变动：站点 #${p.stopId} 现为 ${dates(p.after)}。` : `Your itinerary changed: stop #${p.stopId} is now ${dates(p.after)}.`;
    case 'stop_cancelled':
      return zh ? `站点 #${p.stopId} 已取消，请查看最新行程。` : `Stop #${p.stopId} was cancelled; check your itinerary.`;
    case 'stop_arrived':
      return zh ? `车辆已到达站点 #${p.stopId}。` : `The crew arrived at stop #${p.stopId}.`;
    case 'stop_completed':
      return zh ? `站点 #${p.stopId} 已完成。` : `Stop #${p.stopId} is done.`;
    default:
      return zh ? `通知：${kind}` : `Notice: ${kind}`;
  }
}

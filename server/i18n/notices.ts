import type { Locale } from './locale.js';
import { reasonText } from './reasons.js';
import { requestStatusWord } from './status-words.js';

type Params = Record<string, unknown>;

const dates = (d: unknown) => {
  const x = (d ?? {}) as { startsOn?: string; endsOn?: string };
  return `${x.startsOn ?? '?'} – ${x.endsOn ?? '?'}`;
};

/** The names services/notice-names.ts added (issue 12: a notice names venue, vehicle and days, not ids). */
type Named = { venueName?: string; countyName?: string; vehicleName?: string; startsOn?: string; endsOn?: string; windowStart?: string; windowEnd?: string };
const namedOf = (p: Params) => (p.named ?? {}) as Named;
/** The venue, with its county when known: "展点（县）" / "Venue (County)"; empty when unknown. */
const venueWords = (n: Named, zh: boolean) => (n.venueName ? (n.countyName ? (zh ? `${n.venueName}（${n.countyName}）` : `${n.venueName} (${n.countyName})`) : n.venueName) : '');
/** The stay: its venue, vehicle and days as far as known. */
function stayWords(p: Params, zh: boolean, days: unknown = p.named): string {
  const n = namedOf(p);
  const d = (days ?? {}) as { startsOn?: string; endsOn?: string };
  const when = d.startsOn ? (zh ? `${d.startsOn} 至 ${d.endsOn ?? '?'}` : `${d.startsOn} to ${d.endsOn ?? '?'}`) : '';
  const extra = [n.vehicleName, when].filter(Boolean).join(zh ? '，' : ', ');
  const venue = venueWords(n, zh) || (zh ? '站点' : 'a stop');
  return extra ? (zh ? `${venue}（${extra}）` : `${venue} (${extra})`) : venue;
}

/** A notification in words, from its kind and parameters (stored as data, worded when read). */
export function noticeText(kind: string, p: Params, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (kind) {
    case 'request_created':
      return requestCreatedText(p, zh);
    case 'request_status': // written by publishing a plan (server/db/queries/planning.ts)
    case 'request_status_changed': {
      const to = String(p.to ?? p.status);
      const n = namedOf(p);
      const venue = venueWords({ ...n, venueName: (p.venueName as string | undefined) ?? n.venueName }, zh);
      const window = n.windowStart ? (zh ? `（${n.windowStart} 至 ${n.windowEnd}）` : ` (${n.windowStart} to ${n.windowEnd})`) : '';
      const which = venue ? (zh ? `${venue}的申请${window}` : `The request of ${venue}${window}`) : zh ? '一项申请' : 'A request';
      const base = zh ? `${which}状态：${requestStatusWord({ status: to }, true)}。` : `${which} is now ${requestStatusWord({ status: to }, false)}.`;
      const reason = p.reason as { code: string; params?: Params } | undefined;
      const days = p.startsOn ? p : p.stopId && n.startsOn ? n : null;
      const when = days ? (zh ? `展期 ${dates(days)}。` : `Dates: ${dates(days)}.`) : '';
      return [base, when, reason ? reasonText(reason, locale) : ''].filter(Boolean).join(' ');
    }
    case 'stop_dates_changed': {
      const venue = venueWords(namedOf(p), zh);
      return zh
        ? `${venue || '展点'}的展期已调整：原 ${dates(p.before)}，现 ${dates(p.after)}。`
        : `The dates of ${venue ? `the visit to ${venue}` : 'a visit'} changed: was ${dates(p.before)}, now ${dates(p.after)}.`;
    }
    case 'itinerary_changed':
      return zh ? `您的行程有变动：${stayWords(p, zh, p.after)}。` : `Your itinerary changed: ${stayWords(p, zh, p.after)}.`;
    case 'stay_changed':
      return stayChangedText(p, zh, locale);
    case 'stop_cancelled':
      return zh ? `${stayWords(p, zh)}已取消，请查看最新行程。` : `The stop at ${stayWords(p, zh)} was cancelled; check your itinerary.`;
    case 'stop_arrived':
      return zh ? `车辆已到达${stayWords(p, zh)}。` : `The crew arrived at ${stayWords(p, zh)}.`;
    case 'stop_completed':
      return zh ? `${stayWords(p, zh)}的展览已完成。` : `The visit at ${stayWords(p, zh)} is done.`;
    default:
      return zh ? `通知：${kind}` : `Notice: ${kind}`;
  }
}

const kindZh: Record<string, string> = { roving_museum: '流动科技馆', caravan_kit: '科普大篷车' };
const kindEn: Record<string, string> = { roving_museum: 'roving science museum', caravan_kit: 'science caravan' };

/** A new request named by its venue and county, kind and window (notices stored before they were kept name the venue only). */
function requestCreatedText(p: Params, zh: boolean): string {
  const county = p.countyName ? (zh ? `（${String(p.countyName)}）` : ` (${String(p.countyName)})`) : '';
  const kind = String(p.setKind ?? '');
  const what = p.windowStart ? (zh ? `：${kindZh[kind] ?? kind}，${String(p.windowStart)} 至 ${String(p.windowEnd)}` : `: ${kindEn[kind] ?? kind}, ${String(p.windowStart)} to ${String(p.windowEnd)}`) : '';
  return zh ? `${String(p.venueName ?? '展点')}${county}提交了新的展览申请${what}。` : `${String(p.venueName ?? 'A venue')}${county} sent a new visit request${what}.`;
}

/** A published change to a stay, naming the venue, the vehicle and the days before and after. */
function stayChangedText(p: Params, zh: boolean, locale: Locale): string {
  type Side = { startsOn: string; endsOn: string; vehicleName: string; venueName: string } | null;
  const before = p.before as Side;
  const after = p.after as Side;
  const venue = String(p.venueName ?? '');
  const at = (s: NonNullable<Side>) => (zh ? `${s.startsOn} 至 ${s.endsOn}（${s.vehicleName}）` : `${s.startsOn} to ${s.endsOn} (${s.vehicleName})`);
  const note = p.decisionNote ? (zh ? `协调员说明：${String(p.decisionNote)}` : `The coordinator says: ${String(p.decisionNote)}`) : '';
  const reason = p.reason as { code: string; params?: Params } | null;
  const why = !note && reason && p.change === 'removed' ? reasonText(reason, locale) : '';
  let head: string;
  if (p.change === 'added' && after) head = zh ? `${venue}新排了一次展览：${at(after)}。` : `A visit to ${venue} is scheduled: ${at(after)}.`;
  else if (p.change === 'removed' && before) head = zh ? `${venue}原定 ${at(before)} 的展览已取消。` : `The visit to ${venue} on ${at(before)} is cancelled.`;
  else if (before && after) head = zh ? `${venue}的展览已调整：原 ${at(before)}，现 ${at(after)}。` : `The visit to ${venue} changed: was ${at(before)}, now ${at(after)}.`;
  else head = zh ? `${venue}的展览有变动。` : `The visit to ${venue} changed.`;
  return [head, note, why].filter(Boolean).join(' ');
}

import type { Locale } from './locale.js';

type Params = Record<string, unknown>;
type Words = { 'zh-CN': (p: Params) => string; en: (p: Params) => string };

const win = (p: Params, zh: boolean) =>
  p.windowStart ? (zh ? `（期望 ${p.windowStart} 至 ${p.windowEnd}）` : ` (asked for ${p.windowStart} to ${p.windowEnd})`) : '';
const tierZh: Record<string, string> = { key: '重点帮扶县', former_poverty: '脱贫县', other: '其他县' };

/**
 * Why a request was declined, cancelled or left unserved, in words a host reads. Codes come from the
 * coordinator's decision (DECLINED, VENUE_NOT_READY), a cancellation, or the planner (jobs/planning).
 */
const reasons: Record<string, Words> = {
  DECLINED: { 'zh-CN': (p) => `协调员未批准此申请：${p.note ?? ''}`, en: (p) => `The coordinator declined this request: ${p.note ?? ''}` },
  VENUE_NOT_READY: {
    'zh-CN': (p) => `场地尚不具备接待条件${p.note ? `：${p.note}` : ''}。`,
    en: (p) => `The venue is not ready to host a visit${p.note ? `: ${p.note}` : ''}.`,
  },
  CANCELLED_BY_USER: {
    'zh-CN': (p) => `已由${p.by === 'host' ? '申请方' : '协调员'}取消${p.note ? `：${p.note}` : ''}。`,
    en: (p) => `Cancelled by the ${p.by === 'host' ? 'host' : 'coordinator'}${p.note ? `: ${p.note}` : ''}.`,
  },
  NO_OPEN_DAYS: {
    'zh-CN': (p) => `期望时段内展点可开放的日子不足 ${p.days ?? ''} 天（节假日、停展日或学校假期）${win(p, true)}。请放宽时段。`,
    en: (p) => `The venue has fewer than ${p.days ?? ''} open days in the window (holidays, blackouts or school breaks)${win(p, false)}; widen the window.`,
  },
  NO_SUITABLE_SET: {
    'zh-CN': (p) => `没有符合要求的展品套组${p.theme ? `（主题“${p.theme}”）` : ''}。可改选其他主题或“任意”。`,
    en: (p) => `No exhibit set fits the request${p.theme ? ` (theme “${p.theme}”)` : ''}; choose another theme or “any”.`,
  },
  NOVELTY: {
    'zh-CN': (p) => `本县在 ${p.months ?? 36} 个月内已展出过可用的主题，按换展规则不能重复。`,
    en: (p) => `The county saw the available themes within the last ${p.months ?? 36} months; the swap rule forbids a repeat.`,
  },
  VENUE_TOO_SMALL: {
    'zh-CN': (p) => `展点面积（${p.floorAreaM2 ?? '?'} 平方米）小于展品所需面积。`,
    en: (p) => `The venue’s floor area (${p.floorAreaM2 ?? '?'} m²) is smaller than the exhibits need.`,
  },
  VENUE_POWER_TOO_LOW: {
    'zh-CN': (p) => `展点供电（${p.powerKw ?? '?'} 千瓦）不足以支持展品。`,
    en: (p) => `The venue’s power supply (${p.powerKw ?? '?'} kW) is too low for the exhibits.`,
  },
  NO_VEHICLE_AVAILABLE: {
    'zh-CN': (p) => `期望时段内没有可用的车辆或展品${win(p, true)}。`,
    en: (p) => `No vehicle or set is available in the window${win(p, false)}.`,
  },
  NO_VEHICLE_FREE_IN_WINDOW: {
    'zh-CN': (p) => `车辆在期望时段内都已排满，无法按时到达${win(p, true)}。请放宽时段。`,
    en: (p) => `Every vehicle is busy in the window and cannot arrive in time${win(p, false)}; widen the window.`,
  },
  TRIP_SHORTER_THAN_STAY: {
    'zh-CN': (p) => `车辆单次出车最长 ${p.tripDays ?? '?'} 天，短于这次 ${p.stayDays ?? '?'} 天的展期（含布展、撤展），与期望时段无关；请协调员调整车辆的出车天数。`,
    en: (p) => `The trip limit ${p.tripDays ?? '?'} days is shorter than the ${p.stayDays ?? '?'}-day stay (set-up and tear-down included); the window is not the cause: the coordinator should raise the vehicle’s trip limit.`,
  },
  TRIP_TOO_LONG: {
    'zh-CN': (p) => `路程过远，超出车辆单次出车的天数限制${win(p, true)}。`,
    en: (p) => `The venue is too far for a vehicle’s longest trip${win(p, false)}.`,
  },
  CAPACITY_TAKEN: {
    'zh-CN': (p) => `本期运力已优先安排给${tierZh[String(p.tier)] === '其他县' ? '重点帮扶县和脱贫县' : '优先级更高的申请'}${win(p, true)}。下次调整计划时会再考虑。`,
    en: (p) => `This period’s capacity went to higher-priority requests${win(p, false)}; it will be reconsidered at the next re-plan.`,
  },
  VENUE_BUSY: {
    'zh-CN': () => '展点在期望时段内已有其他展览。',
    en: () => 'The venue already hosts another visit in the window.',
  },
  // Why publishing changes a stay of the timeline (server/services/changes.ts).
  NOT_IN_DRAFT: { 'zh-CN': () => '新方案没有保留这次展览。', en: () => 'The new plan does not keep this visit.' },
  REPLANNED: { 'zh-CN': () => '重新规划后日期或车辆有调整。', en: () => 'Re-planning changed its days or vehicle.' },
  VEHICLE_UNAVAILABLE: {
    'zh-CN': (p) => `原定车辆自 ${p.from ?? '?'} 起停用（故障或检修）。`,
    en: (p) => `Its vehicle is out of service after ${p.from ?? '?'} (breakdown or maintenance).`,
  },
  DROPPED_BY_COORDINATOR: {
    'zh-CN': (p) => `协调员决定取消这次已确认的展览${p.note ? `：${p.note}` : ''}。`,
    en: (p) => `The coordinator decided to drop this confirmed visit${p.note ? `: ${p.note}` : ''}.`,
  },
  STAY_IS_A_FACT: {
    'zh-CN': () => '这次展览已经开始或完成，保持不变。',
    en: () => 'This visit has begun or is done; it stays as it is.',
  },
  STAY_GONE_FROM_TIMELINE: {
    'zh-CN': () => '草案生成后这次展览已被取消，草案中的安排不再发布。',
    en: () => 'This visit was cancelled after the draft was made; the draft’s version of it is not published.',
  },
  REQUEST_NO_LONGER_OPEN: {
    'zh-CN': () => '草案生成后申请已取消或被拒绝，不再安排。',
    en: () => 'The request was cancelled or declined after the draft was made; it is not scheduled.',
  },
  DISPLACED_BY_FACT: {
    'zh-CN': () => '与一次已完成的展览冲突，已取消。',
    en: () => 'It clashed with a visit that already took place, and was cancelled.',
  },
};

/** A reason in words; an unknown code still says that the request was not served, and which code. */
export function reasonText(reason: { code: string; params?: Params | undefined }, locale: Locale): string {
  const w = reasons[reason.code];
  if (w) return w[locale](reason.params ?? {});
  return locale === 'zh-CN' ? `未能安排（原因代码 ${reason.code}）。` : `Not served (reason code ${reason.code}).`;
}

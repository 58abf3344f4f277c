import type { Locale } from './locale.js';

type Params = Record<string, unknown>;
type Words = { 'zh-CN': (p: Params) => string; en: (p: Params) => string };

const windowZh = (p: Params) => (p.windowStart ? `（${p.windowStart} 至 ${p.windowEnd}）` : '');
const windowEn = (p: Params) => (p.windowStart ? ` (${p.windowStart} to ${p.windowEnd})` : '');
const tierZh: Record<string, string> = { key: '重点帮扶县', former_poverty: '脱贫县', other: '其他县' };
const known = (v: unknown) => (v === undefined || v === null ? '?' : String(v));

/**
 * Why a request was declined, cancelled or left unserved, and why publishing changes a stay, in
 * words hosts and coordinators read: the one dictionary of reasons. Codes come from the
 * coordinator's decision (DECLINED, VENUE_NOT_READY), a cancellation, the planner and the advice
 * (jobs/planning/plan.ts, advice.ts: the request page, /plans/:id/unserved and the booking form all
 * word them here), and the publish change set (server/services/changes.ts).
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
  // The planner's and the advice's reasons for a request they cannot serve.
  NO_OPEN_DAYS: {
    'zh-CN': (p) => `申请的日期范围${windowZh(p)}内没有足够的连续可用日${p.days ? `（需要 ${p.days} 天）` : ''}，原因是节假日、展点停用日、区域停展期或开放日限制；请放宽日期范围。`,
    en: (p) => `The date window${windowEn(p)} has no run of usable days long enough${p.days ? ` (${p.days} needed)` : ''}: holidays, venue blackouts, regional closures or open weekdays; widen the window.`,
  },
  NO_SUITABLE_SET: {
    'zh-CN': (p) => (p.theme ? `没有主题为「${p.theme}」且可用的展品套组，请改选其他主题或“任意”。` : '没有可用的同类展品套组，请联系中心协调员。'),
    en: (p) => (p.theme ? `No available exhibit set has the theme "${p.theme}"; choose another theme or "any".` : 'No exhibit set of this kind is available; contact the centre coordinator.'),
  },
  NOVELTY: {
    'zh-CN': (p) => `本县在 ${known(p.months)} 个月内已展出过所有可安排的主题，按换展规则不能重复同一主题；请选择新主题或在之后的年份申请。`,
    en: (p) => `This county has had every available theme within the last ${known(p.months)} months, and a county must not see the same theme again that soon; choose a new theme or apply for a later year.`,
  },
  VENUE_TOO_SMALL: {
    'zh-CN': (p) => `展点面积 ${known(p.floorAreaM2)} 平方米，小于可用展品套组所需面积；请更换更大的场地或申请大篷车。`,
    en: (p) => `The venue's ${known(p.floorAreaM2)} m² is smaller than any available set needs; use a larger hall or request a caravan.`,
  },
  VENUE_POWER_TOO_LOW: {
    'zh-CN': (p) => `展点供电 ${known(p.powerKw)} 千瓦，低于展品套组所需；请落实临时供电后重新申请。`,
    en: (p) => `The venue's ${known(p.powerKw)} kW supply is below what the sets need; arrange more power and apply again.`,
  },
  NO_VEHICLE_AVAILABLE: {
    'zh-CN': (p) => `申请期间${windowZh(p)}没有可用的车辆或展品（维修、停用），请放宽日期范围。`,
    en: (p) => `No vehicle or set is in service during the window${windowEn(p)} (maintenance or out of service); widen the window.`,
  },
  NO_VEHICLE_FREE_IN_WINDOW: {
    'zh-CN': (p) => `在申请日期${windowZh(p)}内，没有车辆能在开放日按时到达该展点，请放宽日期范围。`,
    en: (p) => `No vehicle can reach the venue on an open day within the window${windowEn(p)}; widen the window.`,
  },
  TRIP_SHORTER_THAN_STAY: {
    'zh-CN': (p) => `车辆单次出车最长 ${known(p.tripDays)} 天，短于 ${known(p.stayDays)} 天的展期（含布展、撤展）；放宽日期范围无济于事，请在车辆或区域设置中调整出车天数。`,
    en: (p) => `Trip limit ${known(p.tripDays)} days is shorter than the ${known(p.stayDays)}-day stay (set-up and tear-down included); widening the window will not help: raise the trip limit of the vehicles or the region's default.`,
  },
  TRIP_TOO_LONG: {
    'zh-CN': () => '展点路程过远，安排这次巡展会超出车辆单次出车的最长天数或里程；请放宽日期范围或联系协调员。',
    en: () => 'The venue is too far: serving it would make a vehicle’s trip longer than allowed; widen the window or contact the coordinator.',
  },
  CAPACITY_TAKEN: {
    'zh-CN': (p) => `申请日期${windowZh(p)}内合适的车辆和展品已排满（重点帮扶县和脱贫县优先，本展点属于${tierZh[String(p.tier)] ?? '其他县'}），请放宽日期范围，或等待月度调整。`,
    en: (p) => `Every suitable vehicle and set is booked during the window${windowEn(p)} (key assistance and former poverty counties are served first); widen the window or wait for the monthly re-plan.`,
  },
  VENUE_BUSY: {
    'zh-CN': () => '展点在可安排的日期已有其他展览，请放宽日期范围。',
    en: () => 'The venue already hosts another visit on the days that could be planned; widen the window.',
  },
  // A county's coverage line in a plan's metrics, not a request's reason.
  NO_REQUEST: {
    'zh-CN': () => '该县在本计划期内没有提交申请。',
    en: () => 'The county has no request in this horizon.',
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
  // The board's undo of a stay added to a draft (server/services/plan-undo.ts): the stay is cancelled, its request given back.
  ADD_UNDONE: {
    'zh-CN': () => '协调员撤销了在草案中添加的这次安排。',
    en: () => 'The coordinator took back adding this visit to the draft.',
  },
  DISPLACED_BY_FACT: {
    'zh-CN': () => '与一次已完成的展览冲突，已取消。',
    en: () => 'It clashed with a visit that already took place, and was cancelled.',
  },
};

/** A reason in words ('' for none); an unknown code still says that the request was not served, and which code. */
export function reasonText(reason: { code: string; params?: Params | undefined } | null | undefined, locale: Locale): string {
  if (!reason) return '';
  const w = reasons[reason.code];
  if (w) return w[locale](reason.params ?? {});
  return locale === 'zh-CN' ? `未能安排（原因代码 ${reason.code}）。` : `Not served (reason code ${reason.code}).`;
}

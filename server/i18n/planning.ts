import type { Locale } from './locale.js';

// Words for what the planner reports: which rule a hand edit of the plan breaks (shown beside the
// dragged stop) and why a run failed. Why a request was not served is a reason (reasons.ts).

type Params = Record<string, unknown>;
type Words = { 'zh-CN': (p: Params) => string; en: (p: Params) => string };

/** Rules a hand edit can break, by violation kind (jobs/planning/validate.ts). */
export const violationWords: Record<string, Words> = {
  travel_time: {
    'zh-CN': (p) => (p.from ? `从「${p.from}」（${p.prevEndsOn} 撤展）赶不到「${p.to}」于 ${p.startsOn} 开始布展，路上时间不够。` : `车辆来不及从中心出发于 ${p.startsOn} 到达「${p.to}」。`),
    en: (p) => (p.from ? `Not enough time to drive from ${p.from} (done ${p.prevEndsOn}) to ${p.to} by ${p.startsOn}.` : `The vehicle cannot get from its centre to ${p.to} by ${p.startsOn}.`),
  },
  outside_request_window: {
    'zh-CN': (p) => `超出了申请的日期范围（${p.windowStart} 至 ${p.windowEnd}）。`,
    en: (p) => `Outside the requested window (${p.windowStart} to ${p.windowEnd}).`,
  },
  holiday: {
    'zh-CN': (p) => `${p.day} 是法定节假日${p.holiday ? `（${p.holiday}）` : ''}，大篷车活动不安排在节假日。`,
    en: (p) => `${p.day} is a public holiday${p.holiday ? ` (${p.holiday})` : ''}; caravan visits are not planned on holidays.`,
  },
  blackout: {
    'zh-CN': (p) => `「${p.venue}」在 ${p.day} 停用，不能接待展览。`,
    en: (p) => `${p.venue} is not available on ${p.day} (blackout).`,
  },
  region_closure: {
    'zh-CN': (p) => `${p.day} 处于区域停展期（如寒暑假或农忙），「${p.venue}」不能接待。`,
    en: (p) => `${p.day} falls in a regional closure (such as a school break or the farming season) for ${p.venue}.`,
  },
  venue_closed_day: {
    'zh-CN': (p) => `「${p.venue}」在 ${p.day} 不开放。`,
    en: (p) => `${p.venue} is not open on ${p.day}.`,
  },
  setup_not_workday: {
    'zh-CN': (p) => `布展开始日 ${p.day} 不是工作日${p.holiday ? `（${p.holiday}）` : ''}，请改到工作日开始。`,
    en: (p) => `Set-up would start on ${p.day}, which is not a working day${p.holiday ? ` (${p.holiday})` : ''}; start on a working day.`,
  },
  vehicle_unavailable: {
    'zh-CN': (p) => `车辆「${p.vehicle}」在这些日期不可用${p.until ? `（${p.until} 之后停用）` : ''}。`,
    en: (p) => `${p.vehicle} is not in service on these dates${p.until ? ` (out of service after ${p.until})` : ''}.`,
  },
  maintenance: {
    'zh-CN': (p) => `与维护期（${p.from} 至 ${p.to}）冲突。`,
    en: (p) => `Clashes with maintenance from ${p.from} to ${p.to}.`,
  },
  incompatible_set: {
    'zh-CN': (p) => `车辆「${p.vehicle}」不能运输展品「${p.set}」${p.carries ? `（该车可运输：${p.carries}）` : ''}。`,
    en: (p) => `${p.vehicle} cannot carry ${p.set}${p.carries ? `; it carries ${p.carries}` : ''}.`,
  },
  work_days: {
    'zh-CN': (p) => `车组将连续工作 ${p.days} 天，超过本区域规定的最多 ${p.max} 天，请在中间安排休息日。`,
    en: (p) => `The crew would work ${p.days} days in a row, more than the region's ${p.max}; leave a rest day between.`,
  },
  wrong_set_kind: {
    'zh-CN': (p) => `展品「${p.set}」与申请的类型不符（申请的是${p.wanted === 'roving_museum' ? '流动科技馆' : '科普大篷车'}）。`,
    en: (p) => `${p.set} is not the kind of exhibit requested (${p.wanted === 'roving_museum' ? 'a roving museum' : 'a caravan'}).`,
  },
  not_requested_set: {
    'zh-CN': (p) => `申请指定了另一套展品，「${p.set}」不是申请的那一套。`,
    en: (p) => `The request asked for a specific set; ${p.set} is not it.`,
  },
  wrong_theme: {
    'zh-CN': (p) => `申请的主题是「${p.wantedTheme}」，「${p.set}」的主题是「${p.theme}」。`,
    en: (p) => `The request asked for the theme "${p.wantedTheme}"; ${p.set} has the theme "${p.theme}".`,
  },
  venue_too_small: {
    'zh-CN': (p) => `「${p.venue}」面积 ${p.floorAreaM2} 平方米，不足展品所需的 ${p.neededM2} 平方米。`,
    en: (p) => `${p.venue} has ${p.floorAreaM2} m²; the set needs ${p.neededM2} m².`,
  },
  venue_power_too_low: {
    'zh-CN': (p) => `「${p.venue}」供电 ${p.powerKw} 千瓦，不足展品所需的 ${p.neededKw} 千瓦。`,
    en: (p) => `${p.venue} supplies ${p.powerKw} kW; the set needs ${p.neededKw} kW.`,
  },
  novelty: {
    'zh-CN': (p) => `${p.county}在 ${p.months} 个月内已展出过「${p.theme}」主题（${p.lastStart} 起），按换展规则不能重复。`,
    en: (p) => `${p.county} had the theme "${p.theme}" (from ${p.lastStart}) within the last ${p.months} months; a county must not see a theme again that soon.`,
  },
  setup_too_short: {
    'zh-CN': (p) => `布展时间只有 ${p.days} 天，这套展品至少需要 ${p.needed} 天。`,
    en: (p) => `Only ${p.days} set-up days; this set needs at least ${p.needed}.`,
  },
  stay_length: {
    'zh-CN': (p) => `开放 ${p.days} 天，不在这套展品允许的 ${p.min} 至 ${p.max} 天之内。`,
    en: (p) => `Open for ${p.days} days; this set stays between ${p.min} and ${p.max} days.`,
  },
};

/** Why a planning run failed, by code (jobs/planning/run.ts). */
export const runErrors: Record<string, Words> = {
  NO_VEHICLES: {
    'zh-CN': () => '本区域没有可用车辆，无法规划。请先在车辆目录中添加车辆。',
    en: () => 'The region has no vehicles to plan with; add vehicles to the catalogue first.',
  },
  HORIZON_REVERSED: {
    'zh-CN': () => '规划期的结束日期早于开始日期。',
    en: () => 'The horizon ends before it starts.',
  },
  QUEUE_UNAVAILABLE: {
    'zh-CN': () => '规划队列（Redis）当时没有响应，这次规划没有开始；请稍后重新发起。',
    en: () => 'The planning queue (Redis) did not answer, so this run never started; start it again in a moment.',
  },
  PLANNING_FAILED: {
    'zh-CN': () => '规划过程出错，已记录日志；请稍后重试，或联系管理员。',
    en: () => 'Planning failed and was logged; try again later or contact the administrator.',
  },
};

export function runErrorText(code: string, locale: Locale): string {
  const w = runErrors[code];
  return w ? w[locale]({}) : code;
}

export function violationText(v: { kind: string; params: Params }, locale: Locale): string {
  const w = violationWords[v.kind];
  return w ? w[locale](v.params) : v.kind;
}

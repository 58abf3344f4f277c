import type { Locale } from './locale.js';

type Params = Record<string, unknown>;
type Message = { 'zh-CN': (p: Params) => string; en: (p: Params) => string };

const entityZh: Record<string, string> = {
  region: '区域',
  centre: '中心',
  venue: '展点',
  exhibit_set: '展品套组',
  vehicle: '车辆',
  plan: '计划',
  stop: '站点',
  request: '申请',
  run: '规划任务',
};

/**
 * Every message a user can be shown for an error code, in zh-CN and en. Codes are stable; the
 * wording may improve. Each message says what is wrong and what to do about it.
 */
export const messages: Record<string, Message> = {
  VALIDATION_FAILED: {
    'zh-CN': () => '提交的内容不完整或格式不正确，请按提示修改后重试。',
    en: () => 'Some fields are missing or malformed; correct them as listed and try again.',
  },
  RESOURCE_NOT_FOUND: {
    'zh-CN': (p) => `找不到编号为 ${p.id} 的${entityZh[String(p.entity)] ?? p.entity}，它可能已被删除，或您无权查看。`,
    en: (p) => `No ${String(p.entity).replace('_', ' ')} with id ${p.id}: it may have been removed, or you may not have access to it.`,
  },
  ROUTE_NOT_FOUND: {
    'zh-CN': (p) => `没有这个接口：${p.method} ${p.url}。`,
    en: (p) => `There is no such endpoint: ${p.method} ${p.url}.`,
  },
  STOP_OVERLAP_VEHICLE: {
    'zh-CN': () => '这辆车在这些日期已有其他站点，同一计划中一辆车不能同时在两处。请改期或换车。',
    en: () => 'This vehicle already has another stop on these dates; in one plan a vehicle cannot be in two places. Move the stop or choose another vehicle.',
  },
  STOP_OVERLAP_SET: {
    'zh-CN': () => '这套展品在这些日期已安排在其他站点，同一计划中一套展品不能同时在两处。请改期或换一套展品。',
    en: () => 'This exhibit set is already booked elsewhere on these dates; move the stop or choose another set.',
  },
  STOP_OVERLAP_VENUE: {
    'zh-CN': () => '这个展点在这些日期已有其他展览，同一计划中一个展点不能同时接待两次。请改期。',
    en: () => 'This venue already hosts another visit on these dates; move one of the two visits.',
  },
  STOP_OVERLAP: {
    'zh-CN': () => '这个站点与同一计划中的其他站点时间冲突。',
    en: () => 'This stop overlaps another stop of the same plan.',
  },
  STOP_ENDS_BEFORE_START: {
    'zh-CN': () => '站点的结束日期早于开始日期，请检查日期。',
    en: () => 'The stop ends before it starts; check its dates.',
  },
  STOP_PHASES_OUT_OF_ORDER: {
    'zh-CN': () => '站点日期顺序有误：应为 布展开始 ≤ 开放开始 ≤ 开放结束 ≤ 撤展完成。',
    en: () => 'The stop dates are out of order: set-up start ≤ opening ≤ closing ≤ tear-down end.',
  },
  DATE_RANGE_REVERSED: {
    'zh-CN': () => '结束日期早于开始日期，请检查日期。',
    en: () => 'The end date is before the start date; check the dates.',
  },
  INVALID_DATE: {
    'zh-CN': () => '日期格式不正确，请使用 YYYY-MM-DD。',
    en: () => 'A date is not valid; use YYYY-MM-DD.',
  },
  LATITUDE_OUT_OF_RANGE: {
    'zh-CN': () => '纬度必须在 -90 到 90 之间，请检查坐标（经度在前、纬度在后是常见的填反原因）。',
    en: () => 'Latitude must be between -90 and 90; check the coordinates (longitude and latitude swapped is a common cause).',
  },
  LONGITUDE_OUT_OF_RANGE: {
    'zh-CN': () => '经度必须在 -180 到 180 之间，请检查坐标。',
    en: () => 'Longitude must be between -180 and 180; check the coordinates.',
  },
  CONSTRAINT_VIOLATED: {
    'zh-CN': (p) => `数据不符合规则（${p.constraint}），请检查后重试。`,
    en: (p) => `The data breaks a rule (${p.constraint}); check it and try again.`,
  },
  REFERENCE_NOT_FOUND: {
    'zh-CN': () => '引用的记录不存在（例如展点、车辆或展品套组编号有误），请检查编号。',
    en: () => 'A referenced record does not exist (for example a wrong venue, vehicle or set id); check the ids.',
  },
  DUPLICATE: {
    'zh-CN': () => '已存在相同的记录，不能重复创建。',
    en: () => 'A record like this already exists.',
  },
  VALUE_REQUIRED: {
    'zh-CN': () => '缺少必填内容。',
    en: () => 'A required value is missing.',
  },
  INTERNAL: {
    'zh-CN': (p) => `服务器内部错误，请稍后重试；如果问题持续，请把编号 ${p.requestId} 告诉管理员。`,
    en: (p) => `Something went wrong on the server; try again later, and if it persists give the administrator this id: ${p.requestId}.`,
  },
};

/** The message for a code in a locale; unknown codes fall back to the code itself. */
export function messageFor(code: string, locale: Locale, params: Params = {}): string {
  const m = messages[code];
  return m ? m[locale](params) : code;
}

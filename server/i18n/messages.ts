import { loanMessages } from './loans.js';
import type { Locale } from './locale.js';
import { requestStatusWord } from './status-words.js';
import { undoMessages } from './undo.js';

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
  photo: '照片',
  county: '县',
  loan: '借调',
};

/** The stay in the way of an overlapping edit, in words, when the refusal names it. */
const clashZh = (p: Params) => (p.venueName ? `：${p.countyName}${p.venueName}（${p.vehicleName} · ${p.setName}，${p.startsOn} 至 ${p.endsOn}）` : '');
const clashEn = (p: Params) => (p.venueName ? `: ${p.venueName}, ${p.countyName} (${p.vehicleName} · ${p.setName}, ${p.startsOn} to ${p.endsOn})` : '');
/** The request an error is about, by its venue and county when the caller gave them (a bulk decision's refusal must say which). */
const whichRequest = (p: Params, zh: boolean) =>
  p.venueName ? (zh ? `${String(p.venueName)}（${String(p.countyName)}）的申请` : `The request of ${String(p.venueName)} (${String(p.countyName)})`) : zh ? '该申请' : 'This request';

/**
 * Every message a user can be shown for an error code, in zh-CN and en. Codes are stable; the
 * wording may improve. Each message says what is wrong and what to do about it.
 */
export const messages: Record<string, Message> = {
  // The board's undo and redo (issue 12, server/i18n/undo.ts).
  ...undoMessages,
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
  // The clash named (issue 12): with the other stay's params (services/stay-clash.ts), else the database's bare refusal.
  STOP_OVERLAP_VEHICLE: {
    'zh-CN': (p) => `这辆车在这些日期已有其他站点${clashZh(p)}，同一计划中一辆车不能同时在两处。请改期或换车。`,
    en: (p) => `This vehicle already has another stop on these dates${clashEn(p)}; in one plan a vehicle cannot be in two places. Move the stop or choose another vehicle.`,
  },
  STOP_OVERLAP_SET: {
    'zh-CN': (p) => `这套展品在这些日期已安排在其他站点${clashZh(p)}，同一计划中一套展品不能同时在两处。请改期或换一套展品。`,
    en: (p) => `This exhibit set is already booked elsewhere on these dates${clashEn(p)}; move the stop or choose another set.`,
  },
  STOP_OVERLAP_VENUE: {
    'zh-CN': (p) => `这个展点在这些日期已有其他展览${clashZh(p)}，同一计划中一个展点不能同时接待两次。请改期。`,
    en: (p) => `This venue already hosts another visit on these dates${clashEn(p)}; move one of the two visits.`,
  },
  STAY_IS_A_FACT: {
    'zh-CN': () => '这次展览已经开始或已经完成，是既成事实：不能删除、取消或改到别的日期、展点、车辆或展品。',
    en: () => 'This stay has begun or is done: it is a fact and cannot be deleted, cancelled or moved to other days, another venue, vehicle or set.',
  },
  STAY_CONFIRMED_NEEDS_DECISION: {
    'zh-CN': () => '这次展览的日期已经由接待方确认：只有协调员明确同意并写明原因后才能改动，接待方和司机会收到通知。',
    en: () => 'The host has confirmed this stay: it changes only when a coordinator explicitly accepts the change with a reason; the host and the driver are told.',
  },
  PUBLISH_CONFLICTS: {
    'zh-CN': (p) => `发布会改动或取消 ${p.count} 次已确认的展览。请逐一确认并写明原因后再发布，或先调整草案。`,
    en: (p) => `Publishing would move or drop ${p.count} confirmed stay(s). Accept each one with a reason, or adjust the draft first.`,
  },
  HISTORY_UNKNOWN: {
    'zh-CN': (p) => `本区域没有“${p.value}”：请填写编号，或与目录中完全一致的名称（车辆也可填车牌，展品填编码）。`,
    en: (p) => `“${p.value}” is not in this region: give its id, or its name exactly as in the catalogue (a vehicle’s plate, a set’s code).`,
  },
  HISTORY_AMBIGUOUS: {
    'zh-CN': (p) => `“${p.value}”对应多条记录：请改填编号。`,
    en: (p) => `“${p.value}” matches several entries: give its id instead.`,
  },
  HISTORY_NOT_PAST: {
    'zh-CN': (p) => `历史展览必须在今天（${p.today}）之前结束；今后的展览请通过规划或日历安排。`,
    en: (p) => `A past stay must end before today (${p.today}); plan future stays with the planner or on the calendar.`,
  },
  HISTORY_DAYS_OUT_OF_ORDER: {
    'zh-CN': () => '日期顺序有误：应为 布展开始 ≤ 开放开始 ≤ 开放结束 ≤ 撤展完成。',
    en: () => 'The days are out of order: set-up start ≤ opening ≤ closing ≤ tear-down end.',
  },
  DECISION_FOR_UNKNOWN_STAY: {
    'zh-CN': (p) => `确认列表中的展览 ${p.stopId} 不在这次发布需要决定的冲突里。`,
    en: (p) => `Stay ${p.stopId} in the accepted list is not one of this publish's conflicts.`,
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
  UNAUTHENTICATED: {
    'zh-CN': () => '请先登录；如果刚才已登录，登录可能已过期，请重新登录。',
    en: () => 'Sign in first; if you were signed in, your session may have expired: sign in again.',
  },
  INVALID_CREDENTIALS: {
    'zh-CN': () => '用户名或密码不正确，请检查后重试。',
    en: () => 'The username or password is wrong; check them and try again.',
  },
  FORBIDDEN: {
    'zh-CN': () => '您的角色无权执行此操作；如需权限，请联系本区域的协调员。',
    en: () => 'Your role may not do this; ask your region’s coordinator if you need to.',
  },
  CSRF_TOKEN_INVALID: {
    'zh-CN': () => '请求缺少有效的安全令牌（x-csrf-token），请刷新页面后重试。',
    en: () => 'The request lacks a valid security token (x-csrf-token); reload the page and try again.',
  },
  RATE_LIMITED: {
    'zh-CN': (p) => `尝试次数过多，请 ${p.seconds ?? 60} 秒后再试。`,
    en: (p) => `Too many attempts; wait ${p.seconds ?? 60} seconds and try again.`,
  },
  IF_MATCH_REQUIRED: {
    'zh-CN': () => '修改计划时必须带上计划的当前版本（If-Match 头），请重新加载计划后再修改。',
    en: () => 'A plan edit must carry the plan revision it was made on (If-Match header); reload the plan and edit again.',
  },
  PLAN_REVISION_STALE: {
    'zh-CN': (p) => `计划已被他人修改（当前版本 ${p.current ?? '?'}），您的修改未保存。请重新加载计划后再修改。`,
    en: (p) => `Someone changed the plan meanwhile (now revision ${p.current ?? '?'}); your edit was not saved. Reload the plan and edit again.`,
  },
  PLAN_NOT_EDITABLE: {
    'zh-CN': (p) => `该计划状态为“${p.status}”，只能修改草稿或当前已发布的计划。`,
    en: (p) => `This plan is ${p.status}; only drafts and the published plan can be edited.`,
  },
  STOP_NOT_EDITABLE: {
    'zh-CN': (p) => `该站点状态为“${p.status}”，已到达、已完成或已取消的站点不能再调整。`,
    en: (p) => `This stop is ${p.status}; a stop that has been reached, completed or cancelled can no longer be changed.`,
  },
  STOP_STATUS_CONFLICT: {
    'zh-CN': (p) => `该站点当前状态为“${p.status}”，不能执行此操作。`,
    en: (p) => `This stop is ${p.status}; that step does not apply to it now.`,
  },
  STOP_NOT_PUBLISHED: {
    'zh-CN': () => '该站点不属于已发布的计划；只有已发布计划中的站点可以登记到达、完成或观众人数。',
    en: () => 'This stop is not in the published plan; only stops of the published plan can be marked or reported.',
  },
  STAY_CHANGED: {
    'zh-CN': (p) => `这次展览在您离线期间已改期：原为 ${p.seenStartsOn} 至 ${p.seenEndsOn}，现为 ${p.startsOn} 至 ${p.endsOn}。您离线时的操作没有提交，请按新日期重新操作。`,
    en: (p) => `This stay was moved while you were offline: from ${p.seenStartsOn} – ${p.seenEndsOn} to ${p.startsOn} – ${p.endsOn}. What you did offline was not sent; do it again for the new days.`,
  },
  STAY_CANCELLED: {
    'zh-CN': (p) => `${p.seenStartsOn} 至 ${p.seenEndsOn} 的这次展览在您离线期间已取消，您离线时的操作没有提交。`,
    en: (p) => `The stay of ${p.seenStartsOn} – ${p.seenEndsOn} was cancelled while you were offline; what you did offline was not sent.`,
  },
  CLIENT_ID_REUSED: {
    'zh-CN': () => '这个操作编号已被另一项操作使用过，请刷新页面后重试。',
    en: () => 'This action id was already used for another action; reload the page and try again.',
  },
  REPORT_LOCKED: {
    'zh-CN': () => '协调员已锁定这次展览的报告，观众人数、备注和照片不能再修改；如需更正请联系协调员。',
    en: () => 'The coordinator has locked this visit’s report: attendance, note and photos can no longer change; ask the coordinator to correct it.',
  },
  REPORT_MISSING: {
    'zh-CN': () => '接待方还没有填报这次展览的观众人数，暂时不能锁定。',
    en: () => 'The host has not reported this visit yet, so there is nothing to lock.',
  },
  PHOTO_TOO_LARGE: {
    'zh-CN': (p) => `照片太大（${Math.ceil(Number(p.bytes) / 1024)} KB），最多 ${Math.floor(Number(p.max) / 1024)} KB。请缩小后再上传。`,
    en: (p) => `The photo is too large (${Math.ceil(Number(p.bytes) / 1024)} kB); the limit is ${Math.floor(Number(p.max) / 1024)} kB. Make it smaller and upload it again.`,
  },
  PHOTO_NOT_IMAGE: {
    'zh-CN': () => '上传的文件不是照片：只接受 JPEG、PNG 或 WebP 图片。',
    en: () => 'The file is not a photo: only JPEG, PNG or WebP images are accepted.',
  },
  VISIT_NOT_BEGUN: {
    'zh-CN': (p) => `这次展览 ${p.startsOn} 才开始，开始后才能上传照片。`,
    en: (p) => `This visit begins on ${p.startsOn}; photos can be added from then on.`,
  },
  EDIT_BREAKS_RULES: {
    'zh-CN': (p) => `这次调整违反了 ${p.count ?? 1} 条排期规则，未保存。请按下列说明修改。`,
    en: (p) => `This change breaks ${p.count ?? 1} planning rule(s) and was not saved; see the list below.`,
  },
  NOT_IN_REGION: {
    'zh-CN': (p) => `所选${entityZh[String(p.entity)] ?? p.entity}不属于该计划所在区域，请选择本区域的${entityZh[String(p.entity)] ?? p.entity}。`,
    en: (p) => `The chosen ${String(p.entity).replace('_', ' ')} is not in this plan’s region; pick one of the region.`,
  },
  SET_KIND_MISMATCH: {
    'zh-CN': () => '所选展品套组的类型与申请的类型（流动科技馆/科普大篷车）不一致，请重新选择。',
    en: () => 'The chosen exhibit set is not of the requested kind (roving museum or caravan kit); choose another.',
  },
  REQUEST_NOT_SCHEDULABLE: {
    'zh-CN': (p) => `该申请状态为“${requestStatusWord(p, true)}”，不能排入计划；只有已批准或未能安排的申请可以排期。`,
    en: (p) => `This request is ${requestStatusWord(p, false)}; only approved or unserved requests can be scheduled.`,
  },
  REQUEST_STATUS_CONFLICT: {
    'zh-CN': (p) => `${whichRequest(p, true)}当前状态为“${requestStatusWord(p, true)}”，不能${p.action === 'approve' ? '批准' : p.action === 'decline' ? '拒绝' : '取消'}。请刷新后查看最新状态。`,
    en: (p) => `${whichRequest(p, false)} is ${requestStatusWord(p, false)} now, so it cannot be ${p.action === 'approve' ? 'approved' : p.action === 'decline' ? 'declined' : 'cancelled'}; reload to see its current state.`,
  },
  NO_PUBLISHED_PLAN: {
    'zh-CN': () => '本区域还没有已发布的计划，请指定计划编号（planId），或等协调员发布计划。',
    en: () => 'This region has no published plan yet; give a planId, or wait until the coordinator publishes one.',
  },
  REPORT_TOO_EARLY: {
    'zh-CN': (p) => `展览在 ${p.closesOn} 结束开放后才能填报观众人数。`,
    en: (p) => `Attendance can be reported once the visit has closed on ${p.closesOn}.`,
  },
  REGION_REQUIRED: {
    'zh-CN': () => '您负责多个区域，请用 regionId 指定区域。',
    en: () => 'You coordinate several regions; say which with regionId.',
  },
  IN_USE: {
    'zh-CN': (p) => `该${entityZh[String(p.entity)] ?? p.entity}仍被其他记录使用，不能删除；可改为停用。`,
    en: (p) => `This ${String(p.entity).replace('_', ' ')} is still in use and cannot be deleted; retire it instead.`,
  },
  IMPORT_FILE_INVALID: {
    'zh-CN': (p) => `无法读取导入文件（${p.reason ?? ''}）。请上传带表头的 UTF-8 CSV，或 GeoJSON 点要素集合。`,
    en: (p) => `The import file cannot be read (${p.reason ?? ''}); upload a UTF-8 CSV with a header row, or a GeoJSON FeatureCollection of points.`,
  },
  WORKBOOK_ROWS_INVALID: {
    'zh-CN': (p) => `工作簿中有 ${p.count} 行数据有误，未导入任何内容。请按错误列表（工作表、行、字段）修改后重新导入。`,
    en: (p) => `${p.count} row(s) of the workbook are invalid, so nothing was imported; fix the rows listed (sheet, row, field) and import again.`,
  },
  WORKBOOK_UNKNOWN_CODE: {
    'zh-CN': (p) => `找不到编码“${p.value}”：它既不在本工作簿的「${p.sheet}」表中，也不在本区域的目录里。`,
    en: (p) => `No “${p.value}”: it is neither in the workbook’s ${p.sheet} sheet nor in this region’s catalogue.`,
  },
  WORKBOOK_DUPLICATE_CODE: {
    'zh-CN': (p) => `编码“${p.value}”在本表中重复出现（第 ${p.first} 行已有），每个编码只能出现一次。`,
    en: (p) => `The code “${p.value}” appears twice in this sheet (first in row ${p.first}); each code may appear once.`,
  },
  WORKBOOK_USERNAME_TAKEN: {
    'zh-CN': (p) => `用户名“${p.value}”已被其他区域或其他角色使用，请换一个用户名。`,
    en: (p) => `The username “${p.value}” is taken by someone of another region or role; choose another.`,
  },
  IMPORT_ROWS_INVALID: {
    'zh-CN': (p) => `有 ${p.count} 行数据有误，未导入任何展点。请按错误列表修改这些行后重新导入。`,
    en: (p) => `${p.count} row(s) are invalid, so no venue was imported; fix the rows listed and import again.`,
  },
  NUMBER_OUT_OF_RANGE: {
    'zh-CN': () => '数值超出允许范围，请检查。',
    en: () => 'A number is out of the allowed range; check it.',
  },
  INVALID_TEXT: {
    'zh-CN': () => '文本中含有不允许的字符，请删除后重试。',
    en: () => 'A text contains characters that are not allowed; remove them and try again.',
  },
  INTERNAL: {
    'zh-CN': (p) => `服务器内部错误，请稍后重试；如果问题持续，请把编号 ${p.requestId} 告诉管理员。`,
    en: (p) => `Something went wrong on the server; try again later, and if it persists give the administrator this id: ${p.requestId}.`,
  },
  PLAN_NOT_DRAFT: {
    'zh-CN': () => '只有草案可以发布；这份计划已经发布过或已被替代。',
    en: () => 'Only a draft can be published; this plan is already published or superseded.',
  },
  REPLAN_AFTER_HORIZON: {
    'zh-CN': (p) => `调整日期晚于计划的结束日期（${p.horizonEnd}），请新建下一期的规划。`,
    en: (p) => `That date is after the plan's horizon (ends ${p.horizonEnd}); start a new planning run for the next period.`,
  },
  URL_TOO_LONG: {
    'zh-CN': () => '网址中的参数过长，请检查链接是否完整正确。',
    en: () => 'A part of the URL is too long; check that the link is complete and correct.',
  },
  BAD_URL: {
    'zh-CN': () => '网址格式不正确，请检查链接。',
    en: () => 'The URL is not valid; check the link.',
  },
  HEADERS_TOO_LARGE: {
    'zh-CN': () => '请求头或网址过长，请清除该站点的 Cookie 或缩短链接后重试。',
    en: () => 'The request headers or URL are too large; clear this site’s cookies or shorten the link and try again.',
  },
  REQUEST_TIMEOUT: {
    'zh-CN': () => '请求发送得太慢，连接已关闭，请重试。',
    en: () => 'The request arrived too slowly and the connection was closed; try again.',
  },
  BAD_REQUEST: {
    'zh-CN': () => '请求格式不正确。',
    en: () => 'The request is malformed.',
  },
  STAY_OUTSIDE_HORIZON: {
    'zh-CN': (p) => `驻留 ${p.startsOn} 至 ${p.endsOn} 超出了这份计划的范围（${p.horizonStart} 至 ${p.horizonEnd}）；请改在范围内，或为那段时间新建规划。`,
    en: (p) => `The stay ${p.startsOn} to ${p.endsOn} is outside this plan's horizon (${p.horizonStart} to ${p.horizonEnd}); keep it inside, or start a planning run for that period.`,
  },
  PLANNING_QUEUE_UNAVAILABLE: {
    'zh-CN': () => '规划队列暂时不可用（Redis 没有响应），规划没有开始；请稍后再试，其他功能不受影响。',
    en: () => 'The planning queue is unavailable (Redis does not answer), so planning did not start; try again in a moment. Everything else still works.',
  },
  ADVICE_BUSY: {
    'zh-CN': (p) => `排期建议正忙，请 ${p.seconds} 秒后再试。`,
    en: (p) => `Date advice is busy; try again in ${p.seconds} seconds.`,
  },
  ADVICE_TIMED_OUT: {
    'zh-CN': (p) => `排期建议超过 ${p.seconds} 秒仍未算完，请缩短希望的日期范围后再试。`,
    en: (p) => `Date advice took longer than ${p.seconds} seconds; narrow the wished dates and try again.`,
  },
  IMPORT_BUSY: {
    'zh-CN': (p) => `其他导入正在处理，请 ${p.seconds} 秒后再试；这次没有导入任何地点。`,
    en: (p) => `Other imports are being read; nothing was imported. Try again in ${p.seconds} seconds.`,
  },
  IMPORT_TIMED_OUT: {
    'zh-CN': (p) => `读取这个文件超过 ${p.seconds} 秒仍未完成，没有导入任何内容；请把文件拆成几份后分别导入。`,
    en: (p) => `Reading this file took longer than ${p.seconds} seconds; nothing was imported. Split the file and import the parts one by one.`,
  },
  ADVICE_WINDOW_TOO_LONG: {
    'zh-CN': (p) => `希望的日期范围有 ${p.days} 天，最长 ${p.maxDays} 天，请缩短后再试。`,
    en: (p) => `The wished dates span ${p.days} days; at most ${p.maxDays} are allowed, narrow them and try again.`,
  },
  HOLIDAY_OUTSIDE_YEAR: {
    'zh-CN': (p) => `日期 ${p.day} 不在 ${p.year} 年内。`,
    en: (p) => `${p.day} is not in ${p.year}.`,
  },
  // Lending between regions (issue 15, point 3, server/i18n/loans.ts).
  ...loanMessages,
};

// Fastify's own refusals (no body, a body that is not JSON, a wrong Content-Type, too large).
const fastifyMessages: Record<string, Message> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    'zh-CN': () => '请求声明了 JSON 内容，但没有内容。请发送 JSON 对象，或去掉 Content-Type。',
    en: () => 'The request says it carries JSON but has no body; send a JSON object, or drop the Content-Type.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    'zh-CN': () => '不支持这种内容类型（Content-Type）。请发送 application/json（导入展点时可用 text/csv 或 application/geo+json）。',
    en: () => 'This Content-Type is not supported; send application/json (text/csv or application/geo+json to import venues).',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    'zh-CN': () => '提交的内容过大，请拆分后重试。',
    en: () => 'The request body is too large; split it and try again.',
  },
};

/** The message for a code in a locale; an unknown code still gets a sentence that names it. */
export function messageFor(code: string, locale: Locale, params: Params = {}): string {
  const m = messages[code] ?? fastifyMessages[code];
  if (m) return m[locale](params);
  if (/^FST_ERR_CTP_|^FST_ERR_VALIDATION|BAD_REQUEST|JSON/.test(code) || /JSON/i.test(String(params.reason ?? ''))) {
    return locale === 'zh-CN' ? `请求格式不正确（${code}），请检查后重试。` : `The request is malformed (${code}); check it and try again.`;
  }
  return locale === 'zh-CN' ? `请求未能完成（${code}）。` : `The request could not be completed (${code}).`;
}

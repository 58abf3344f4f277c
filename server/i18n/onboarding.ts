import type { Locale } from './locale.js';
import { reasonText } from './reasons.js';

// Words for onboarding a region: what a planning run warns of (vehicles that made no stop, groups
// of unserved requests), and the workbook import's sheets.

type Params = Record<string, unknown>;
type Words = { 'zh-CN': (p: Params) => string; en: (p: Params) => string };

const kindZh: Record<string, string> = { roving_museum: '流动科技馆', caravan_kit: '科普大篷车' };
const kindEn: Record<string, string> = { roving_museum: 'roving-museum', caravan_kit: 'caravan' };

/** Why a vehicle made no stop in a draft (server/services/onboarding-warnings.ts). */
const vehicleWords: Record<string, Words> = {
  VEHICLE_CARRIES_NO_SET: {
    'zh-CN': (p) => `「${p.vehicle}」没有可运载的展品套组，请在车辆中登记它能运载的套组。`,
    en: (p) => `${p.vehicle} carries no exhibit set; record the sets it can carry.`,
  },
  VEHICLE_SETS_TAKEN: {
    'zh-CN': (p) => `「${p.vehicle}」能运载的套组都已由其他车辆运载（一套展品只随一辆车）。`,
    en: (p) => `Every set ${p.vehicle} can carry is carried by another vehicle (a set travels with one vehicle).`,
  },
  VEHICLE_TRIP_SHORTER_THAN_STAY: {
    'zh-CN': (p) => `「${p.vehicle}」单次出车最长 ${p.tripDays} 天，短于其套组最短 ${p.stayDays} 天的展期；请调整出车天数。`,
    en: (p) => `${p.vehicle}: trip limit ${p.tripDays} days is shorter than the ${p.stayDays}-day stay of its set; raise the trip limit.`,
  },
  VEHICLE_NO_REQUEST_OF_KIND: {
    'zh-CN': (p) => `「${p.vehicle}」：本计划期内没有${kindZh[String(p.kind)] ?? ''}申请。`,
    en: (p) => `${p.vehicle}: no ${kindEn[String(p.kind)] ?? ''} request in this horizon.`,
  },
  VEHICLE_NOT_NEEDED: {
    'zh-CN': (p) => `「${p.vehicle}」未被安排：其他车辆已承担它能服务的申请，或这些申请因下列原因未能安排。`,
    en: (p) => `${p.vehicle} has no stop: other vehicles took the requests it could serve, or those requests are unserved for the reasons below.`,
  },
};

export function vehicleWarningText(w: { code: string; params: Params; vehicleName: string }, locale: Locale): string {
  const words = vehicleWords[w.code];
  const p = { ...w.params, vehicle: w.vehicleName };
  return words ? words[locale](p) : `${w.vehicleName}: ${w.code}`;
}

export function unservedGroupText(g: { code: string; params: Params; count: number }, locale: Locale): string {
  const why = reasonText({ code: g.code, params: g.params }, locale);
  return locale === 'zh-CN' ? `${g.count} 个申请未能安排：${why}` : `${g.count} request${g.count === 1 ? '' : 's'} unserved: ${why}`;
}

/** The school-calendar template's closure names (server/services/onboarding-settings.ts). */
export const templateWords: Record<string, { 'zh-CN': string; en: string }> = {
  winter: { 'zh-CN': '寒假', en: 'Winter break' },
  summer: { 'zh-CN': '暑假', en: 'Summer break' },
  gaokao: { 'zh-CN': '高考', en: 'Gaokao (national college entrance exam)' },
  zhongkao: { 'zh-CN': '中考', en: 'Zhongkao (senior high school entrance exam)' },
  spring_farming: { 'zh-CN': '春耕农忙', en: 'Spring planting' },
  autumn_harvest: { 'zh-CN': '秋收农忙', en: 'Autumn harvest' },
};

/** The template's notes sheet. */
export function templateNotes(locale: Locale): { title: string; columns: string[]; lines: string[] } {
  return locale === 'zh-CN'
    ? {
        title: '说明',
        columns: ['列名', '字段', '示例'],
        lines: [
          '每张表一行一条记录；按编码（县级账号按用户名）新建或更新，重复导入不会改变任何内容。',
          '先“试导入”：列出将新建、更新和被拒绝的行，每个错误注明工作表、行和字段；有任何错误时不导入任何内容。',
          '类型取值：中心 provincial/sub；展点 county_museum/school/cultural_centre/township_square/resettlement_community；层级 county/township/village；帮扶类别 key/former_poverty/other；套组 roving_museum/caravan_kit；车辆 caravan_i…caravan_iv/set_truck；申请状态 requested/approved/declined。',
          '供电 0 表示无电；车辆单次出车天数留空时用区域默认值（流动科技馆运输车：一年，且不短于最长展期加往返路程）。多个编码用逗号分隔。',
        ],
      }
    : {
        title: 'notes',
        columns: ['column', 'field', 'example'],
        lines: [
          'One record per row; rows are created or updated by code (host accounts by username): importing the same workbook again changes nothing.',
          'Dry-run first: it lists what will be created, updated and refused, each error by sheet, row and field; with any error nothing is imported.',
          'Values: centre provincial/sub; venue county_museum/school/cultural_centre/township_square/resettlement_community; level county/township/village; tier key/former_poverty/other; set roving_museum/caravan_kit; vehicle caravan_i…caravan_iv/set_truck; request status requested/approved/declined.',
          'Power 0 means no power; a vehicle’s trip limit left empty takes the region’s default (a set truck: a year, at least its longest stay and the drive). Separate several codes with commas.',
        ],
      };
}

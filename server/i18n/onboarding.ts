import type { Locale } from './locale.js';
import { unservedReasonText } from './planning.js';

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
  const why = unservedReasonText({ code: g.code, params: g.params }, locale);
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

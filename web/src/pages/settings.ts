// A region's planning settings and its closures per venue kind and year, starting from the usual
// Chinese school and farming calendar.
import type { Closure, RegionSettings } from '../../../server/contract/region-settings.js';
import { sidewaysScroll } from '../a11y.js';
import { ApiError, get, patch, put } from '../api.js';
import type { Page } from '../app.js';
import { field, h, liveRegion, mount } from '../dom.js';
import { locale, tk } from '../i18n.js';
import { today } from '../clock.js';

const words = {
  'zh-CN': {
    title: '区域设置',
    timeZone: '时区', roadFactor: '道路系数（路程 = 直线距离 × 系数）', averageSpeedKmh: '平均车速（公里/小时）', monthlySpeedKmh: '各月车速（1-12 月，逗号分隔；空：全年同上）',
    dailyDriveMinutes: '每日最长驾驶（分钟）', eveningLegMaxMinutes: '撤展当晚可驾驶（分钟）', maxConsecutiveWorkDays: '最多连续工作天数', noveltyMonths: '同一主题不重复（月）', kitNoveltyMonths: '同一大篷车展品不重复（月）',
    trip: '默认单次出车天数', tripHint: '空：大篷车 30 天，流动科技馆运输车一年（不短于最长展期加往返）',
    save: '保存设置', saved: '已保存。', closures: '停展期', year: '年份', load: '读取', template: '填入常用校历和农忙模板', saveClosures: '保存停展期',
    starts: '开始', ends: '结束', kinds: '适用展点类型（空：全部）', reason: '原因', remove: '删除', add: '添加一行', closuresTable: '停展期（可左右滚动）',
  },
  en: {
    title: 'Region settings',
    timeZone: 'Time zone', roadFactor: 'Road factor (road distance = straight line × factor)', averageSpeedKmh: 'Average speed (km/h)', monthlySpeedKmh: 'Speed by month (January to December, commas; empty: the average all year)',
    dailyDriveMinutes: 'Most driving a day (minutes)', eveningLegMaxMinutes: 'Driving the evening a stay ends (minutes)', maxConsecutiveWorkDays: 'Most working days in a row', noveltyMonths: 'A theme not again within (months)', kitNoveltyMonths: 'A caravan kit not again within (months)',
    trip: 'Default trip length (days)', tripHint: 'Empty: 30 days for caravans, a year for set trucks (at least the longest stay and the drive)',
    save: 'Save settings', saved: 'Saved.', closures: 'Closures', year: 'Year', load: 'Load', template: 'Fill in the usual school and farming calendar', saveClosures: 'Save closures',
    starts: 'Starts', ends: 'Ends', kinds: 'Venue kinds (empty: all)', reason: 'Reason', remove: 'Remove', add: 'Add a row', closuresTable: 'Closures (scrolls sideways)',
  },
};

const NUMBERS = ['roadFactor', 'averageSpeedKmh', 'dailyDriveMinutes', 'eveningLegMaxMinutes', 'maxConsecutiveWorkDays', 'noveltyMonths', 'kitNoveltyMonths'] as const;
const TYPES = ['caravan_i', 'caravan_ii', 'caravan_iii', 'caravan_iv', 'set_truck'] as const;

function settingsForm(w: (typeof words)['en'], regionId: number, s: RegionSettings) {
  const status = liveRegion();
  const zone = h('input', { name: 'timeZone', value: s.timeZone });
  const nums = NUMBERS.map((k) => [k, h('input', { name: k, type: 'number', step: 'any', value: s[k] })] as const);
  const monthly = h('input', { name: 'monthlySpeedKmh', value: s.monthlySpeedKmh?.join(',') ?? '' });
  const trips = TYPES.map((k) => [k, h('input', { name: `trip-${k}`, type: 'number', min: 1, value: s.defaultTripDays[k] ?? '' })] as const);
  const save = async () => {
    const speeds = monthly.value.trim() ? monthly.value.split(/[,，\s]+/).map(Number) : null;
    const body = { timeZone: zone.value.trim(), monthlySpeedKmh: speeds, ...Object.fromEntries(nums.map(([k, el]) => [k, Number(el.value)])), defaultTripDays: Object.fromEntries(trips.filter(([, el]) => el.value).map(([k, el]) => [k, Number(el.value)])) };
    try {
      await patch(`/api/regions/${regionId}/settings`, body);
      mount(status, w.saved);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      mount(status, h('span', { class: 'error' }, err.message, ' ', JSON.stringify(err.details ?? '')));
    }
  };
  return h(
    'form',
    { class: 'card', 'data-testid': 'region-settings', onsubmit: (e: Event) => (e.preventDefault(), void save()) },
    h('h2', null, w.title),
    field(w.timeZone, zone),
    nums.map(([k, el]) => field(w[k], el)),
    field(w.monthlySpeedKmh, monthly),
    h('fieldset', null, h('legend', null, w.trip), trips.map(([k, el]) => field(tk('vehicleType', k), el)), h('p', { class: 'hint' }, w.tripHint)),
    h('button', { type: 'submit' }, w.save),
    status,
  );
}

function closureRow(w: (typeof words)['en'], c: Closure, remove: () => void) {
  const row = h(
    'tr',
    { class: 'closure' },
    h('td', null, h('input', { type: 'date', name: 'startsOn', value: c.startsOn, 'aria-label': w.starts })),
    h('td', null, h('input', { type: 'date', name: 'endsOn', value: c.endsOn, 'aria-label': w.ends })),
    h('td', null, h('input', { name: 'venueKinds', value: c.venueKinds?.join(',') ?? '', 'aria-label': w.kinds })),
    h('td', null, h('input', { name: 'reason', value: c.reason, 'aria-label': w.reason })),
    h('td', null, h('button', { type: 'button', class: 'secondary', onclick: () => (row.remove(), remove()) }, w.remove)),
  );
  return row;
}

function closuresOf(body: HTMLElement): Closure[] {
  return [...body.querySelectorAll('tr.closure')].map((tr) => {
    const v = (n: string) => tr.querySelector<HTMLInputElement>(`input[name="${n}"]`)!.value.trim();
    const kinds = v('venueKinds');
    return { startsOn: v('startsOn'), endsOn: v('endsOn'), venueKinds: kinds ? (kinds.split(/[,，\s]+/) as Closure['venueKinds']) : null, reason: v('reason') };
  });
}

function closuresCard(w: (typeof words)['en'], regionId: number) {
  const status = liveRegion();
  const year = h('input', { name: 'year', type: 'number', value: Number(today().slice(0, 4)) + 1 });
  const body = h('tbody');
  const show = (list: Closure[]) => mount(body, list.map((c) => closureRow(w, c, () => undefined)));
  const load = async (path: string) => show((await get<{ closures: Closure[] }>(path)).closures);
  const save = async () => {
    try {
      show((await put<{ closures: Closure[] }>(`/api/regions/${regionId}/closures/${year.value}`, { closures: closuresOf(body) })).closures);
      mount(status, w.saved);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      mount(status, h('span', { class: 'error' }, err.message, ' ', JSON.stringify(err.details ?? '')));
    }
  };
  void load(`/api/regions/${regionId}/closures/${year.value}`);
  return h(
    'section',
    { class: 'card', 'data-testid': 'region-closures' },
    h('h2', null, w.closures),
    h('div', { class: 'actions' }, field(w.year, year), h('button', { type: 'button', class: 'secondary', onclick: () => void load(`/api/regions/${regionId}/closures/${year.value}`) }, w.load), h('button', { type: 'button', class: 'secondary', onclick: () => void load(`/api/closure-template/${year.value}`) }, w.template)),
    sidewaysScroll(w.closuresTable, h('table', { class: 'table' }, h('thead', null, h('tr', null, [w.starts, w.ends, w.kinds, w.reason, ''].map((x) => h('th', { scope: 'col' }, x)))), body)),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => body.append(closureRow(w, { startsOn: '', endsOn: '', venueKinds: null, reason: '' }, () => undefined)) }, w.add), h('button', { type: 'button', onclick: () => void save() }, w.saveClosures)),
    status,
  );
}

export const settingsPage: Page = async (root, ctx) => {
  const w = words[locale()];
  const regionId = ctx.regionId!;
  const settings = await get<RegionSettings>(`/api/regions/${regionId}/settings`);
  mount(root, settingsForm(w, regionId, settings), closuresCard(w, regionId));
};

// Coordinator: the region's figures for a period, with charts (ECharts, only the parts used) and
// CSV / Excel downloads.
import { get, latestLoad, qs } from '../api.js';
import type { Page } from '../app.js';
import { chartsLifetime, echarts } from '../charts.js';
import { defaultPlan, loadPlans } from '../data.js';
import * as clock from '../clock.js';
import { h, mount } from '../dom.js';
import { periodForm } from '../period-form.js';
import { addDays } from '../dates.js';
import { formatNumber, t, type MessageKey } from '../i18n.js';
import type { RegionReport } from '../types.js';
import { proofsSection } from './reports-proofs.js';

export const reportsPage: Page = async (root, ctx, params) => {
  const today = clock.today();
  const from = h('input', { type: 'date', value: params.get('from') ?? `${today.slice(0, 4)}-01-01`, required: true });
  const to = h('input', { type: 'date', value: params.get('to') ?? `${today.slice(0, 4)}-12-31`, required: true });
  const out = h('div', { class: 'reports-charts' });
  const links = h('p');
  const charts: echarts.ECharts[] = [];
  const plans = await loadPlans(ctx.regionId).catch(() => []);
  const plan = plans.find((p) => p.status === 'published') ?? defaultPlan(plans);
  const load = latestLoad();

  async function show() {
    const latest = load();
    charts.splice(0).forEach((c) => c.dispose());
    const q = qs({ from: from.value, to: to.value });
    mount(
      links,
      h('a', { class: 'button', href: `/api/regions/${ctx.regionId}/reports.csv${q}`, download: '' }, t('downloadCsv')),
      ' ',
      plan ? h('a', { class: 'button', href: `/api/plans/${plan.id}/export.xlsx`, download: '' }, t('downloadXlsx')) : null,
      ' ',
      plan ? h('a', { class: 'button', href: `/api/plans/${plan.id}/export.csv`, download: '' }, `${t('plan')} CSV`) : null,
    );
    let r: RegionReport;
    let byMonth: Array<{ month: string; stops: number; visitors: number }>;
    let km: Array<{ name: string; km: number }>;
    try {
      // The period's figures (with the server's km per vehicle, the same rule as its total), and the
      // same report month by month (one request each).
      r = await get<RegionReport>(`/api/regions/${ctx.regionId}/reports${q}`);
      const months = monthsOf(from.value, to.value);
      const monthly = await Promise.all(months.map(([a, b]) => get<RegionReport>(`/api/regions/${ctx.regionId}/reports${qs({ from: a, to: b })}`)));
      byMonth = months.map(([a], i) => ({ month: a.slice(0, 7), stops: monthly[i]!.stops, visitors: monthly[i]!.visitors }));
      km = r.daysOutPerVehicle.filter((v) => v.km > 0).map((v) => ({ name: v.name, km: v.km }));
    } catch (err) {
      if (!latest()) return;
      mount(out, h('p', { class: 'error', role: 'alert' }, t('failed', { message: (err as Error).message })));
      return;
    }
    const proofs = await proofsSection(ctx.regionId!, from.value, to.value);
    if (!latest()) return;
    const key = { reached: r.keyCountiesReached, total: r.keyCountiesTotal };
    const totals: Array<[MessageKey, number]> = [
      ['stops', r.stops],
      ['visitors', r.visitors],
      ['activities', r.activities],
      ['countiesReached', r.countiesReached],
      ['keyReached', r.keyCountiesReached],
      ['kmDriven', r.kmDriven],
      ['reportPhotos', r.photos],
      ['stopsWithPhotos', r.stopsWithPhotos],
    ];
    const monthEl = h('div', { class: 'chart', role: 'img', 'aria-label': t('stopsPerMonth') });
    const keyEl = h('div', { class: 'chart', role: 'img', 'aria-label': t('keyReached') });
    const kmEl = h('div', { class: 'chart', role: 'img', 'aria-label': t('kmPerVehicle'), style: `height:${Math.max(320, km.length * 26 + 80)}px` });
    mount(
      out,
      h('div', { class: 'metrics' }, totals.map(([k, v]) => h('div', { class: 'metric' }, h('b', null, formatNumber(v)), h('span', null, t(k))))),
      h('div', { class: 'grid2' }, h('section', null, h('h2', null, t('stopsPerMonth')), monthEl), h('section', null, h('h2', null, t('keyReached'), ` ${key.reached}/${key.total}`), keyEl)),
      h('section', null, h('h2', null, t('kmPerVehicle')), kmEl),
      targetsSection(r),
      proofs,
    );
    const month = echarts.init(monthEl, undefined, { renderer: 'svg' });
    month.setOption({
      tooltip: { trigger: 'axis' },
      legend: {},
      xAxis: { type: 'category', data: byMonth.map((m) => m.month) },
      yAxis: [{ type: 'value', name: t('stops') }, { type: 'value', name: t('visitors') }],
      series: [
        { name: t('stops'), type: 'bar', data: byMonth.map((m) => m.stops), itemStyle: { color: '#2f5d8a' } },
        { name: t('visitors'), type: 'line', yAxisIndex: 1, data: byMonth.map((m) => m.visitors), itemStyle: { color: '#b3261e' } },
      ],
    });
    const keyChart = echarts.init(keyEl, undefined, { renderer: 'svg' });
    keyChart.setOption({
      tooltip: {},
      series: [{ type: 'pie', radius: ['45%', '70%'], data: [{ name: t('keyReached'), value: key.reached, itemStyle: { color: '#b3261e' } }, { name: t('keyNotReached'), value: Math.max(0, key.total - key.reached), itemStyle: { color: '#c9ccd1' } }] }],
    });
    const kmChart = echarts.init(kmEl, undefined, { renderer: 'svg' });
    kmChart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 140 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: km.map((k) => k.name), axisLabel: { interval: 0 } },
      series: [{ type: 'bar', data: km.map((k) => Math.round(k.km)), itemStyle: { color: '#2f5d8a' } }],
    });
    charts.push(month, keyChart, kmChart);
  }

  mount(
    root,
    h('h1', null, t('reportsTitle')),
    periodForm(from, to, show),
    links,
    out,
  );
  await show();
  return chartsLifetime(charts);
};

/** The calendar months a period touches, each clipped to the period: [[from, to], …]. */
function monthsOf(from: string, to: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let a = from;
  while (a <= to && out.length < 36) {
    const [y, m] = a.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const b = addDays(next, -1) < to ? addDays(next, -1) : to;
    out.push([a, b]);
    a = next;
  }
  return out;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Each caravan against the targets of national practice for the period, and the township share. */
function targetsSection(r: RegionReport): HTMLElement {
  const target = r.caravanTargets;
  const caravans = r.daysOutPerVehicle.filter((v) => v.caravan);
  return h(
    'section',
    { class: 'caravan-targets' },
    h('h2', null, t('caravanTargets')),
    h('p', null, t('caravanTargetsHint', { days: formatNumber(target.daysOut), km: formatNumber(target.km), share: percent(target.townshipShare) })),
    r.caravanTownshipShare === null ? null : h('p', { class: r.caravanTownshipShare >= target.townshipShare ? 'target-met' : 'target-missed' }, t('caravanTownshipShare', { share: percent(r.caravanTownshipShare) })),
    h(
      'table',
      null,
      h('thead', null, h('tr', null, h('th', null, t('vehicle')), h('th', null, t('daysOut')), h('th', null, t('kmDriven')), h('th', null, t('caravanTargets')))),
      h(
        'tbody',
        null,
        caravans.map((v) =>
          h('tr', null, h('td', null, v.name), h('td', null, formatNumber(v.daysOut)), h('td', null, formatNumber(v.km)), h('td', { class: v.meetsTarget ? 'target-met' : 'target-missed' }, v.meetsTarget ? t('targetMet') : t('targetNotMet'))),
        ),
      ),
    ),
  );
}

// The deployment's administrator: every region's figures for a period (coverage of key assistance
// counties, roving stays, caravan activities, visitors, km), a table, three charts and the
// spreadsheet for the annual report.
import type { z } from 'zod';
import type { NationalReport as NationalReportSchema } from '../../../server/contract/national.js';
import { sidewaysScroll } from '../a11y.js';
import { get, latestLoad, qs } from '../api.js';
import type { Page } from '../app.js';
import { chartsLifetime, echarts } from '../charts.js';
import * as clock from '../clock.js';
import { h, mount } from '../dom.js';
import { periodForm } from '../period-form.js';
import { formatNumber, locale, t } from '../i18n.js';

type NationalReport = z.infer<typeof NationalReportSchema>;
type Figures = NationalReport['totals'];

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 1000) / 10}%`);

/** A table row of figures: key counties reached of all, coverage, stays, activities, visitors, km. */
const figureCells = (f: Figures) => [
  h('td', { class: 'num' }, `${formatNumber(f.keyCountiesReached)}/${formatNumber(f.keyCountiesTotal)}`),
  h('td', { class: 'num' }, percent(f.keyCoverage)),
  h('td', { class: 'num' }, formatNumber(f.rovingStays)),
  h('td', { class: 'num' }, formatNumber(f.caravanActivities)),
  h('td', { class: 'num' }, formatNumber(f.visitors)),
  h('td', { class: 'num' }, formatNumber(f.kmDriven)),
];

export const nationalPage: Page = async (root, _ctx, params) => {
  const year = clock.today().slice(0, 4);
  const from = h('input', { type: 'date', value: params.get('from') ?? `${year}-01-01`, required: true });
  const to = h('input', { type: 'date', value: params.get('to') ?? `${year}-12-31`, required: true });
  const links = h('p');
  const out = h('div', { class: 'reports-charts national' });
  const charts: echarts.ECharts[] = [];
  const load = latestLoad();

  async function show() {
    const latest = load();
    charts.splice(0).forEach((c) => c.dispose());
    const q = qs({ from: from.value, to: to.value });
    mount(
      links,
      h('a', { class: 'button', href: `/api/national/report.xlsx${q}`, download: '' }, t('nationalXlsx')),
      ' ',
      h('a', { class: 'button', href: `/api/national/report.csv${q}`, download: '' }, t('nationalCsv')),
    );
    let r: NationalReport;
    try {
      r = await get<NationalReport>(`/api/national/report${q}`);
    } catch (err) {
      if (!latest()) return;
      mount(out, h('p', { class: 'error', role: 'alert' }, t('failed', { message: (err as Error).message })));
      return;
    }
    if (!latest()) return;
    if (!r.regions.length) return mount(out, h('p', null, t('nationalNone')));
    const name = (x: NationalReport['regions'][number]) => (locale() === 'en' ? x.nameEn : x.nameZh);
    const names = r.regions.map(name);
    const height = `height:${Math.max(320, r.regions.length * 28 + 80)}px`;
    const coverageEl = h('div', { class: 'chart', role: 'img', 'aria-label': t('nationalCoverageChart'), style: height });
    const activityEl = h('div', { class: 'chart', role: 'img', 'aria-label': t('nationalActivityChart'), style: height });
    const reachEl = h('div', { class: 'chart', role: 'img', 'aria-label': t('nationalReachChart'), style: height });
    mount(
      out,
      // Eight columns do not fit a phone: the table scrolls in its own box, the page does not.
      sidewaysScroll(
        t('nationalTable'),
        h(
          'table',
          { class: 'table', 'data-testid': 'national-rows' },
          h('thead', null, h('tr', null, [t('nationalCode'), t('nationalRegion'), t('nationalKeyReached'), t('nationalCoverage'), t('nationalRovingStays'), t('nationalCaravanActivities'), t('nationalVisitors'), t('nationalKm')].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, r.regions.map((x) => h('tr', { 'data-code': x.code }, h('td', null, x.code), h('th', { scope: 'row' }, name(x)), figureCells(x)))),
          h('tfoot', null, h('tr', { 'data-code': 'total' }, h('td'), h('th', { scope: 'row' }, t('nationalTotal')), figureCells(r.totals))),
        ),
      ),
      h('section', null, h('h2', null, t('nationalCoverageChart')), coverageEl),
      h('div', { class: 'grid2' }, h('section', null, h('h2', null, t('nationalActivityChart')), activityEl), h('section', null, h('h2', null, t('nationalReachChart')), reachEl)),
    );
    // Regions top to bottom in the table's order (a category axis draws its first value at the bottom).
    const yAxis = { type: 'category', data: [...names].reverse(), axisLabel: { interval: 0 } };
    // On a phone the value axes have room for a few numbers: the ones that would overlap are left out.
    const axisLabel = { hideOverlap: true };
    const series = (pick: (x: NationalReport['regions'][number]) => number) => r.regions.map(pick).reverse();
    const coverage = echarts.init(coverageEl, undefined, { renderer: 'svg' });
    coverage.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 140 },
      xAxis: { type: 'value', max: 100, axisLabel },
      yAxis,
      series: [{ name: t('nationalCoverage'), type: 'bar', data: series((x) => Math.round((x.keyCoverage ?? 0) * 1000) / 10), itemStyle: { color: '#b3261e' } }],
    });
    const activity = echarts.init(activityEl, undefined, { renderer: 'svg' });
    activity.setOption({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 140 },
      xAxis: { type: 'value', axisLabel },
      yAxis,
      series: [
        { name: t('nationalRovingStays'), type: 'bar', data: series((x) => x.rovingStays), itemStyle: { color: '#2f5d8a' } },
        { name: t('nationalCaravanActivities'), type: 'bar', data: series((x) => x.caravanActivities), itemStyle: { color: '#e0a030' } },
      ],
    });
    const reach = echarts.init(reachEl, undefined, { renderer: 'svg' });
    reach.setOption({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 140 },
      xAxis: [
        { type: 'value', name: t('nationalVisitors'), nameLocation: 'middle', nameGap: 28, axisLabel },
        { type: 'value', name: t('nationalKm'), nameLocation: 'middle', nameGap: 28, axisLabel },
      ],
      yAxis,
      series: [
        { name: t('nationalVisitors'), type: 'bar', data: series((x) => x.visitors), itemStyle: { color: '#2f5d8a' } },
        { name: t('nationalKm'), type: 'bar', xAxisIndex: 1, data: series((x) => x.kmDriven), itemStyle: { color: '#6b8e23' } },
      ],
    });
    charts.push(coverage, activity, reach);
  }

  mount(
    root,
    h('h1', null, t('nationalTitle')),
    h('p', { class: 'hint' }, t('nationalHint')),
    periodForm(from, to, show),
    links,
    out,
  );
  await show();
  return chartsLifetime(charts);
};

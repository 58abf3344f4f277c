// The audit log: who changed what and when, newest first, filtered by action, entity, actor and
// days; a coordinator sees their regions' entries, the administrator every entry (the server decides).
import type { AuditPage } from '../../../server/contract/audit.js';
import { sidewaysScroll } from '../a11y.js';
import { ApiError, get, latestLoad } from '../api.js';
import type { Page } from '../app.js';
import { field, h, liveRegion, mount } from '../dom.js';
import { locale, timeZone } from '../i18n.js';

type Entry = AuditPage['entries'][number];

const words = {
  'zh-CN': {
    title: '审计日志', hint: '谁在何时改了什么，最新的在前。', action: '操作（可只填开头，如 user. 或 auth.）', entity: '对象类型', entityId: '对象编号', actor: '操作人编号',
    region: '区域编号', from: '从（日期）', to: '到（日期，含）', search: '查询', older: '更早的记录', none: '没有符合条件的记录。',
    at: '时间', who: '操作人', what: '操作', which: '对象', regions: '区域', change: '变更', system: '系统', entries: '审计记录（可左右滚动）',
  },
  en: {
    title: 'Audit log', hint: 'Who changed what and when, newest first.', action: 'Action (or its start, e.g. user. or auth.)', entity: 'Entity', entityId: 'Entity id', actor: 'Actor id',
    region: 'Region id', from: 'From (day)', to: 'To (day, included)', search: 'Search', older: 'Older entries', none: 'No entries match.',
    at: 'When', who: 'Who', what: 'Action', which: 'Entity', regions: 'Regions', change: 'Change', system: 'system', entries: 'Audit entries (scrolls sideways)',
  },
};
type Words = (typeof words)['en'];

/** The instant a day of the region's calendar starts (the region's zone, as the dates on the page). */
function startOf(day: string, zone: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const local = new Date(noon.toLocaleString('en-US', { timeZone: zone }));
  const offsetMin = Math.round((local.getTime() - noon.getTime()) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${day}T00:00:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const brief = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v).slice(0, 200));

function row(w: Words, e: Entry) {
  const at = new Date(e.at).toLocaleString(locale(), { timeZone: timeZone() });
  const change = [brief(e.before), brief(e.after)].filter(Boolean).join(' → ');
  return h(
    'tr',
    { dataset: { action: e.action } },
    h('td', null, at),
    // A user's name, and codes and data as stored (the filters above take the same codes): not words to translate.
    h('td', null, e.actor ? h('span', { translate: 'no' }, e.actor) : w.system),
    h('td', null, h('code', { translate: 'no' }, e.action)),
    h('td', null, h('code', { translate: 'no' }, `${e.entity} ${e.entityId}`)),
    h('td', null, e.regionIds.join(', ')),
    h('td', { class: 'audit-change' }, h('code', { translate: 'no' }, change)),
  );
}

export const auditPage: Page = async (root, ctx) => {
  const w = words[locale()];
  const input = (name: string, type = 'text') => h('input', { name, type });
  const controls = { action: input('action'), entity: input('entity'), entityId: input('entityId'), actor: input('actor', 'number'), region: input('region', 'number'), from: input('from', 'date'), to: input('to', 'date') };
  if (ctx.role === 'coordinator' && ctx.regionId) controls.region.value = String(ctx.regionId);
  const status = liveRegion();
  const body = h('tbody');
  const older = h('button', { type: 'button', class: 'secondary', hidden: true }, w.older);
  let next: number | null = null;

  const query = (before: number | null) => {
    const q = new URLSearchParams({ limit: '50' });
    for (const k of ['action', 'entity', 'entityId', 'actor', 'region'] as const) if (controls[k].value.trim()) q.set(k, controls[k].value.trim());
    if (controls.from.value) q.set('from', startOf(controls.from.value, timeZone()));
    if (controls.to.value) q.set('to', startOf(nextDay(controls.to.value), timeZone()));
    if (before !== null) q.set('before', String(before));
    return q;
  };
  const begin = latestLoad();
  const load = async (more: boolean) => {
    const latest = begin();
    // A new search drops the last one's "older" cursor: the button comes back with the new results.
    if (!more) older.hidden = true;
    try {
      const page = await get<AuditPage>(`/api/audit?${query(more ? next : null).toString()}`);
      if (!latest()) return;
      if (!more) body.replaceChildren();
      body.append(...page.entries.map((e) => row(w, e)));
      next = page.next;
      older.hidden = next === null;
      mount(status, body.children.length ? '' : w.none);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (latest()) mount(status, h('span', { class: 'error' }, err.message));
    }
  };
  older.addEventListener('click', () => void load(true));

  mount(
    root,
    h(
      'section',
      { class: 'card', 'data-testid': 'audit-log' },
      h('h2', null, w.title),
      h('p', { class: 'hint' }, w.hint),
      h(
        'form',
        { class: 'filters', onsubmit: (e: Event) => (e.preventDefault(), void load(false)) },
        (Object.keys(controls) as (keyof typeof controls)[]).map((k) => field(w[k], controls[k])),
        h('button', { type: 'submit' }, w.search),
      ),
      status,
      sidewaysScroll(w.entries, h('table', null, h('thead', null, h('tr', null, [w.at, w.who, w.what, w.which, w.regions, w.change].map((c) => h('th', { scope: 'col' }, c)))), body)),
      older,
    ),
  );
  await load(false);
};

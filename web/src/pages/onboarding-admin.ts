// The deployment's administrator: every region with its coordinators, and opening a new region
// with its first coordinator.
import type { z } from 'zod';
import type { AdminRegion as AdminRegionSchema } from '../../../server/contract/admin.js';
import { sidewaysScroll } from '../a11y.js';
import { ApiError, get, post } from '../api.js';
import type { Page } from '../app.js';
import { field, h, liveRegion, mount } from '../dom.js';
import { locale, t } from '../i18n.js';

type AdminRegion = z.infer<typeof AdminRegionSchema>;

const words = {
  'zh-CN': {
    title: '区域', code: '区划代码', nameZh: '中文名称', nameEn: '英文名称', timeZone: '时区', coordinators: '协调员',
    open: '开通区域', username: '协调员用户名', displayName: '协调员姓名', password: '初始密码（至少 8 位）', opened: '已开通：', submit: '开通',
  },
  en: {
    title: 'Regions', code: 'Division code', nameZh: 'Chinese name', nameEn: 'English name', timeZone: 'Time zone', coordinators: 'Coordinators',
    open: 'Open a region', username: 'Coordinator’s username', displayName: 'Coordinator’s name', password: 'First password (8 characters or more)', opened: 'Opened: ', submit: 'Open',
  },
};

export const adminPage: Page = async (root) => {
  const w = words[locale()];
  const list = h('tbody');
  const show = async () => {
    const regions = await get<AdminRegion[]>('/api/admin/regions');
    mount(list, regions.map((r) => h('tr', null, h('td', null, r.code), h('td', null, r.nameZh), h('td', null, r.nameEn), h('td', null, r.timeZone), h('td', null, r.coordinators))));
  };
  const input = (name: string, type = 'text') => h('input', { name, type, required: true });
  const fields = { code: input('code'), nameZh: input('nameZh'), nameEn: input('nameEn'), username: input('username'), displayName: input('displayName'), password: input('password', 'password') };
  const zone = h('input', { name: 'timeZone', value: 'Asia/Shanghai' });
  const status = liveRegion();
  const submit = async () => {
    const v = Object.fromEntries(Object.entries(fields).map(([k, el]) => [k, el.value.trim()]));
    try {
      const r = await post<{ region: { nameZh: string } }>('/api/admin/regions', { code: v.code, nameZh: v.nameZh, nameEn: v.nameEn, timeZone: zone.value.trim(), coordinator: { username: v.username, displayName: v.displayName, password: fields.password.value } });
      mount(status, w.opened, r.region.nameZh);
      await show();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      mount(status, h('span', { class: 'error' }, err.message, ' ', err.details ? JSON.stringify(err.details) : ''));
    }
  };
  mount(
    root,
    h(
      'section',
      { class: 'card' },
      h('h1', null, w.title),
      // Five columns of names and zones are wider than a phone in English: they scroll in their own box.
      sidewaysScroll(t('adminRegionsTable'), h('table', { class: 'table', 'data-testid': 'admin-regions' }, h('thead', null, h('tr', null, [w.code, w.nameZh, w.nameEn, w.timeZone, w.coordinators].map((x) => h('th', { scope: 'col' }, x)))), list)),
    ),
    h(
      'form',
      { class: 'card', onsubmit: (e: Event) => (e.preventDefault(), void submit()) },
      h('h2', null, w.open),
      field(w.code, fields.code), field(w.nameZh, fields.nameZh), field(w.nameEn, fields.nameEn), field(w.timeZone, zone),
      field(w.username, fields.username), field(w.displayName, fields.displayName), field(w.password, fields.password),
      h('button', { type: 'submit' }, w.submit),
      status,
    ),
  );
  await show();
};

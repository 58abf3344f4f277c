// Getting a region in from one workbook: download the template (zh-CN or en), choose the filled
// file, dry-run it (what would be created, updated and refused, every error by sheet, row and
// field), then import it, all or nothing.
import type { z } from 'zod';
import type { WorkbookResult as WorkbookResultSchema } from '../../../server/contract/onboarding.js';
import { ApiError, post } from '../api.js';
import type { Page } from '../app.js';
import { field, h, liveRegion, mount } from '../dom.js';
import { locale } from '../i18n.js';

type Result = z.infer<typeof WorkbookResultSchema>;

const words = {
  'zh-CN': {
    title: '导入区域数据',
    intro: '下载模板，按表填写中心、展点、套组、车辆、司机、县级账号、申请和历史巡展；先试导入，确认无误后再导入。重复导入同一工作簿不会改变任何内容。',
    templateZh: '下载模板（中文）',
    templateEn: '下载模板（英文）',
    file: '填好的工作簿（.xlsx）',
    dryRun: '试导入',
    import: '导入',
    working: '正在处理……',
    noFile: '请先选择工作簿文件。',
    okDry: '试导入通过：以下内容将被写入。',
    okDone: '导入完成。',
    refusedDry: '试导入发现错误：修改后再试。导入时有任何错误都不会写入任何内容。',
    sheet: '工作表',
    created: '新建',
    updated: '更新',
    unchanged: '不变',
    refused: '拒绝',
    row: '行',
    field: '字段',
    message: '问题',
  },
  en: {
    title: 'Import region data',
    intro: 'Download the template and fill in centres, venues, sets, vehicles, drivers, host accounts, requests and past stays; dry-run first, then import. Importing the same workbook again changes nothing.',
    templateZh: 'Download template (Chinese)',
    templateEn: 'Download template (English)',
    file: 'Filled workbook (.xlsx)',
    dryRun: 'Dry run',
    import: 'Import',
    working: 'Working…',
    noFile: 'Choose the workbook file first.',
    okDry: 'Dry run passed: this is what will be written.',
    okDone: 'Imported.',
    refusedDry: 'The dry run found errors: fix them and try again. With any error an import writes nothing.',
    sheet: 'Sheet',
    created: 'Created',
    updated: 'Updated',
    unchanged: 'Unchanged',
    refused: 'Refused',
    row: 'Row',
    field: 'Field',
    message: 'Problem',
  },
};

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function countsTable(w: (typeof words)['en'], r: Pick<Result, 'sheets'>) {
  const cols = ['created', 'updated', 'unchanged', 'refused'] as const;
  return h(
    'table',
    { class: 'table', 'data-testid': 'import-counts' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, w.sheet), cols.map((c) => h('th', { scope: 'col' }, w[c])))),
    h('tbody', null, Object.entries(r.sheets).map(([sheet, n]) => h('tr', { dataset: { sheet } }, h('th', { scope: 'row' }, sheet), cols.map((c) => h('td', null, n[c]))))),
  );
}

function errorsTable(w: (typeof words)['en'], errors: Result['errors']) {
  return h(
    'table',
    { class: 'table', 'data-testid': 'import-errors' },
    h('thead', null, h('tr', null, [w.sheet, w.row, w.field, w.message].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, errors.map((e) => h('tr', null, h('td', null, e.sheet), h('td', null, e.row), h('td', null, e.field), h('td', null, e.message)))),
  );
}

export const onboardingPage: Page = (root, ctx) => {
  const w = words[locale()];
  const input = h('input', { type: 'file', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'data-testid': 'workbook-file' });
  const status = liveRegion();
  const out = h('div', { class: 'import-result' });
  const run = async (dryRun: boolean) => {
    const file = input.files?.[0];
    if (!file) return mount(status, w.noFile);
    mount(status, w.working);
    mount(out);
    try {
      const r = await post<Result>(`/api/regions/${ctx.regionId}/workbook${dryRun ? '?dryRun=true' : ''}`, { format: 'xlsx', content: await base64Of(file) });
      mount(status, r.ok ? (dryRun ? w.okDry : w.okDone) : w.refusedDry);
      mount(out, countsTable(w, r), r.errors.length ? errorsTable(w, r.errors) : null);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      mount(status, h('span', { class: 'error' }, err.message));
      const d = err.details as Partial<Result> | undefined;
      if (d?.errors) mount(out, d.sheets ? countsTable(w, { sheets: d.sheets }) : null, errorsTable(w, d.errors));
    }
  };
  mount(
    root,
    h(
      'section',
      { class: 'card' },
      h('h1', null, w.title),
      h('p', null, w.intro),
      h('p', null, h('a', { href: '/api/workbook-template.xlsx?lang=zh-CN', download: true }, w.templateZh), ' · ', h('a', { href: '/api/workbook-template.xlsx?lang=en', download: true }, w.templateEn)),
      field(w.file, input),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void run(true) }, w.dryRun), h('button', { type: 'button', class: 'secondary', onclick: () => void run(false) }, w.import)),
      status,
      out,
    ),
  );
};

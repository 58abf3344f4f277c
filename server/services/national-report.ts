import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { NationalReport } from '../contract/national.js';
import type { DbOrTx } from '../db/client.js';
import { listRegionsByCode } from '../db/queries/reports.js';
import { csvText, safeCell, safeText } from './csv.js';
import { coreFigures, periodFacts } from './reports.js';

type Report = z.infer<typeof NationalReport>;
type Figures = Report['totals'];

const share = (reached: number, total: number) => (total ? Math.round((reached / total) * 1000) / 1000 : null);

/** One region's national figures for a period, counted from the same stays and legs as its region report. */
async function regionFigures(db: DbOrTx, regionId: number, from: string, to: string) {
  const facts = await periodFacts(db, regionId, from, to);
  const core = coreFigures(facts);
  const caravan = facts.rows.filter((r) => r.setKind === 'caravan_kit');
  return {
    planId: facts.planId,
    keyCountiesReached: core.keyCountiesReached,
    keyCountiesTotal: core.keyCountiesTotal,
    keyCoverage: share(core.keyCountiesReached, core.keyCountiesTotal),
    stops: core.stops,
    rovingStays: facts.rows.filter((r) => r.setKind === 'roving_museum').length,
    caravanActivities: caravan.reduce((s, r) => s + (r.activities ?? 1), 0),
    visitors: core.visitors,
    kmDriven: core.kmDriven,
  };
}

/** Every region's figures for a period (inclusive days), in the order of their codes, and their sums. */
export async function nationalReport(db: DbOrTx, from: string, to: string): Promise<Report> {
  const regions: Report['regions'] = [];
  for (const r of await listRegionsByCode(db)) {
    regions.push({ regionId: r.id, code: r.code, provinceCode: r.code.slice(0, 2), nameZh: r.nameZh, nameEn: r.nameEn, ...(await regionFigures(db, r.id, from, to)) });
  }
  const sum = (k: keyof Figures) => regions.reduce((s, r) => s + (r[k] ?? 0), 0);
  const totals: Figures = {
    keyCountiesReached: sum('keyCountiesReached'),
    keyCountiesTotal: sum('keyCountiesTotal'),
    keyCoverage: share(sum('keyCountiesReached'), sum('keyCountiesTotal')),
    stops: sum('stops'),
    rovingStays: sum('rovingStays'),
    caravanActivities: sum('caravanActivities'),
    visitors: sum('visitors'),
    kmDriven: sum('kmDriven'),
  };
  return { from, to, regions, totals };
}

// The spreadsheet's columns: bilingual headings, as the plan export's (exports.ts).
const COLUMNS = [
  ['code', '区划代码 code', 10],
  ['nameZh', '区域 region', 16],
  ['nameEn', 'Region', 18],
  ['keyCountiesReached', '重点帮扶县已覆盖 key counties reached', 14],
  ['keyCountiesTotal', '重点帮扶县总数 key counties', 14],
  ['keyCoverage', '覆盖率 coverage', 10],
  ['rovingStays', '流动科技馆巡展 roving stays', 14],
  ['caravanActivities', '大篷车活动 caravan activities', 14],
  ['visitors', '观众人次 visitors', 14],
  ['kmDriven', '行驶里程 km', 12],
] as const;

/** The report's rows as cells (every one through the writer's safe rule), the totals last. */
function rows(r: Report): (string | number | null)[][] {
  const total = { code: null, nameZh: '合计', nameEn: 'Total', ...r.totals };
  return [...r.regions, total].map((x) => COLUMNS.map(([k]) => safeCell(x[k])));
}

/** The national report as CSV (UTF-8 with BOM, bilingual header, the totals last), for the annual report. */
export function nationalCsv(r: Report): string {
  return csvText([COLUMNS.map(([, h]) => h), ...rows(r)]);
}

/** The national report as an Excel workbook: one sheet of regions and totals, and the period. */
export async function nationalWorkbook(r: Report, created: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rove';
  wb.created = created;
  const ws = wb.addWorksheet(`${r.from}~${r.to}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map(([key, header, width]) => ({ key, header: safeText(header), width }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(rows(r));
  ws.getColumn('keyCoverage').numFmt = '0.0%';
  ws.lastRow!.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

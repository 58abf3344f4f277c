import ExcelJS from 'exceljs';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { listUnserved } from '../db/queries/planning.js';
import { PassThrough, type Readable } from 'node:stream';
import { csvStream, safeCell, safeText } from './csv.js';
import * as t from '../db/schema/index.js';

type PlanRow = typeof t.plans.$inferSelect;

/** One stay of a plan with what a spreadsheet shows of it, a page at a time (`after`: rows to skip). */
async function planRows(db: DbOrTx, planId: number, after: number, limit: number) {
  return db
    .select({
      stopId: t.stops.id,
      vehicleId: t.stops.vehicleId,
      vehicle: t.vehicles.name,
      plate: t.vehicles.plate,
      seq: t.stops.seq,
      venue: t.venues.name,
      countyCode: t.venues.countyCode,
      countyName: t.venues.countyName,
      priorityTier: t.venues.priorityTier,
      set: t.exhibitSets.name,
      setCode: t.exhibitSets.code,
      theme: t.exhibitSets.theme,
      startsOn: t.stops.startsOn,
      opensOn: t.stops.opensOn,
      closesOn: t.stops.closesOn,
      endsOn: t.stops.endsOn,
      status: t.stops.status,
      requestId: t.stops.requestId,
      legKm: t.legs.distanceM,
      legMinutes: t.legs.driveMinutes,
      restNights: t.legs.restNights,
    })
    .from(t.stops)
    .innerJoin(t.vehicles, eq(t.vehicles.id, t.stops.vehicleId))
    .innerJoin(t.venues, eq(t.venues.id, t.stops.venueId))
    .innerJoin(t.exhibitSets, eq(t.exhibitSets.id, t.stops.exhibitSetId))
    .leftJoin(t.legs, eq(t.legs.toStopId, t.stops.id))
    .where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled')))
    .orderBy(asc(t.stops.vehicleId), asc(t.stops.startsOn), asc(t.stops.id))
    .limit(limit)
    .offset(after);
}

const PAGE = 500;

/** Every stay of the plan, read a page at a time as the export is written. */
async function* eachPlanRow(db: DbOrTx, planId: number) {
  for (let after = 0; ; after += PAGE) {
    const page = await planRows(db, planId, after, PAGE);
    yield* page;
    if (page.length < PAGE) return;
  }
}

const COLUMNS = [
  ['vehicle', '车辆 vehicle'],
  ['plate', '车牌 plate'],
  ['seq', '序号 seq'],
  ['venue', '展点 venue'],
  ['countyCode', '县代码 county code'],
  ['countyName', '县 county'],
  ['priorityTier', '帮扶类别 tier'],
  ['set', '展品 set'],
  ['theme', '主题 theme'],
  ['startsOn', '布展开始 set-up from'],
  ['opensOn', '开放 opens'],
  ['closesOn', '闭展 closes'],
  ['endsOn', '撤展完成 ends'],
  ['status', '状态 status'],
  ['requestId', '申请 request'],
  ['legKm', '路程 km'],
  ['legMinutes', '驾驶 分钟 drive min'],
  ['restNights', '途中住宿 rest nights'],
] as const;

type ExportRow = Awaited<ReturnType<typeof planRows>>[number];
const cell = (r: ExportRow, key: (typeof COLUMNS)[number][0]) =>
  safeCell(key === 'legKm' ? (r.legKm === null ? null : Math.round(r.legKm / 100) / 10) : r[key]);

/** The plan as CSV, streamed: UTF-8 with a BOM, one row per stay, bilingual header, every cell safe (csv.ts). */
export async function planCsv(db: DbOrTx, plan: PlanRow): Promise<Readable> {
  async function* lines() {
    yield COLUMNS.map(([, h]) => h);
    for await (const r of eachPlanRow(db, plan.id)) yield COLUMNS.map(([k]) => cell(r, k));
  }
  return csvStream(lines());
}

/** Excel: a sheet name of at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetNamer() {
  const used = new Set<string>();
  return (name: string) => {
    const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet';
    let n = base;
    for (let i = 2; used.has(n); i++) n = `${base} ${i}`;
    used.add(n);
    return n;
  };
}

/**
 * The plan as an Excel workbook, streamed as it is written: one sheet per vehicle, and one for the
 * requests it could not serve. Every cell goes through the same rule as the CSV (safeCell).
 */
export async function planWorkbook(db: DbOrTx, plan: PlanRow, created: Date): Promise<Readable> {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Rove';
  wb.created = created;
  const sheetName = sheetNamer();
  const sheet = (name: string, columns: { key: string; header: string; width: number }[]) => {
    const ws = wb.addWorksheet(sheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ ...c, header: safeText(c.header) }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const write = async () => {
    let ws: ExcelJS.Worksheet | undefined;
    let vehicleId: number | undefined;
    for await (const r of eachPlanRow(db, plan.id)) {
      if (r.vehicleId !== vehicleId) {
        ws?.commit();
        vehicleId = r.vehicleId;
        ws = sheet(r.vehicle, COLUMNS.map(([key, header]) => ({ key, header, width: key === 'venue' || key === 'set' ? 28 : 14 })));
      }
      ws!.addRow(Object.fromEntries(COLUMNS.map(([k]) => [k, cell(r, k)]))).commit();
    }
    ws?.commit();
    const unserved = (await listUnserved(db, plan.id)).map((u) => ({
      requestId: u.requestId,
      venue: u.venueName,
      countyName: u.countyName,
      priorityTier: u.priorityTier,
      setKind: u.setKind,
      windowStart: u.windowStart,
      windowEnd: u.windowEnd,
      openDays: u.openDays,
      reason: u.reason,
    }));
    const us = sheet('未安排 Unserved', [
      { key: 'requestId', header: '申请 request', width: 10 },
      { key: 'venue', header: '展点 venue', width: 28 },
      { key: 'countyName', header: '县 county', width: 14 },
      { key: 'priorityTier', header: '帮扶类别 tier', width: 14 },
      { key: 'setKind', header: '类型 kind', width: 14 },
      { key: 'windowStart', header: '期望开始 window from', width: 14 },
      { key: 'windowEnd', header: '期望结束 window to', width: 14 },
      { key: 'openDays', header: '开放天数 open days', width: 10 },
      { key: 'reason', header: '原因 reason', width: 40 },
    ]);
    for (const u of unserved) {
      const row = { ...u, reason: `${u.reason.code} ${JSON.stringify(u.reason.params ?? {})}` };
      us.addRow(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safeCell(v)]))).commit();
    }
    us.commit();
    await wb.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

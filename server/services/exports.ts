import ExcelJS from 'exceljs';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { csvCell } from './csv.js';
import * as t from '../db/schema/index.js';

type PlanRow = typeof t.plans.$inferSelect;

/** One stay of a plan with what a spreadsheet shows of it. */
async function planRows(db: DbOrTx, planId: number) {
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
    .orderBy(asc(t.stops.vehicleId), asc(t.stops.startsOn), asc(t.stops.id));
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
  key === 'legKm' ? (r.legKm === null ? null : Math.round(r.legKm / 100) / 10) : r[key];

/** The plan as CSV: UTF-8 with a BOM (so Excel reads the Chinese), one row per stay, bilingual header. */
export async function planCsv(db: DbOrTx, plan: PlanRow): Promise<string> {
  const rows = await planRows(db, plan.id);
  const lines = [COLUMNS.map(([, h]) => csvCell(h)).join(',')];
  for (const r of rows) lines.push(COLUMNS.map(([k]) => csvCell(cell(r, k))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The plan as an Excel workbook: one sheet per vehicle, and one for the requests it could not serve. */
export async function planWorkbook(db: DbOrTx, plan: PlanRow, created: Date): Promise<Buffer> {
  const rows = await planRows(db, plan.id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rove';
  wb.created = created;
  const byVehicle = new Map<number, ExportRow[]>();
  for (const r of rows) byVehicle.set(r.vehicleId, [...(byVehicle.get(r.vehicleId) ?? []), r]);
  const used = new Set<string>();
  const sheetName = (name: string) => {
    // Excel: at most 31 characters, none of : \ / ? * [ ], unique.
    const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet';
    let n = base;
    for (let i = 2; used.has(n); i++) n = `${base} ${i}`;
    used.add(n);
    return n;
  };
  for (const list of byVehicle.values()) {
    const ws = wb.addWorksheet(sheetName(list[0]!.vehicle));
    ws.columns = COLUMNS.map(([key, header]) => ({ key, header, width: key === 'venue' || key === 'set' ? 28 : 14 }));
    for (const r of list) ws.addRow(Object.fromEntries(COLUMNS.map(([k]) => [k, cell(r, k)])));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const unserved = await db
    .select({
      requestId: t.requests.id,
      venue: t.venues.name,
      countyName: t.venues.countyName,
      priorityTier: t.venues.priorityTier,
      setKind: t.requests.setKind,
      windowStart: t.requests.windowStart,
      windowEnd: t.requests.windowEnd,
      openDays: t.requests.openDays,
      reason: t.planUnserved.reason,
    })
    .from(t.planUnserved)
    .innerJoin(t.requests, eq(t.requests.id, t.planUnserved.requestId))
    .innerJoin(t.venues, eq(t.venues.id, t.requests.venueId))
    .where(eq(t.planUnserved.planId, plan.id))
    .orderBy(asc(t.venues.priorityTier), asc(t.requests.id));
  const ws = wb.addWorksheet(sheetName('未安排 Unserved'));
  ws.columns = [
    { key: 'requestId', header: '申请 request', width: 10 },
    { key: 'venue', header: '展点 venue', width: 28 },
    { key: 'countyName', header: '县 county', width: 14 },
    { key: 'priorityTier', header: '帮扶类别 tier', width: 14 },
    { key: 'setKind', header: '类型 kind', width: 14 },
    { key: 'windowStart', header: '期望开始 window from', width: 14 },
    { key: 'windowEnd', header: '期望结束 window to', width: 14 },
    { key: 'openDays', header: '开放天数 open days', width: 10 },
    { key: 'reason', header: '原因 reason', width: 40 },
  ];
  for (const u of unserved) ws.addRow({ ...u, reason: `${u.reason.code} ${JSON.stringify(u.reason.params ?? {})}` });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { BlackoutCreate, CentreCreate, DriverCreate, ExhibitSetCreate, VehicleCreate, VenueImportRow } from '../contract/catalogue.js';
import { IsoDate } from '../contract/common.js';
import { HistoryRow } from '../contract/timeline.js';
import { Password, UserCreate } from '../contract/users.js';
import { DomainError } from '../errors.js';

// The onboarding workbook: one sheet per kind of row, each row keyed by the centre's own code (or a
// host's username), so that importing the same workbook again changes nothing. Headers may be the
// English keys or the Chinese labels of the template; cells are text, numbers or dates.

const Code = z.string().trim().min(1).max(50);
const Codes = z.array(Code).max(100);

type Kind = 'text' | 'number' | 'list' | 'date';
interface Column {
  key: string;
  zh: string;
  kind?: Kind;
  /** An example value for the template's notes sheet. */
  example: string;
}

export const SHEETS = ['centres', 'venues', 'blackouts', 'sets', 'vehicles', 'drivers', 'hosts', 'requests', 'history'] as const;
export type SheetName = (typeof SHEETS)[number];

const col = (key: string, zh: string, example: string, kind: Kind = 'text'): Column => ({ key, zh, example, kind });

/** Every sheet's columns, in template order. */
export const COLUMNS: Record<SheetName, Column[]> = {
  centres: [col('code', '编码', 'GX-C1'), col('name', '名称', '广西科技馆'), col('kind', '类型', 'provincial'), col('countyCode', '县级代码', '450103'), col('address', '地址', ''), col('lng', '经度', '108.33', 'number'), col('lat', '纬度', '22.81', 'number')],
  venues: [
    col('code', '编码', 'V-450123-1'), col('countyCode', '县级代码', '450123'), col('countyName', '县名', '隆安县'), col('name', '名称', '隆安县科技馆'),
    col('kind', '类型', 'county_museum'), col('level', '层级', 'county'), col('address', '地址', ''), col('lng', '经度', '107.69', 'number'), col('lat', '纬度', '23.17', 'number'),
    col('floorAreaM2', '面积（平方米）', '800', 'number'), col('powerKw', '供电（千瓦，0 为无电）', '40', 'number'), col('priorityTier', '帮扶类别', 'key'),
    col('openWeekdays', '开放日（1-7）', '1,2,3,4,5,6,7', 'list'), col('contactName', '联系人', '李老师'), col('contactPhone', '联系电话', '0771-0000000'),
  ],
  blackouts: [col('venue', '展点编码', 'V-450123-1'), col('startsOn', '开始日期', '2027-05-01', 'date'), col('endsOn', '结束日期', '2027-05-05', 'date'), col('reason', '原因', '县运会')],
  sets: [
    col('code', '编码', 'RM-01'), col('homeCentre', '所属中心编码', 'GX-C1'), col('name', '名称', '航天科技'), col('theme', '主题', '航天'), col('kind', '类型', 'roving_museum'),
    col('footprintM2', '占地（平方米）', '600', 'number'), col('powerKw', '用电（千瓦）', '30', 'number'), col('exhibitCount', '展品数', '48', 'number'),
    col('setupDays', '布展天数', '3', 'number'), col('teardownDays', '撤展天数', '2', 'number'), col('minStayDays', '最短展期', '55', 'number'), col('maxStayDays', '最长展期', '70', 'number'),
    col('openWeekdays', '开放日（1-7）', '3,4,5,6,7', 'list'),
  ],
  vehicles: [
    col('code', '编码', 'RM-T1'), col('homeCentre', '所属中心编码', 'GX-C1'), col('name', '名称', '运输车一号'), col('plate', '车牌', '桂A00001'), col('type', '类型', 'set_truck'),
    col('maxTripDays', '单次出车天数（空：默认）', '', 'number'), col('sets', '可运载套组编码', 'RM-01', 'list'),
  ],
  drivers: [col('code', '编码', 'D-01'), col('name', '姓名', '王师傅'), col('phone', '电话', '13800000000'), col('vehicle', '车辆编码', 'RM-T1')],
  hosts: [col('username', '用户名', 'host-450123'), col('displayName', '姓名', '隆安县科协'), col('venues', '负责展点编码', 'V-450123-1', 'list'), col('password', '初始密码（空：待设置）', '')],
  requests: [
    col('code', '编码', 'R-2027-001'), col('venue', '展点编码', 'V-450123-1'), col('setKind', '展品类别', 'roving_museum'), col('set', '指定套组编码', ''), col('theme', '主题', ''),
    col('windowStart', '期望开始', '2027-03-01', 'date'), col('windowEnd', '期望结束', '2027-06-30', 'date'), col('openDays', '开放天数', '60', 'number'),
    col('expectedAudience', '预计观众', '20000', 'number'), col('notes', '备注', ''), col('status', '状态', 'approved'), col('reason', '不批准理由', ''),
  ],
  history: [
    col('venue', '展点编码', 'V-450123-1'), col('vehicle', '车辆编码', 'RM-T1'), col('set', '套组编码', 'RM-01'), col('startsOn', '布展开始', '2025-03-03', 'date'),
    col('opensOn', '开放开始', '', 'date'), col('closesOn', '开放结束', '', 'date'), col('endsOn', '撤展结束', '2025-05-09', 'date'), col('attendance', '观众人数', '18000', 'number'),
  ],
};

export const SHEET_NAMES: Record<SheetName, { zh: string; en: string }> = {
  centres: { zh: '中心', en: 'centres' },
  venues: { zh: '展点', en: 'venues' },
  blackouts: { zh: '停用日期', en: 'blackouts' },
  sets: { zh: '展品套组', en: 'sets' },
  vehicles: { zh: '车辆', en: 'vehicles' },
  drivers: { zh: '司机', en: 'drivers' },
  hosts: { zh: '县级账号', en: 'hosts' },
  requests: { zh: '申请', en: 'requests' },
  history: { zh: '历史巡展', en: 'history' },
};

/** What one row of each sheet must hold, after its cells are read. */
export const ROW_SCHEMAS = {
  centres: CentreCreate.omit({ regionId: true }).extend({ code: Code }),
  venues: VenueImportRow.extend({ code: Code }),
  blackouts: BlackoutCreate.extend({ venue: Code }),
  sets: ExhibitSetCreate.omit({ regionId: true, homeCentreId: true }).extend({ homeCentre: Code }),
  vehicles: VehicleCreate.omit({ regionId: true, homeCentreId: true, exhibitSetIds: true }).extend({ code: Code, homeCentre: Code, sets: Codes.default([]) }),
  drivers: DriverCreate.omit({ regionId: true, vehicleId: true }).extend({ code: Code, vehicle: Code.optional() }),
  hosts: z.object({ username: UserCreate.options[0].shape.username, displayName: z.string().trim().min(1).max(100), venues: Codes.min(1), password: Password.optional() }),
  requests: z
    .object({
      code: Code,
      venue: Code,
      setKind: z.enum(['roving_museum', 'caravan_kit']),
      set: Code.optional(),
      theme: z.string().trim().min(1).max(100).optional(),
      windowStart: IsoDate,
      windowEnd: IsoDate,
      openDays: z.number().int().min(1).max(366),
      expectedAudience: z.number().int().min(0).max(10_000_000).optional(),
      notes: z.string().max(2000).optional(),
      status: z.enum(['requested', 'approved', 'declined']).default('requested'),
      reason: z.string().trim().max(500).optional(),
    })
    .refine((r) => r.windowEnd >= r.windowStart, { message: 'windowEnd must not be before windowStart', path: ['windowEnd'] }),
  history: HistoryRow,
} satisfies Record<SheetName, z.ZodType>;

export type SheetRow<S extends SheetName> = z.infer<(typeof ROW_SCHEMAS)[S]>;

/** A row as read: its sheet row number (the header is row 1) and its cells by key. */
export interface RawRow {
  row: number;
  values: Record<string, unknown>;
}
export type RawWorkbook = Partial<Record<SheetName, RawRow[]>>;

const MAX_ROWS = 20_000;

function cellValue(kind: Kind, v: unknown): unknown {
  if (v instanceof Date) return DateTime.fromJSDate(v, { zone: 'utc' }).toISODate();
  const text = String(v ?? '').trim();
  if (text === '') return undefined;
  if (kind === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (kind === 'list') return text.split(/[;,，、\s]+/).filter(Boolean).map((x) => (/^\d+$/.test(x) && x.length === 1 ? Number(x) : x));
  return text;
}

/** The key of a header cell: the English key or the template's Chinese label. */
function keyOf(sheet: SheetName, header: string): Column | undefined {
  const h = header.trim();
  return COLUMNS[sheet].find((c) => c.key === h || c.zh === h || `${c.zh} (${c.key})` === h);
}

function sheetOf(name: string): SheetName | undefined {
  const n = name.trim();
  return SHEETS.find((s) => s === n || SHEET_NAMES[s].zh === n);
}

function rowsOfGrid(sheet: SheetName, grid: { row: number; cells: unknown[] }[]): RawRow[] {
  const [head, ...body] = grid;
  if (!head) return [];
  const columns = head.cells.map((h) => keyOf(sheet, String(h ?? '')));
  const rows: RawRow[] = [];
  for (const g of body) {
    const values: Record<string, unknown> = {};
    g.cells.forEach((v, i) => {
      const c = columns[i];
      const value = c ? cellValue(c.kind ?? 'text', v) : undefined;
      // Numeric list items (weekdays) stay numbers; list codes stay text.
      if (c && value !== undefined) values[c.key] = c.kind === 'list' && c.key !== 'openWeekdays' ? (value as unknown[]).map(String) : value;
    });
    if (Object.keys(values).length) rows.push({ row: g.row, values });
  }
  if (rows.length > MAX_ROWS) throw new DomainError('IMPORT_FILE_INVALID', { reason: `more than ${MAX_ROWS} rows in ${sheet}` });
  return rows;
}

/** Reads the workbook's known sheets (others, such as the notes, are skipped). */
export async function readWorkbook(base64: string): Promise<RawWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch (err) {
    throw new DomainError('IMPORT_FILE_INVALID', { reason: (err as Error).message.slice(0, 200) });
  }
  const out: RawWorkbook = {};
  for (const ws of wb.worksheets) {
    const sheet = sheetOf(ws.name);
    if (!sheet) continue;
    const grid: { row: number; cells: unknown[] }[] = [];
    ws.eachRow((r, n) => {
      const cells: unknown[] = [];
      r.eachCell({ includeEmpty: true }, (c, colNo) => (cells[colNo - 1] = c.value instanceof Date ? c.value : c.text));
      grid.push({ row: n, cells });
    });
    out[sheet] = rowsOfGrid(sheet, grid);
  }
  return out;
}

/** Reads one CSV text per sheet (the same columns as the workbook's sheets). */
export function readCsvSheets(sheets: Partial<Record<string, string>>): RawWorkbook {
  const out: RawWorkbook = {};
  for (const [name, text] of Object.entries(sheets)) {
    const sheet = sheetOf(name);
    if (!sheet || text === undefined) continue;
    let records: string[][];
    try {
      records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: false, relax_column_count: true }) as string[][];
    } catch (err) {
      throw new DomainError('IMPORT_FILE_INVALID', { reason: `${sheet}: ${(err as Error).message.slice(0, 200)}` });
    }
    out[sheet] = rowsOfGrid(sheet, records.map((cells, i) => ({ row: i + 1, cells })));
  }
  return out;
}

/** The template: a notes sheet explaining each column, then one empty sheet per kind with its header row. */
export async function workbookTemplate(locale: 'zh-CN' | 'en', notes: { title: string; columns: string[]; lines: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rove';
  const zh = locale === 'zh-CN';
  const about = wb.addWorksheet(notes.title);
  about.addRow(notes.columns).font = { bold: true };
  for (const line of notes.lines) about.addRow([line]);
  for (const sheet of SHEETS) {
    about.addRow([]);
    about.addRow([zh ? SHEET_NAMES[sheet].zh : SHEET_NAMES[sheet].en]).font = { bold: true };
    for (const c of COLUMNS[sheet]) about.addRow([zh ? c.zh : c.key, c.key, c.example]);
    const ws = wb.addWorksheet(zh ? SHEET_NAMES[sheet].zh : SHEET_NAMES[sheet].en);
    ws.addRow(COLUMNS[sheet].map((c) => (zh ? c.zh : c.key))).font = { bold: true };
    ws.columns.forEach((c) => (c.width = 18));
  }
  about.getColumn(1).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

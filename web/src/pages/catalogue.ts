// Coordinator: the catalogue. One generic list (search, create, edit) per kind of thing, and the
// venue import with its per-row errors.
import { ApiError, call, getAll, latestLoad, qs } from '../api.js';
import { field, h, mount } from '../dom.js';
import * as clock from '../clock.js';
import { formatNumber, t, tk, type MessageKey } from '../i18n.js';
import type { Ctx, Page } from '../app.js';
import type { Vehicle, Venue, VenueImportResult } from '../types.js';
import { followCounty } from './venue-county.js';

type FieldType = 'text' | 'number' | 'date' | 'select' | 'weekdays';

interface FieldDef {
  key: string;
  label: MessageKey;
  type: FieldType;
  options?: () => Array<[string, string]>;
  required?: boolean;
}

interface Kind {
  id: 'venues' | 'sets' | 'vehicles' | 'drivers' | 'blackouts';
  label: MessageKey;
  path: string;
  columns: Array<[MessageKey, (row: Row) => string]>;
  fields: FieldDef[];
  search: (row: Row) => string;
}

type Row = Record<string, unknown> & { id: number };
type Option = [value: string, label: string];

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const optionsOf = (rows: Row[]): Option[] => rows.map((r) => [String(r.id), str(r.name)]);

// Every value of the server's enums, listed once: `satisfies Record<…>` makes tsc fail when the
// server gains or loses one (server/db/schema/enums.ts).
const VENUE_KINDS = Object.keys({ county_museum: 0, school: 0, cultural_centre: 0, township_square: 0, resettlement_community: 0 } satisfies Record<Venue['kind'], 0>);
const VEHICLE_TYPES = Object.keys({ caravan_i: 0, caravan_ii: 0, caravan_iii: 0, caravan_iv: 0, set_truck: 0 } satisfies Record<Vehicle['type'], 0>);

/** What the kinds' lists and forms refer to: the region's centres, vehicles and venues. */
interface Refs {
  centres: Row[];
  vehicles: Row[];
  venues: Row[];
}

function venuesKind(): Kind {
  const tierOpts = (): Option[] => [['key', t('keyCounty')], ['former_poverty', t('formerPoverty')], ['other', t('otherCounty')]];
  return {
    id: 'venues',
    label: 'venues',
    path: '/api/venues',
    columns: [
      ['name', (r) => str(r.name)],
      ['county', (r) => `${str(r.countyName)} ${str(r.countyCode)}`],
      ['tier', (r) => (r.priorityTier === 'key' ? t('keyCounty') : r.priorityTier === 'former_poverty' ? t('formerPoverty') : t('otherCounty'))],
      ['floorArea', (r) => formatNumber(Number(r.floorAreaM2))],
      ['contactName', (r) => `${str(r.contactName)} ${str(r.contactPhone)}`],
    ],
    fields: [
      { key: 'name', label: 'name', type: 'text', required: true },
      { key: 'countyCode', label: 'countyCode', type: 'text', required: true },
      { key: 'countyName', label: 'county', type: 'text', required: true },
      { key: 'kind', label: 'kind', type: 'select', options: () => VENUE_KINDS.map((k): Option => [k, tk('venueKind', k)]) },
      { key: 'priorityTier', label: 'tier', type: 'select', options: tierOpts },
      { key: 'address', label: 'address', type: 'text' },
      { key: 'lng', label: 'lng', type: 'number', required: true },
      { key: 'lat', label: 'lat', type: 'number', required: true },
      { key: 'floorAreaM2', label: 'floorArea', type: 'number', required: true },
      { key: 'powerKw', label: 'power', type: 'number', required: true },
      { key: 'contactName', label: 'contactName', type: 'text' },
      { key: 'contactPhone', label: 'contactPhone', type: 'text' },
    ],
    search: (r) => `${str(r.name)} ${str(r.countyName)} ${str(r.countyCode)}`,
  };
}

function setsKind(refs: Refs): Kind {
  return {
    id: 'sets',
    label: 'exhibitSets',
    path: '/api/exhibit-sets',
    columns: [
      ['code', (r) => str(r.code)],
      ['name', (r) => str(r.name)],
      ['theme', (r) => str(r.theme)],
      ['exhibitCount', (r) => str(r.exhibitCount)],
      ['footprint', (r) => str(r.footprintM2)],
    ],
    fields: [
      { key: 'code', label: 'code', type: 'text', required: true },
      { key: 'name', label: 'name', type: 'text', required: true },
      { key: 'theme', label: 'theme', type: 'text', required: true },
      { key: 'kind', label: 'kind', type: 'select', options: () => [['roving_museum', t('setKind_roving_museum')], ['caravan_kit', t('setKind_caravan_kit')]] },
      { key: 'homeCentreId', label: 'centre', type: 'select', options: () => optionsOf(refs.centres) },
      { key: 'footprintM2', label: 'footprint', type: 'number', required: true },
      { key: 'powerKw', label: 'power', type: 'number', required: true },
      { key: 'exhibitCount', label: 'exhibitCount', type: 'number', required: true },
      { key: 'setupDays', label: 'setupDays', type: 'number', required: true },
      { key: 'teardownDays', label: 'teardownDays', type: 'number', required: true },
      { key: 'minStayDays', label: 'minStay', type: 'number', required: true },
      { key: 'maxStayDays', label: 'maxStay', type: 'number', required: true },
    ],
    search: (r) => `${str(r.code)} ${str(r.name)} ${str(r.theme)}`,
  };
}

function vehiclesKind(refs: Refs): Kind {
  return {
    id: 'vehicles',
    label: 'vehicles',
    path: '/api/vehicles',
    columns: [
      ['name', (r) => str(r.name)],
      ['plate', (r) => str(r.plate)],
      ['type', (r) => tk('vehicleType', str(r.type))],
      ['dailyDrive', (r) => str(r.dailyDriveMinutes)],
      ['maxTrip', (r) => str(r.maxTripDays)],
    ],
    fields: [
      { key: 'name', label: 'name', type: 'text', required: true },
      { key: 'plate', label: 'plate', type: 'text' },
      { key: 'type', label: 'type', type: 'select', options: () => VEHICLE_TYPES.map((x): Option => [x, tk('vehicleType', x)]) },
      { key: 'homeCentreId', label: 'centre', type: 'select', options: () => optionsOf(refs.centres) },
      { key: 'dailyDriveMinutes', label: 'dailyDrive', type: 'number', required: true },
      { key: 'maxTripDays', label: 'maxTrip', type: 'number', required: true },
    ],
    search: (r) => `${str(r.name)} ${str(r.plate)}`,
  };
}

function driversKind(refs: Refs): Kind {
  return {
    id: 'drivers',
    label: 'drivers',
    path: '/api/drivers',
    columns: [
      ['name', (r) => str(r.name)],
      ['phone', (r) => str(r.phone)],
      ['vehicle', (r) => str(refs.vehicles.find((v) => v.id === r.vehicleId)?.name)],
    ],
    fields: [
      { key: 'name', label: 'name', type: 'text', required: true },
      { key: 'phone', label: 'phone', type: 'text' },
      { key: 'vehicleId', label: 'vehicle', type: 'select', options: () => [['', t('none')], ...optionsOf(refs.vehicles)] },
    ],
    search: (r) => `${str(r.name)} ${str(r.phone)}`,
  };
}

function blackoutsKind(refs: Refs): Kind {
  const venueName = (r: Row) => str(refs.venues.find((v) => v.id === r.venueId)?.name);
  return {
    id: 'blackouts',
    label: 'blackouts',
    path: '/api/venues/{venue}/blackouts',
    columns: [
      ['venue', venueName],
      ['startsOn', (r) => str(r.startsOn)],
      ['endsOn', (r) => str(r.endsOn)],
      ['reason', (r) => str(r.reason)],
    ],
    fields: [
      { key: 'startsOn', label: 'startsOn', type: 'date', required: true },
      { key: 'endsOn', label: 'endsOn', type: 'date', required: true },
      { key: 'reason', label: 'reason', type: 'text' },
    ],
    search: (r) => `${str(r.reason)} ${venueName(r)}`,
  };
}

/** What a kind's list and editor work with: where its rows live, where to say "saved", how to redraw. */
interface KindView {
  kind: Kind;
  ctx: Ctx;
  /** The kind's list URL (blackouts: of the venue chosen). */
  listPath: string;
  editor: HTMLElement;
  saved: HTMLElement;
  reload: () => Promise<void>;
}

export const cataloguePage: Page = async (root, ctx, params) => {
  const regionQ = qs({ regionId: ctx.regionId });
  const [centres, vehicles, venues] = await Promise.all([
    getAll<Row>(`/api/centres${regionQ}`),
    getAll<Row>(`/api/vehicles${regionQ}`),
    getAll<Row>(`/api/venues${regionQ}`),
  ]);
  const refs: Refs = { centres, vehicles, venues };
  const kinds: Kind[] = [venuesKind(), setsKind(refs), vehiclesKind(refs), driversKind(refs), blackoutsKind(refs)];

  const current = kinds.find((k) => k.id === params.get('tab')) ?? kinds[0]!;
  const body = h('div');
  const tabs = h(
    'nav',
    { class: 'segmented', 'aria-label': t('catalogueTitle') },
    kinds.map((k) => h('a', { class: 'button', href: `#/catalogue?tab=${k.id}`, 'aria-current': k === current ? 'page' : undefined }, t(k.label))),
  );
  const saved = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  mount(root, h('h1', null, t('catalogueTitle')), tabs, saved, body);

  // Blackouts belong to a venue: the list and the form are for the venue chosen here.
  const blackoutVenue = h('select', { onchange: () => void showKind(current) }, optionsOf(venues).map(([v, l]) => h('option', { value: v }, l)));

  const begin = latestLoad();
  async function showKind(kind: Kind) {
    const latest = begin();
    const listPath = kind.path.replace('{venue}', blackoutVenue.value);
    const { rows, unavailable } = await fetchRows(kind.id === 'blackouts' ? listPath : `${kind.path}${regionQ}`);
    // Another tab or venue was chosen while this list loaded: that one is drawn, not this.
    if (!latest()) return;
    const search = h('input', { type: 'search', 'aria-label': t('search'), placeholder: t('search') });
    const count = h('p', { class: 'hint', 'aria-live': 'polite' });
    const tbody = h('tbody');
    const view: KindView = { kind, ctx, listPath, editor: h('div', { class: 'editor' }), saved, reload: () => showKind(kind) };
    const draw = () => {
      const q = search.value.trim().toLowerCase();
      const shown = q ? rows.filter((r) => kind.search(r).toLowerCase().includes(q)) : rows;
      count.textContent = t('results', { n: shown.length });
      mount(tbody, shown.slice(0, 300).map((r) => h('tr', null, kind.columns.map(([, f]) => h('td', null, f(r))), h('td', null, rowActions(view, r)))));
    };
    search.addEventListener('input', draw);
    saved.textContent = '';
    const reloadVenues = async (venueIds: number[]) => {
      venues.push(...(await getAll<Row>(`/api/venues${regionQ}`)).filter((v) => venueIds.includes(v.id)));
      await showKind(current);
    };
    mount(
      body,
      unavailable ? h('p', { class: 'warning' }, t('notAvailable')) : null,
      h(
        'div',
        { class: 'board-toolbar' },
        kind.id === 'blackouts' ? field(t('venue'), blackoutVenue) : null,
        search,
        h('button', { type: 'button', class: 'primary', onclick: () => edit(view, null) }, '＋ ', t('create')),
      ),
      kind.id === 'venues' ? importBox(ctx.regionId, reloadVenues) : null,
      view.editor,
      count,
      h('table', { class: 'list' }, h('thead', null, h('tr', null, kind.columns.map(([l]) => h('th', null, t(l))), h('th', null, ''))), tbody),
    );
    draw();
  }

  await showKind(current);
};

/** A kind's rows; a list the server does not offer here (404) is shown as unavailable. */
async function fetchRows(url: string): Promise<{ rows: Row[]; unavailable: boolean }> {
  try {
    return { rows: await getAll<Row>(url), unavailable: false };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { rows: [], unavailable: true };
    throw err;
  }
}

/** The buttons of one row: edit; blackouts are cancelled and drivers removed from here. */
function rowActions(view: KindView, r: Row) {
  const remove = (url: string, label: MessageKey) =>
    h('button', { type: 'button', class: 'secondary', onclick: async () => { await call(url, { method: 'DELETE' }); await view.reload(); } }, t(label));
  const editButton = h('button', { type: 'button', class: 'secondary', onclick: () => edit(view, r) }, t('edit'));
  if (view.kind.id === 'blackouts') return remove(`/api/blackouts/${r.id}`, 'cancel');
  if (view.kind.id === 'drivers') return [editButton, ' ', remove(`/api/drivers/${r.id}`, 'retire')];
  return editButton;
}

/** The form's values as the API takes them: numbers as numbers, an empty optional field as '' or null. */
function payloadOf(view: KindView, row: Row | null, controls: Map<string, HTMLInputElement | HTMLSelectElement>) {
  const payload: Record<string, unknown> = {};
  for (const f of view.kind.fields) {
    const v = controls.get(f.key)!.value;
    if (v === '' && !f.required) payload[f.key] = f.type === 'text' ? '' : null;
    else payload[f.key] = f.type === 'number' || (f.type === 'select' && /Id$/.test(f.key)) ? Number(v) : v;
  }
  if (view.kind.id !== 'blackouts' && !row) payload.regionId = view.ctx.regionId;
  if (view.kind.id === 'vehicles' && !row) payload.exhibitSetIds = [];
  return payload;
}

/** One control per field, holding the row's value. */
function control(f: FieldDef, value: string) {
  return f.type === 'select'
    ? h('select', { name: f.key }, (f.options?.() ?? []).map(([v, l]) => h('option', { value: v, selected: v === value }, l)))
    : h('input', { name: f.key, type: f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text', step: f.type === 'number' ? 'any' : undefined, value, required: f.required });
}

/** Opens the editor on a row (or on a new one, `null`): save, cancel, and retire for venues, sets and vehicles. */
function edit(view: KindView, row: Row | null) {
  const { kind } = view;
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const msg = h('p', { class: 'error', role: 'alert' });
  const fail = (err: unknown) => (msg.textContent = t('failed', { message: (err as Error).message }));
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await call(row ? `${view.listPath}/${row.id}` : view.listPath, { method: row ? 'PATCH' : 'POST', body: payloadOf(view, row, controls) });
      await view.reload();
      view.saved.textContent = t('saved');
    } catch (err) {
      fail(err);
    }
  };
  // Retiring keeps the history: the row gets a retiredOn day and leaves future plans.
  const retire = async () => {
    try {
      await call(`${kind.path}/${row!.id}`, { method: 'PATCH', body: { retiredOn: clock.today() } });
      await view.reload();
    } catch (err) {
      fail(err);
    }
  };
  const form = h(
    'form',
    { class: 'card', onsubmit: save },
    h('h2', null, row ? `${t('edit')} · ${str(row.name ?? row.id)}` : `${t('create')} · ${t(kind.label)}`),
    h(
      'div',
      { class: 'grid2' },
      kind.fields.map((f) => {
        const c = control(f, row ? str(row[f.key]) : '');
        controls.set(f.key, c);
        return field(t(f.label), c);
      }),
    ),
    msg,
    h('button', { type: 'submit', class: 'primary' }, t('save')),
    ' ',
    h('button', { type: 'button', onclick: () => view.editor.replaceChildren() }, t('cancel')),
    row && (kind.id === 'venues' || kind.id === 'sets' || kind.id === 'vehicles') ? [' ', h('button', { type: 'button', class: 'danger', onclick: retire }, t('retire'))] : null,
  );
  mount(view.editor, form);
  if (kind.id === 'venues') followCounty(controls, row === null); // the tier from the county code (issue 12)
  form.querySelector<HTMLElement>('input, select')?.focus();
}

type RowError = { line: number; field: string; message: string };

/** The venue import: a CSV or GeoJSON file, all rows or none; a bad file lists its rows' errors. */
function importBox(regionId: number | null, imported: (venueIds: number[]) => Promise<void>) {
  const file = h('input', { type: 'file', accept: '.csv,.geojson,.json,text/csv,application/geo+json' });
  const out = h('div', { 'aria-live': 'polite' });
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    const text = await f.text();
    const isGeo = /\.(geo)?json$/i.test(f.name);
    try {
      const { body } = await call<VenueImportResult>(`/api/venues/import${qs({ regionId, format: isGeo ? 'geojson' : 'csv' })}`, {
        method: 'POST',
        body: text,
        headers: { 'content-type': isGeo ? 'application/geo+json' : 'text/csv' },
      });
      mount(out, h('p', { class: 'ok' }, t('importDone', { n: body.imported })));
      await imported(body.venueIds);
    } catch (err) {
      const d = err instanceof ApiError ? (err.details as { errors?: RowError[]; rows?: RowError[] } | undefined) : undefined;
      const rows = d?.errors ?? d?.rows ?? [];
      mount(
        out,
        h('p', { class: 'error', role: 'alert' }, rows.length ? t('importErrors') : t('failed', { message: (err as Error).message })),
        rows.length
          ? h('table', { class: 'list import-errors' }, h('tbody', null, rows.map((r) => h('tr', null, h('td', null, t('line', { n: r.line })), h('td', null, r.field), h('td', null, r.message)))))
          : null,
      );
    }
  };
  return h('form', { class: 'panel import', onsubmit: submit }, h('h2', null, t('importVenues')), field(t('importFile'), file), h('button', { type: 'submit' }, t('importVenues')), out);
}

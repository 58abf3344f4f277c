// Coordinator: the catalogue. One generic list (search, create, edit) per kind of thing, and the
// venue import with its per-row errors.
import { ApiError, call, get, qs } from '../api.js';
import type { Page } from '../app.js';
import { field, h, mount } from '../dom.js';
import * as clock from '../clock.js';
import { formatNumber, t, tk, type MessageKey } from '../i18n.js';
import type { VenueImportResult } from '../types.js';

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

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export const cataloguePage: Page = async (root, ctx, params) => {
  const regionQ = qs({ regionId: ctx.regionId });
  const [centres, vehicles, venues] = await Promise.all([
    get<Row[]>(`/api/centres${regionQ}`),
    get<Row[]>(`/api/vehicles${regionQ}`),
    get<Row[]>(`/api/venues${regionQ}`),
  ]);
  const centreOpts = () => centres.map((c) => [String(c.id), str(c.name)] as [string, string]);
  const vehicleOpts = () => [['', t('none')] as [string, string], ...vehicles.map((v) => [String(v.id), str(v.name)] as [string, string])];
  const venueOpts = () => venues.map((v) => [String(v.id), str(v.name)] as [string, string]);
  const tierOpts = (): Array<[string, string]> => [['key', t('keyCounty')], ['former_poverty', t('formerPoverty')], ['other', t('otherCounty')]];

  const kinds: Kind[] = [
    {
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
        { key: 'kind', label: 'kind', type: 'select', options: () => ['county_museum', 'school', 'cultural_centre', 'township_square', 'resettlement_community'].map((k) => [k, tk('venueKind', k)] as [string, string]) },
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
    },
    {
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
        { key: 'homeCentreId', label: 'centre', type: 'select', options: centreOpts },
        { key: 'footprintM2', label: 'footprint', type: 'number', required: true },
        { key: 'powerKw', label: 'power', type: 'number', required: true },
        { key: 'exhibitCount', label: 'exhibitCount', type: 'number', required: true },
        { key: 'setupDays', label: 'setupDays', type: 'number', required: true },
        { key: 'teardownDays', label: 'teardownDays', type: 'number', required: true },
        { key: 'minStayDays', label: 'minStay', type: 'number', required: true },
        { key: 'maxStayDays', label: 'maxStay', type: 'number', required: true },
      ],
      search: (r) => `${str(r.code)} ${str(r.name)} ${str(r.theme)}`,
    },
    {
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
        { key: 'type', label: 'type', type: 'select', options: () => ['caravan_i', 'caravan_ii', 'caravan_iii', 'caravan_iv', 'set_truck'].map((x) => [x, tk('vehicleType', x)] as [string, string]) },
        { key: 'homeCentreId', label: 'centre', type: 'select', options: centreOpts },
        { key: 'dailyDriveMinutes', label: 'dailyDrive', type: 'number', required: true },
        { key: 'maxTripDays', label: 'maxTrip', type: 'number', required: true },
      ],
      search: (r) => `${str(r.name)} ${str(r.plate)}`,
    },
    {
      id: 'drivers',
      label: 'drivers',
      path: '/api/drivers',
      columns: [
        ['name', (r) => str(r.name)],
        ['phone', (r) => str(r.phone)],
        ['vehicle', (r) => str(vehicles.find((v) => v.id === r.vehicleId)?.name)],
      ],
      fields: [
        { key: 'name', label: 'name', type: 'text', required: true },
        { key: 'phone', label: 'phone', type: 'text' },
        { key: 'vehicleId', label: 'vehicle', type: 'select', options: vehicleOpts },
      ],
      search: (r) => `${str(r.name)} ${str(r.phone)}`,
    },
    {
      id: 'blackouts',
      label: 'blackouts',
      path: '/api/venues/{venue}/blackouts',
      columns: [
        ['venue', (r) => str(venues.find((v) => v.id === r.venueId)?.name)],
        ['startsOn', (r) => str(r.startsOn)],
        ['endsOn', (r) => str(r.endsOn)],
        ['reason', (r) => str(r.reason)],
      ],
      fields: [
        { key: 'startsOn', label: 'startsOn', type: 'date', required: true },
        { key: 'endsOn', label: 'endsOn', type: 'date', required: true },
        { key: 'reason', label: 'reason', type: 'text' },
      ],
      search: (r) => `${str(r.reason)} ${str(venues.find((v) => v.id === r.venueId)?.name)}`,
    },
  ];

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
  const blackoutVenue = h('select', { onchange: () => void showKind(current) }, venueOpts().map(([v, l]) => h('option', { value: v }, l)));
  const listPath = (kind: Kind) => kind.path.replace('{venue}', blackoutVenue.value);

  async function showKind(kind: Kind) {
    let rows: Row[] = [];
    let unavailable = false;
    try {
      rows = await get<Row[]>(kind.id === 'blackouts' ? listPath(kind) : `${kind.path}${regionQ}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) unavailable = true;
      else throw err;
    }
    const search = h('input', { type: 'search', 'aria-label': t('search'), placeholder: t('search') });
    const count = h('p', { class: 'hint', 'aria-live': 'polite' });
    const tbody = h('tbody');
    const editor = h('div', { class: 'editor' });
    const draw = () => {
      const q = search.value.trim().toLowerCase();
      const shown = q ? rows.filter((r) => kind.search(r).toLowerCase().includes(q)) : rows;
      count.textContent = t('results', { n: shown.length });
      mount(
        tbody,
        shown.slice(0, 300).map((r) =>
          h(
            'tr',
            null,
            kind.columns.map(([, f]) => h('td', null, f(r))),
            h(
              'td',
              null,
              kind.id === 'blackouts'
                ? h('button', { type: 'button', class: 'secondary', onclick: async () => { await call(`/api/blackouts/${r.id}`, { method: 'DELETE' }); await showKind(kind); } }, t('cancel'))
                : kind.id === 'drivers'
                  ? [h('button', { type: 'button', class: 'secondary', onclick: () => edit(r) }, t('edit')), ' ', h('button', { type: 'button', class: 'secondary', onclick: async () => { await call(`/api/drivers/${r.id}`, { method: 'DELETE' }); await showKind(kind); } }, t('retire'))]
                  : h('button', { type: 'button', class: 'secondary', onclick: () => edit(r) }, t('edit')),
            ),
          ),
        ),
      );
    };
    search.addEventListener('input', draw);
    saved.textContent = '';

    function edit(row: Row | null) {
      const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
      const msg = h('p', { class: 'error', role: 'alert' });
      const form = h(
        'form',
        {
          class: 'card',
          onsubmit: async (e: Event) => {
            e.preventDefault();
            const payload: Record<string, unknown> = {};
            for (const f of kind.fields) {
              const c = controls.get(f.key)!;
              const v = c.value;
              if (v === '' && !f.required) payload[f.key] = f.type === 'text' ? '' : null;
              else payload[f.key] = f.type === 'number' || (f.type === 'select' && /Id$/.test(f.key)) ? Number(v) : v;
            }
            if (kind.id !== 'blackouts' && !row) payload.regionId = ctx.regionId;
            if (kind.id === 'vehicles' && !row) payload.exhibitSetIds = [];
            try {
              await call(row ? `${listPath(kind)}/${row.id}` : listPath(kind), { method: row ? 'PATCH' : 'POST', body: payload });
              await showKind(kind);
              saved.textContent = t('saved');
            } catch (err) {
              msg.textContent = t('failed', { message: (err as Error).message });
            }
          },
        },
        h('h2', null, row ? `${t('edit')} · ${str(row.name ?? row.id)}` : `${t('create')} · ${t(kind.label)}`),
        h(
          'div',
          { class: 'grid2' },
          kind.fields.map((f) => {
            const value = row ? str(row[f.key]) : '';
            const c =
              f.type === 'select'
                ? h('select', { name: f.key }, (f.options?.() ?? []).map(([v, l]) => h('option', { value: v, selected: v === value }, l)))
                : h('input', { name: f.key, type: f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text', step: f.type === 'number' ? 'any' : undefined, value, required: f.required });
            controls.set(f.key, c);
            return field(t(f.label), c);
          }),
        ),
        msg,
        h('button', { type: 'submit', class: 'primary' }, t('save')),
        ' ',
        h('button', { type: 'button', onclick: () => editor.replaceChildren() }, t('cancel')),
        row && (kind.id === 'venues' || kind.id === 'sets' || kind.id === 'vehicles')
          ? [
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'danger',
                  onclick: async () => {
                    try {
                      // Retiring keeps the history: the row gets a retiredOn day and leaves future plans.
                      await call(`${kind.path}/${row.id}`, { method: 'PATCH', body: { retiredOn: clock.today() } });
                      await showKind(kind);
                    } catch (err) {
                      msg.textContent = t('failed', { message: (err as Error).message });
                    }
                  },
                },
                t('retire'),
              ),
            ]
          : null,
      );
      mount(editor, form);
      form.querySelector<HTMLElement>('input, select')?.focus();
    }

    mount(
      body,
      unavailable ? h('p', { class: 'warning' }, t('notAvailable')) : null,
      h(
        'div',
        { class: 'board-toolbar' },
        kind.id === 'blackouts' ? field(t('venue'), blackoutVenue) : null,
        search,
        h('button', { type: 'button', class: 'primary', onclick: () => edit(null) }, '＋ ', t('create')),
      ),
      kind.id === 'venues' ? importBox() : null,
      editor,
      count,
      h('table', { class: 'list' }, h('thead', null, h('tr', null, kind.columns.map(([l]) => h('th', null, t(l))), h('th', null, ''))), tbody),
    );
    draw();
  }

  function importBox() {
    const file = h('input', { type: 'file', accept: '.csv,.geojson,.json,text/csv,application/geo+json' });
    const out = h('div', { 'aria-live': 'polite' });
    return h(
      'form',
      {
        class: 'panel import',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const f = file.files?.[0];
          if (!f) return;
          const text = await f.text();
          const isGeo = /\.(geo)?json$/i.test(f.name);
          try {
            const { body } = await call<VenueImportResult>(`/api/venues/import${qs({ regionId: ctx.regionId, format: isGeo ? 'geojson' : 'csv' })}`, {
              method: 'POST',
              body: text,
              headers: { 'content-type': isGeo ? 'application/geo+json' : 'text/csv' },
            });
            mount(out, h('p', { class: 'ok' }, t('importDone', { n: body.imported })));
            venues.push(...(await get<Row[]>(`/api/venues${regionQ}`)).filter((v) => body.venueIds.includes(v.id)));
            await showKind(current);
          } catch (err) {
            type RowError = { line: number; field: string; message: string };
            const d = err instanceof ApiError ? (err.details as { errors?: RowError[]; rows?: RowError[] } | undefined) : undefined;
            const rows = d?.errors ?? d?.rows ?? [];
            mount(
              out,
              h('p', { class: 'error', role: 'alert' }, rows.length ? t('importErrors') : t('failed', { message: (err as Error).message })),
              rows.length
                ? h(
                    'table',
                    { class: 'list import-errors' },
                    h('tbody', null, rows.map((r) => h('tr', null, h('td', null, t('line', { n: r.line })), h('td', null, r.field), h('td', null, r.message)))),
                  )
                : null,
            );
          }
        },
      },
      h('h2', null, t('importVenues')),
      field(t('importFile'), file),
      h('button', { type: 'submit' }, t('importVenues')),
      out,
    );
  }

  await showKind(current);
};

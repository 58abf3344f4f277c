// Coordinator: venues as points coloured by priority tier, a vehicle's tour as a line in stop order,
// popups with dates. No tile server by default (a plain background, works offline); VITE_TILE_URL
// at build time adds one.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { zoomWords } from '../a11y.js';
import { get } from '../api.js';
import type { Page } from '../app.js';
import { defaultPlan, loadCatalogue, loadPlans } from '../data.js';
import { field, h, mount } from '../dom.js';
import { formatDays, t, tk } from '../i18n.js';
import type { Stop, Venue } from '../types.js';

export const tierColour: Record<Venue['priorityTier'], string> = { key: '#b3261e', former_poverty: '#8a4b00', other: '#2f5d8a' };
const tourColours = ['#005a9c', '#6a1b9a', '#00695c', '#c62828', '#ef6c00', '#283593', '#2e7d32', '#ad1457'];

export const mapPage: Page = async (root, ctx) => {
  const [cat, plans] = await Promise.all([loadCatalogue(ctx.regionId), loadPlans(ctx.regionId)]);
  const plan = defaultPlan(plans);
  const stops: Stop[] = plan ? await get<Stop[]>(`/api/plans/${plan.id}/stops`).catch(() => []) : [];
  const mapEl = h('div', { class: 'map', role: 'region', 'aria-label': t('mapTitle') });
  const vehicleSelect = h(
    'select',
    null,
    h('option', { value: '' }, t('none')),
    cat.vehicles.map((v) => h('option', { value: String(v.id) }, v.name)),
  );
  const tileUrl = import.meta.env.VITE_TILE_URL;
  mount(
    root,
    h('h1', null, t('mapTitle')),
    h('div', { class: 'board-toolbar' }, field(t('mapVehicle'), vehicleSelect), tileUrl ? null : h('p', { class: 'hint' }, t('mapNoTiles'))),
    mapEl,
  );

  const map = L.map(mapEl, { preferCanvas: false, zoomSnap: 0.25, attributionControl: Boolean(tileUrl), zoomControl: false });
  L.control.zoom(zoomWords()).addTo(map);
  if (tileUrl) L.tileLayer(tileUrl, { attribution: import.meta.env.VITE_TILE_ATTRIBUTION ?? '', maxZoom: 18 }).addTo(map);
  const venueById = new Map(cat.venues.map((v) => [v.id, v]));
  const venueLayer = L.featureGroup().addTo(map);
  const stopsByVenue = new Map<number, Stop[]>();
  for (const s of stops) stopsByVenue.set(s.venueId, [...(stopsByVenue.get(s.venueId) ?? []), s]);

  for (const v of cat.venues) {
    const visits = (stopsByVenue.get(v.id) ?? []).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    const m = L.circleMarker([v.lat, v.lng], {
      radius: v.priorityTier === 'key' ? 8 : 6,
      color: '#ffffff',
      weight: 2,
      fillColor: tierColour[v.priorityTier],
      fillOpacity: 1,
      className: `venue-point tier-${v.priorityTier}`,
    });
    const popup = document.createElement('div');
    mount(
      popup,
      h('strong', null, v.name),
      h('br'),
      `${v.countyName} · ${v.priorityTier === 'key' ? t('keyCounty') : v.priorityTier === 'former_poverty' ? t('formerPoverty') : t('otherCounty')}`,
      visits.length ? h('ul', null, visits.slice(-6).map((s) => h('li', null, formatDays(s.startsOn, s.endsOn), ' · ', tk('stopStatus', s.status)))) : null,
    );
    m.bindPopup(popup);
    m.bindTooltip(v.name);
    m.addTo(venueLayer);
  }
  const tourLayer = L.layerGroup().addTo(map);
  if (cat.venues.length) map.fitBounds(venueLayer.getBounds(), { padding: [20, 20] });
  else map.setView([26.6, 106.7], 7);

  const legend = new L.Control({ position: 'bottomright' });
  legend.onAdd = () =>
    h(
      'div',
      { class: 'map-legend' },
      h('strong', null, t('mapLegend')),
      h('br'),
      h('span', { class: 'dot', style: `background:${tierColour.key}` }), t('keyCounty'), h('br'),
      h('span', { class: 'dot', style: `background:${tierColour.former_poverty}` }), t('formerPoverty'), h('br'),
      h('span', { class: 'dot', style: `background:${tierColour.other}` }), t('otherCounty'),
    );
  legend.addTo(map);

  function drawTour() {
    tourLayer.clearLayers();
    const id = Number(vehicleSelect.value);
    if (!id) return;
    const tour = stops.filter((s) => s.vehicleId === id && s.status !== 'cancelled').sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.seq - b.seq);
    const points = tour.map((s) => venueById.get(s.venueId)).filter((v): v is Venue => Boolean(v)).map((v) => L.latLng(v.lat, v.lng));
    if (points.length === 0) return;
    const line = L.polyline(points, { color: tourColours[id % tourColours.length]!, weight: 3, opacity: 0.85, className: 'tour-line' }).addTo(tourLayer);
    tour.forEach((s, i) => {
      const v = venueById.get(s.venueId);
      if (!v) return;
      L.circleMarker([v.lat, v.lng], { radius: 4, color: '#000', weight: 1, fillColor: '#fff', fillOpacity: 1, className: 'tour-stop' })
        .bindPopup(`${i + 1}. ${escapeHtml(v.name)}<br>${escapeHtml(formatDays(s.startsOn, s.endsOn))}`)
        .addTo(tourLayer);
    });
    map.fitBounds(line.getBounds(), { padding: [30, 30] });
  }
  vehicleSelect.addEventListener('change', drawTour);
  root.querySelector<HTMLElement>('.map')!.dataset.venues = String(cat.venues.length);
  return () => map.remove();
};

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// The driver's route for the day on a map with no tiles (a plain background, so it draws with no
// signal): the stay before, the next stop and the ones after it, numbered, joined by their legs,
// each leg's distance and driving time listed below. VITE_TILE_URL at build time adds a base map.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { zoomWords } from '../a11y.js';
import { h } from '../dom.js';
import { formatDrive, formatKm, t } from '../i18n.js';
import type { ItineraryStop } from '../types.js';

/** The stops the day's route shows: the last one before the next (if any), the next, and up to three after. */
export function routeStops(all: ItineraryStop[], upcoming: ItineraryStop[]): ItineraryStop[] {
  const next = upcoming[0];
  if (!next) return [];
  const before = all.filter((s) => s.seq < next.seq && s.status !== 'cancelled').at(-1);
  return [...(before ? [before] : []), ...upcoming.slice(0, 4)];
}

/** The route section; `draw` puts the map in once the section is in the page, and returns its remover. */
export function routeSection(stops: ItineraryStop[], nextId: number | undefined): { el: HTMLElement | null; draw: () => () => void } {
  if (stops.length === 0) return { el: null, draw: () => () => undefined };
  const mapEl = h('div', { class: 'route-map', role: 'region', 'aria-label': t('routeMap') });
  const legs = stops.slice(1).filter((s) => s.leg);
  const el = h(
    'section',
    { class: 'route', 'aria-labelledby': 'route-h' },
    h('h2', { id: 'route-h' }, t('routeToday')),
    mapEl,
    legs.length
      ? h(
          'ol',
          { class: 'route-legs', 'aria-label': t('routeLegs') },
          legs.map((s) => h('li', { 'data-stop-id': String(s.stopId) }, t('routeLeg', { venue: s.venue.name, km: formatKm(s.leg!.distanceM), time: formatDrive(s.leg!.driveMinutes) }))),
        )
      : null,
  );
  const draw = () => {
    const tileUrl = import.meta.env.VITE_TILE_URL;
    const map = L.map(mapEl, { zoomSnap: 0.25, attributionControl: Boolean(tileUrl), scrollWheelZoom: false, zoomControl: false });
    L.control.zoom(zoomWords()).addTo(map);
    if (tileUrl) L.tileLayer(tileUrl, { attribution: import.meta.env.VITE_TILE_ATTRIBUTION ?? '', maxZoom: 18 }).addTo(map);
    const points = stops.map((s) => L.latLng(s.venue.lat, s.venue.lng));
    const layer = L.featureGroup().addTo(map);
    L.polyline(points, { color: '#005a9c', weight: 4, className: 'route-leg' }).addTo(layer);
    stops.forEach((s, i) => {
      const next = s.stopId === nextId;
      L.circleMarker(points[i]!, { radius: next ? 10 : 7, color: '#ffffff', weight: 2, fillColor: next ? '#b3261e' : '#2f5d8a', fillOpacity: 1, className: 'route-stop' })
        .bindTooltip(`${i + 1}`, { permanent: true, direction: 'center', className: 'route-number' })
        .addTo(layer);
    });
    map.fitBounds(layer.getBounds().pad(0.2), { maxZoom: 12 });
    return () => map.remove();
  };
  return { el, draw };
}

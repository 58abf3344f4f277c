import type { Itinerary } from '../contract/itineraries.js';
import type { Locale } from '../i18n/locale.js';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const words = {
  'zh-CN': {
    title: '行程单',
    seq: '序号',
    dates: '日期',
    venue: '展点',
    contact: '联系人',
    leg: '路程',
    set: '展品',
    status: '状态',
    nav: '导航',
    open: '开放',
    setup: '布展',
    end: '撤展完成',
    km: (m: number) => `${(m / 1000).toFixed(0)} 公里`,
    drive: (min: number) => `约 ${Math.floor(min / 60)} 小时 ${min % 60} 分`,
    rest: (n: number) => `途中住宿 ${n} 晚`,
    none: '此计划中这辆车没有站点。',
    printed: '打印时间',
    status_: { planned: '计划', confirmed: '已确认', arrived: '已到达', completed: '已完成', cancelled: '已取消' } as Record<string, string>,
  },
  en: {
    title: 'Itinerary',
    seq: '#',
    dates: 'Dates',
    venue: 'Venue',
    contact: 'Contact',
    leg: 'Drive',
    set: 'Exhibits',
    status: 'Status',
    nav: 'Navigate',
    open: 'open',
    setup: 'set-up',
    end: 'tear-down by',
    km: (m: number) => `${(m / 1000).toFixed(0)} km`,
    drive: (min: number) => `about ${Math.floor(min / 60)} h ${min % 60} min`,
    rest: (n: number) => `${n} night(s) on the road`,
    none: 'This vehicle has no stops in this plan.',
    printed: 'Printed',
    status_: { planned: 'planned', confirmed: 'confirmed', arrived: 'arrived', completed: 'completed', cancelled: 'cancelled' } as Record<string, string>,
  },
};

/** A self-contained printable page of an itinerary: no scripts, print-friendly CSS, one row per stop. */
export function printableItinerary(it: Itinerary, locale: Locale, printedOn: string): string {
  const w = words[locale];
  const rows = it.stops
    .map(
      (s) => `<tr>
  <td>${s.seq}</td>
  <td>${esc(w.setup)} ${esc(s.startsOn)}<br>${esc(w.open)} ${esc(s.opensOn)} – ${esc(s.closesOn)}<br>${esc(w.end)} ${esc(s.endsOn)}</td>
  <td><strong>${esc(s.venue.name)}</strong><br>${esc(s.venue.countyName)} ${esc(s.venue.address)}<br><small>${s.venue.lng.toFixed(5)}, ${s.venue.lat.toFixed(5)}</small></td>
  <td>${esc(s.venue.contactName)}<br>${esc(s.venue.contactPhone)}</td>
  <td>${s.leg ? `${esc(w.km(s.leg.distanceM))}<br>${esc(w.drive(s.leg.driveMinutes))}${s.leg.restNights ? `<br>${esc(w.rest(s.leg.restNights))}` : ''}` : ''}</td>
  <td>${esc(s.exhibitSet.name)}</td>
  <td>${esc(w.status_[s.status] ?? s.status)}</td>
  <td><a href="${esc(s.amapUrl)}">${esc(w.nav)}</a></td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)} · ${esc(it.vehicle.name)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", sans-serif; margin: 1.5em; color: #111; }
  h1 { font-size: 1.4em; margin: 0 0 .2em; }
  p.meta { color: #444; margin: 0 0 1em; }
  table { border-collapse: collapse; width: 100%; font-size: .9em; }
  th, td { border: 1px solid #999; padding: .35em .5em; vertical-align: top; text-align: left; }
  th { background: #eee; }
  tr { page-break-inside: avoid; }
  @media print { a { color: inherit; text-decoration: none; } @page { size: A4 landscape; margin: 12mm; } }
</style>
</head>
<body>
<h1>${esc(w.title)} · ${esc(it.vehicle.name)} ${esc(it.vehicle.plate)}</h1>
<p class="meta">${esc(it.plan.name)} (${esc(it.plan.status)}, r${it.plan.revision}) · ${esc(it.timeZone)} · ${esc(w.printed)} ${esc(printedOn)}</p>
${
  it.stops.length
    ? `<table>
<thead><tr><th>${esc(w.seq)}</th><th>${esc(w.dates)}</th><th>${esc(w.venue)}</th><th>${esc(w.contact)}</th><th>${esc(w.leg)}</th><th>${esc(w.set)}</th><th>${esc(w.status)}</th><th>${esc(w.nav)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<p>${esc(w.none)}</p>`
}
</body>
</html>`;
}

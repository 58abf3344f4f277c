// Coordinator: proof of the period's visits beside the figures: each reported visit's attendance,
// note and photos, and the button that locks a report as final (the host can no longer change it).
import { get, post, qs } from '../api.js';
import { h, mount } from '../dom.js';
import { formatDays, formatNumber, t } from '../i18n.js';
import type { RegionVisitProof } from '../types.js';

/** The period's reported visits, latest first, with their photos and a lock button each. */
export async function proofsSection(regionId: number, from: string, to: string): Promise<HTMLElement> {
  const box = h('section', { class: 'proofs', 'aria-labelledby': 'proofs-h' }, h('h2', { id: 'proofs-h' }, t('proofTitle')));
  let list: RegionVisitProof[];
  try {
    list = await get<RegionVisitProof[]>(`/api/regions/${regionId}/visit-reports${qs({ from, to })}`);
  } catch (err) {
    box.append(h('p', { class: 'error', role: 'alert' }, t('failed', { message: (err as Error).message })));
    return box;
  }
  if (!list.length) box.append(h('p', { class: 'hint' }, t('proofNone')));
  for (const v of list) box.append(proofCard(v));
  return box;
}

function proofCard(v: RegionVisitProof) {
  const lockArea = h('span', { class: 'proof-lock' });
  const showLocked = () => mount(lockArea, h('span', { class: 'badge completed' }, t('proofLocked')));
  if (v.report.lockedAt) showLocked();
  else {
    const btn = h('button', { type: 'button', class: 'lock-report' }, t('proofLock'));
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await post(`/api/stops/${v.stopId}/report/lock`);
        showLocked();
      } catch (err) {
        btn.disabled = false;
        lockArea.append(h('span', { class: 'error' }, t('failed', { message: (err as Error).message })));
      }
    });
    mount(lockArea, btn);
  }
  return h(
    'article',
    { class: 'visit-card proof', 'data-stop-id': String(v.stopId) },
    h('h3', null, v.venueName, ' ', h('small', { class: 'hint' }, formatDays(v.startsOn, v.endsOn))),
    h('p', { class: 'report-figures' }, t('reportSent', { attendance: formatNumber(v.report.attendance), activities: v.report.activities }), ' ', lockArea),
    v.report.notes ? h('p', null, t('proofNotes'), '：', v.report.notes) : null,
    v.photos.length ? h('div', { class: 'visit-photos' }, v.photos.map((p) => h('a', { href: p.url, target: '_blank', rel: 'noopener' }, h('img', { src: p.url, alt: `${t('photos')} ${p.id}`, loading: 'lazy' })))) : null,
  );
}

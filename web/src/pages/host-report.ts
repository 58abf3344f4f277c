// County host: the report of a visit that has closed (attendance, activities, a short note and
// photos), shown once sent and editable until the coordinator locks it. Sent through the outbox,
// so a report or photo made with no signal waits on the phone and goes once when it returns.
import type { Ctx } from '../app.js';
import { field, h } from '../dom.js';
import { formatDays, formatNumber, t } from '../i18n.js';
import { keptGet } from '../offline.js';
import { tap, type Tap } from '../outbox.js';
import { shrinkPhoto } from '../photo.js';
import type { Stop, VisitProof } from '../types.js';

/** A closed visit's card: its report as sent (or the form), its photos, and what waits on the phone. */
export async function reportCard(ctx: Ctx, s: Stop, venue: string, taps: Tap[], status: HTMLElement) {
  const proof = await keptGet<VisitProof>(`/api/stops/${s.id}/visit`).catch(() => null);
  const report = proof?.report ?? null;
  const locked = Boolean(report?.lockedAt);
  const mine = taps.filter((x) => x.stopId === s.id);
  const seen = { startsOn: s.startsOn, endsOn: s.endsOn };
  const userId = ctx.session.user.id;

  const send = async (x: Omit<Tap, 'id' | 'at' | 'userId' | 'stopId'>, sentText: string, keptText: string) => {
    try {
      const went = await tap({ ...x, userId, stopId: s.id });
      status.textContent = went ? sentText : keptText;
      ctx.refresh();
    } catch (err) {
      status.textContent = t('failed', { message: (err as Error).message });
    }
  };

  const attendance = h('input', { type: 'number', min: '0', step: '1', required: true, inputmode: 'numeric', value: report ? String(report.attendance) : '' });
  const activities = h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric', value: String(report?.activities ?? 1) });
  const notes = h('input', { type: 'text', maxlength: '2000', value: report?.notes ?? '' });
  const form = h(
    'form',
    {
      class: 'attendance',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const body = { attendance: Number(attendance.value), activities: Number(activities.value), notes: notes.value, seen };
        void send({ kind: 'report', path: `/api/stops/${s.id}/report`, body, label: `${venue} · ${t('attendanceTitle')}` }, t('reported'), t('tapKept', { what: t('attendanceTitle') }));
      },
    },
    field(t('attendance'), attendance),
    field(t('activities'), activities),
    field(t('proofNotes'), notes),
    h('button', { type: 'submit', class: 'primary' }, report ? t('reportEdit') : t('report')),
  );
  const photoInput = h('input', { type: 'file', accept: 'image/*', multiple: true, class: 'photo-input' });
  photoInput.addEventListener('change', async () => {
    for (const file of photoInput.files ?? []) {
      let small: Blob;
      try {
        small = await shrinkPhoto(file);
      } catch {
        status.textContent = t('photoUnreadable', { name: file.name });
        continue;
      }
      await send({ kind: 'photo', path: `/api/stops/${s.id}/photos`, body: small, label: `${venue} · ${t('photos')}` }, t('photoSent'), t('photoKept'));
    }
  });

  return h(
    'article',
    { class: 'visit-card visit-report', 'data-stop-id': String(s.id) },
    h('h3', null, venue, ' ', h('small', { class: 'hint' }, formatDays(s.startsOn, s.endsOn))),
    report
      ? h('p', { class: 'report-figures' }, t('reportSent', { attendance: formatNumber(report.attendance), activities: report.activities }), report.notes ? ` · ${report.notes}` : '')
      : null,
    locked ? h('p', { class: 'report-locked' }, t('reportLocked')) : null,
    mine.length ? h('p', { class: 'hint report-waiting' }, t('reportWaiting'), h('span', { class: 'badge pending' }, t('pendingBadge'))) : null,
    proof?.photos.length ? h('div', { class: 'visit-photos' }, proof.photos.map((p) => h('img', { src: p.url, alt: `${t('photos')} ${p.id}`, loading: 'lazy' }))) : null,
    locked ? null : [form, field(t('addPhotos'), photoInput)],
  );
}

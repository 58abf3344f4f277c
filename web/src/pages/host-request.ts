// County host: request a visit. While the form is filled, the earliest feasible dates are suggested.
import { ApiError, get, latestLoad, post } from '../api.js';
import type { Page } from '../app.js';
import { navigate } from '../app.js';
import * as clock from '../clock.js';
import { addDays } from '../dates.js';
import { field, h, mount } from '../dom.js';
import { t, aside, formatDays, tk } from '../i18n.js';
import { myVenues } from '../host-data.js';
import type { AdviceOption, ExhibitSet, RequestCreate } from '../types.js';

export const hostRequestPage: Page = async (root, ctx) => {
  const [venues, sets] = await Promise.all([myVenues(ctx), get<ExhibitSet[]>('/api/exhibit-sets').catch(() => [] as ExhibitSet[])]);
  const today = clock.today();
  const venue = h('select', { name: 'venueId', required: true }, venues.map((v) => h('option', { value: String(v.id) }, v.name)));
  const kind = h(
    'select',
    { name: 'setKind', required: true },
    h('option', { value: 'roving_museum' }, tk('setKind', 'roving_museum')),
    h('option', { value: 'caravan_kit' }, tk('setKind', 'caravan_kit')),
  );
  const set = h('select', { name: 'exhibitSetId' });
  const theme = h('input', { name: 'theme', type: 'text', maxlength: '100' });
  const start = h('input', { name: 'windowStart', type: 'date', required: true, value: addDays(today, 30), min: today });
  const end = h('input', { name: 'windowEnd', type: 'date', required: true, value: addDays(today, 150), min: today });
  const openDays = h('input', { name: 'openDays', type: 'number', min: '1', max: '120', required: true, value: '42', inputmode: 'numeric' });
  const audience = h('input', { name: 'expectedAudience', type: 'number', min: '0', step: '100', required: true, value: '30000', inputmode: 'numeric' });
  const notes = h('textarea', { name: 'notes', rows: '3', maxlength: '2000' });
  const advice = h('section', { class: 'panel advice', 'aria-live': 'polite', 'aria-labelledby': 'advice-h' });
  const msg = h('p', { class: 'error', role: 'alert' });

  function fillSets() {
    const k = kind.value;
    mount(set, h('option', { value: '' }, t('anySet')), sets.filter((s) => s.kind === k).map((s) => h('option', { value: String(s.id) }, `${s.name}${aside(s.theme)}`)));
    if (k === 'caravan_kit' && Number(openDays.value) > 3) openDays.value = '1';
    if (k === 'roving_museum' && Number(openDays.value) < 14) openDays.value = '42';
  }
  fillSets();

  function body(): RequestCreate {
    return {
      venueId: Number(venue.value),
      setKind: kind.value as RequestCreate['setKind'],
      exhibitSetId: set.value ? Number(set.value) : null,
      theme: theme.value.trim() || null,
      windowStart: start.value,
      windowEnd: end.value,
      openDays: Number(openDays.value),
      expectedAudience: Number(audience.value),
      notes: notes.value,
    };
  }

  const adviser = adviceFor(advice, body, (o) => {
    // Ask for exactly these days (set-up to tear-down), so the planner can keep them.
    start.value = o.startsOn;
    end.value = o.endsOn;
    if (!set.value) set.value = String(o.exhibitSetId);
  });
  const scheduleAdvice = adviser.schedule;

  const form = h(
    'form',
    {
      class: 'card request-form',
      oninput: scheduleAdvice,
      onchange: (e: Event) => {
        if (e.target === kind) fillSets();
        scheduleAdvice();
      },
      onsubmit: async (e: Event) => {
        e.preventDefault();
        msg.textContent = '';
        if (end.value < start.value) {
          msg.textContent = `${t('windowEnd')} < ${t('windowStart')}`;
          end.focus();
          return;
        }
        try {
          await post('/api/requests', body());
          navigate('host?submitted=1');
        } catch (err) {
          msg.textContent = t('failed', { message: (err as Error).message });
        }
      },
    },
    field(t('venue'), venue),
    field(t('setKind'), kind),
    field(t('preferredSet'), set),
    field(t('preferredTheme'), theme),
    h('div', { class: 'grid2' }, field(t('windowStart'), start), field(t('windowEnd'), end)),
    h('div', { class: 'grid2' }, field(t('openDays'), openDays), field(t('expectedAudience'), audience)),
    // Right under the dates it depends on, so a host on a phone sees it while filling them in.
    advice,
    field(t('notes'), notes),
    msg,
    h('button', { type: 'submit', class: 'primary' }, t('submit')),
  );
  mount(root, h('h1', null, t('requestTitle')), h('div', { class: 'request-page' }, form));
  void adviser.show();
  return () => adviser.stop();
};

/** The earliest feasible dates for the form as filled, asked for a moment after each change; the newest answer wins. */
function adviceFor(advice: HTMLElement, body: () => RequestCreate, use: (o: AdviceOption) => void) {
  let timer = 0;
  const load = latestLoad();
  function schedule() {
    clearTimeout(timer);
    timer = window.setTimeout(() => void show(), 400);
  }
  const option = (o: AdviceOption) =>
    h(
      'li',
      null,
      t('suggestion', { opens: formatDays(o.opensOn, o.opensOn), closes: formatDays(o.closesOn, o.closesOn), set: o.exhibitSetName, vehicle: o.vehicleName }),
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'secondary use-dates',
          onclick: () => {
            use(o);
            schedule();
          },
        },
        t('useDates'),
      ),
    );
  async function show() {
    const b = body();
    if (!b.venueId || !b.windowStart || !b.windowEnd || b.windowEnd < b.windowStart || !(b.openDays > 0)) return;
    const latest = load();
    mount(advice, h('h2', { id: 'advice-h' }, t('suggestions')), h('p', { class: 'hint' }, t('suggestionsLoading')));
    try {
      const { venueId, setKind, exhibitSetId, theme: th, windowStart, windowEnd, openDays: od } = b;
      const res = await post<{ options: AdviceOption[] }>('/api/requests/advice', { venueId, setKind, exhibitSetId, theme: th, windowStart, windowEnd, openDays: od });
      if (!latest()) return;
      mount(
        advice,
        h('h2', { id: 'advice-h' }, t('suggestions')),
        res.options.length ? h('ol', { class: 'advice-options' }, res.options.slice(0, 5).map(option)) : h('p', null, t('suggestionsNone')),
      );
    } catch (err) {
      if (!latest()) return;
      mount(advice, h('h2', { id: 'advice-h' }, t('suggestions')), h('p', { class: 'hint' }, err instanceof ApiError && err.status === 404 ? t('notAvailable') : (err as Error).message));
    }
  }
  return { schedule, show, stop: () => clearTimeout(timer) };
}

// Coordinator: start a planning run, follow its progress (Server-Sent Events, polling as fallback),
// cancel it; when done, show the metrics and the diff against the published timeline, and publish.
import { get, post } from '../api.js';
import type { Page } from '../app.js';
import * as clock from '../clock.js';
import { loadPlans } from '../data.js';
import { defaultHorizon } from '../dates.js';
import { field, h, mount } from '../dom.js';
import { formatDays, formatInstant, formatNumber, t, tk } from '../i18n.js';
import type { PlanDiff, PlanningRun, PlanSummary, PlanWarnings, Region, RunProgress } from '../types.js';
import { diffView, loadDiff, publishButton, publishLabel } from './board-diff.js';

/** The page's parts that its steps share. */
interface RunsView {
  region: HTMLSelectElement;
  bar: HTMLProgressElement;
  phase: HTMLElement;
  cancelBtn: HTMLButtonElement;
  startBtn: HTMLButtonElement;
  result: HTMLElement;
  plansBox: HTMLElement;
  /** Outside the list, which is redrawn after a publish: the messages must outlive it. */
  listMsg: HTMLElement;
  listDecisions: HTMLElement;
}

export const runsPage: Page = async (root, ctx, params) => {
  const regions = await get<Region[]>('/api/regions');
  const status = () => h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const v: RunsView = {
    region: h('select', { name: 'regionId' }, regions.map((r) => h('option', { value: String(r.id), selected: r.id === ctx.regionId }, r.nameZh))),
    bar: h('progress', { max: '100', value: '0', class: 'run-progress', 'aria-label': t('progress') }),
    phase: h('p', { class: 'status run-phase', role: 'status', 'aria-live': 'polite' }),
    cancelBtn: h('button', { type: 'button', class: 'danger', hidden: true }, t('cancelRun')),
    startBtn: h('button', { type: 'submit', class: 'primary' }, t('startRun')),
    result: h('section', { class: 'run-result' }),
    plansBox: h('section', { class: 'panel' }),
    listMsg: status(),
    listDecisions: h('div', { class: 'list-decisions' }),
  };
  const tracker = runTracker(v);
  mount(
    root,
    h('h1', null, t('runsTitle')),
    h('div', { class: 'grid2' }, runForm(v, tracker.follow), h('section', { class: 'card' }, h('h2', null, t('progress')), v.bar, v.phase, v.cancelBtn)),
    v.result,
    v.listMsg,
    v.listDecisions,
    v.plansBox,
  );
  void listPlans(v);
  const again = Number(params.get('run'));
  if (again) tracker.follow(again);
  return () => tracker.stop();
};

/** The run form: region, horizon, time budget, "every key county". */
function runForm(v: RunsView, follow: (runId: number) => void) {
  const horizon = defaultHorizon(clock.today());
  const start = h('input', { type: 'date', required: true, value: horizon.start });
  const end = h('input', { type: 'date', required: true, value: horizon.end });
  const seconds = h('input', { type: 'number', min: '1', max: '3600', value: '20', inputmode: 'numeric' });
  const requireKey = h('input', { type: 'checkbox', id: 'require-key' });
  return h(
    'form',
    {
      class: 'card run-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        v.result.replaceChildren();
        v.startBtn.disabled = true;
        try {
          const options: { seconds?: number; requireAllKeyCounties?: boolean } = {};
          if (seconds.value) options.seconds = Number(seconds.value);
          if (requireKey.checked) options.requireAllKeyCounties = true;
          const { runId } = await post<{ runId: number }>(`/api/regions/${v.region.value}/planning-runs`, { horizonStart: start.value, horizonEnd: end.value, options });
          history.replaceState(null, '', `#/runs?run=${runId}`);
          follow(runId);
        } catch (err) {
          v.startBtn.disabled = false;
          v.phase.textContent = t('runFailed', { message: (err as Error).message });
        }
      },
    },
    field(t('region'), v.region),
    h('div', { class: 'grid2' }, field(t('horizonStart'), start), field(t('horizonEnd'), end)),
    field(t('seconds'), seconds),
    h('div', { class: 'field inline' }, requireKey, h('label', { for: 'require-key' }, ' ', t('requireKey'))),
    v.startBtn,
  );
}

/** Follows one run at a time: its event stream, or polling when the stream breaks; shows the result once. */
function runTracker(v: RunsView) {
  let source: EventSource | null = null;
  let poll = 0;
  let shownPlan = 0;

  function showProgress(p: RunProgress | null) {
    if (!p) return;
    v.bar.value = Math.max(0, Math.min(100, p.percent));
    v.bar.setAttribute('aria-valuenow', String(Math.round(p.percent)));
    v.phase.textContent = t('runPhase', { phase: tk('runPhase', p.phase), served: p.served ?? '–', total: p.total ?? '–' });
  }
  function stop() {
    source?.close();
    source = null;
    clearInterval(poll);
    v.cancelBtn.hidden = true;
    v.startBtn.disabled = false;
  }
  function ended(text: string) {
    stop();
    v.phase.textContent = text;
  }
  function finished(planId: number) {
    if (shownPlan === planId) return;
    shownPlan = planId;
    stop();
    v.bar.value = 100;
    v.phase.textContent = t('runSucceeded');
    void showResult(v, planId);
  }
  function follow(runId: number) {
    stop();
    v.startBtn.disabled = true;
    v.cancelBtn.hidden = false;
    v.bar.value = 0;
    v.phase.textContent = t('runQueued');
    v.cancelBtn.onclick = async () => {
      try {
        await post(`/api/planning-runs/${runId}/cancel`);
      } catch (err) {
        v.phase.textContent = (err as Error).message;
      }
    };
    const check = async () => {
      const run = await get<PlanningRun>(`/api/planning-runs/${runId}`);
      showProgress(run.progress as RunProgress | null);
      if (run.status === 'succeeded' && run.planId) return finished(run.planId);
      if (run.status === 'failed') return ended(t('runFailed', { message: run.error?.message ?? '' }));
      if (run.status === 'cancelled') return ended(t('runCancelled'));
    };
    const data = <T>(e: Event) => JSON.parse((e as MessageEvent<string>).data) as T;
    source = new EventSource(`/api/planning-runs/${runId}/events`);
    source.addEventListener('progress', (e) => showProgress(data<RunProgress>(e)));
    source.addEventListener('done', (e) => finished(data<{ planId: number }>(e).planId));
    source.addEventListener('failed', (e) => ended(t('runFailed', { message: data<{ message?: string }>(e).message ?? '' })));
    source.addEventListener('cancelled', () => ended(t('runCancelled')));
    source.onerror = () => {
      // The stream broke (or the server has none): ask for the run's state every second instead.
      source?.close();
      source = null;
      if (!poll) poll = window.setInterval(() => void check().catch(() => undefined), 1000);
    };
    void check().catch(() => undefined);
  }
  return { follow, stop };
}

/** A finished run's draft: its metrics, what publishing it changes, and the publish button. */
async function showResult(v: RunsView, planId: number) {
  const plans = await loadPlans(Number(v.region.value));
  const plan = plans.find((p) => p.id === planId);
  const diff: PlanDiff | Error = await loadDiff(planId).catch((err: unknown) => err as Error);
  const pubMsg = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const decisions = h('div', { class: 'run-decisions' });
  const known = diff instanceof Error ? null : diff;
  const warnings = await get<PlanWarnings>(`/api/plans/${planId}/warnings`).catch(() => null);
  mount(
    v.result,
    h(
      'div',
      { class: 'panel run-done', 'data-plan-id': String(planId) },
      h('h2', null, plan?.name || `#${planId}`),
      metricsView(plan),
      warningsView(warnings),
      known ? diffView(known) : h('p', { class: 'error' }, t('diffLoadFailed', { message: (diff as Error).message })),
      h(
        'p',
        null,
        h('a', { class: 'button', href: `#/board?plan=${planId}` }, t('openBoard')),
        ' ',
        publishButton({ planId, diff: known, msg: pubMsg, box: decisions, onPublished: () => void listPlans(v) }),
      ),
      pubMsg,
      decisions,
    ),
  );
  void listPlans(v);
}

/** What the draft warns of, in the server's words: vehicles left without a stop, unserved requests by cause. */
function warningsView(w: PlanWarnings | null) {
  if (!w || (w.vehicles.length === 0 && w.unserved.length === 0)) return null;
  return h(
    'section',
    { class: 'run-warnings' },
    h('h3', null, t('warningsTitle')),
    w.vehicles.length > 0 ? h('p', null, t('warningsVehicles')) : null,
    w.vehicles.length > 0 ? h('ul', { class: 'warn-vehicles' }, ...w.vehicles.map((x) => h('li', null, h('strong', null, x.vehicleName), '：', x.message))) : null,
    w.unserved.length > 0 ? h('p', null, t('warningsUnserved')) : null,
    w.unserved.length > 0 ? h('ul', { class: 'warn-unserved' }, ...w.unserved.map((g) => h('li', null, t('warningsCount', { n: g.count }), g.message))) : null,
  );
}

/** A draft's publish button in the list; it says what it changes once the diff is in. */
function listPublishButton(v: RunsView, planId: number) {
  const btn = publishButton({ planId, diff: null, msg: v.listMsg, box: v.listDecisions, onPublished: () => void listPlans(v) });
  void loadDiff(planId)
    .then((diff) => (btn.textContent = publishLabel(diff)))
    .catch(() => undefined);
  return btn;
}

/** The region's plans, newest first, each draft with its publish button. */
async function listPlans(v: RunsView) {
  const plans = await loadPlans(Number(v.region.value));
  const row = (p: PlanSummary) =>
    h(
      'tr',
      null,
      h('td', null, p.name || `#${p.id}`),
      h('td', null, tk('planStatus', p.status), p.version ? ` v${p.version}` : ''),
      h('td', null, formatDays(p.horizonStart, p.horizonEnd), h('br'), h('small', { class: 'hint' }, p.createdAt ? formatInstant(p.createdAt) : '')),
      h(
        'td',
        null,
        h('a', { href: `#/board?plan=${p.id}` }, t('openBoard')),
        p.status === 'draft' ? [' ', listPublishButton(v, p.id)] : null,
      ),
    );
  mount(
    v.plansBox,
    h('h2', null, t('plan')),
    h(
      'table',
      { class: 'list' },
      h('thead', null, h('tr', null, h('th', null, t('name')), h('th', null, t('status')), h('th', null, t('dates')), h('th', null, ''))),
      h('tbody', null, plans.map(row)),
    ),
  );
}

function metricsView(plan: PlanSummary | undefined) {
  const m = plan?.metrics;
  if (!m) return null;
  const entries = Object.entries(m).filter(([, v]) => typeof v === 'number' || typeof v === 'string');
  return h(
    'div',
    { class: 'metrics', 'aria-label': t('metrics') },
    entries.map(([k, v]) => h('div', { class: 'metric' }, h('b', null, typeof v === 'number' ? formatNumber(Math.round(v * 100) / 100) : String(v)), h('span', null, tk('metric', k)))),
  );
}

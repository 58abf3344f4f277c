// Coordinator: start a planning run, follow its progress (Server-Sent Events, polling as fallback),
// cancel it; when done, show the metrics and the diff against the published plan, and publish.
import { get, post } from '../api.js';
import type { Page } from '../app.js';
import * as clock from '../clock.js';
import { loadPlans } from '../data.js';
import { defaultHorizon } from '../dates.js';
import { field, h, mount } from '../dom.js';
import { formatDays, formatInstant, formatNumber, t, tk } from '../i18n.js';
import type { PlanDiff, PlanningRun, PlanSummary, Region, RunProgress } from '../types.js';

export const runsPage: Page = async (root, ctx, params) => {
  const regions = await get<Region[]>('/api/regions');
  const horizon = defaultHorizon(clock.today());
  const region = h('select', { name: 'regionId' }, regions.map((r) => h('option', { value: String(r.id), selected: r.id === ctx.regionId }, r.nameZh)));
  const start = h('input', { type: 'date', required: true, value: horizon.start });
  const end = h('input', { type: 'date', required: true, value: horizon.end });
  const seconds = h('input', { type: 'number', min: '1', max: '3600', value: '20', inputmode: 'numeric' });
  const requireKey = h('input', { type: 'checkbox', id: 'require-key' });
  const bar = h('progress', { max: '100', value: '0', class: 'run-progress', 'aria-label': t('progress') });
  const phase = h('p', { class: 'status run-phase', role: 'status', 'aria-live': 'polite' });
  const cancelBtn = h('button', { type: 'button', class: 'danger', hidden: true }, t('cancelRun'));
  const result = h('section', { class: 'run-result' });
  const plansBox = h('section', { class: 'panel' });
  // Outside the list, which is redrawn after a publish: the message must outlive it.
  const listMsg = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const startBtn = h('button', { type: 'submit', class: 'primary' }, t('startRun'));
  let source: EventSource | null = null;
  let poll = 0;

  const form = h(
    'form',
    {
      class: 'card run-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        result.replaceChildren();
        startBtn.disabled = true;
        try {
          const options: { seconds?: number; requireAllKeyCounties?: boolean } = {};
          if (seconds.value) options.seconds = Number(seconds.value);
          if (requireKey.checked) options.requireAllKeyCounties = true;
          const { runId } = await post<{ runId: number }>(`/api/regions/${region.value}/planning-runs`, { horizonStart: start.value, horizonEnd: end.value, options });
          history.replaceState(null, '', `#/runs?run=${runId}`);
          follow(runId);
        } catch (err) {
          startBtn.disabled = false;
          phase.textContent = t('runFailed', { message: (err as Error).message });
        }
      },
    },
    field(t('region'), region),
    h('div', { class: 'grid2' }, field(t('horizonStart'), start), field(t('horizonEnd'), end)),
    field(t('seconds'), seconds),
    h('div', { class: 'field inline' }, requireKey, h('label', { for: 'require-key' }, ' ', t('requireKey'))),
    startBtn,
  );

  mount(
    root,
    h('h1', null, t('runsTitle')),
    h('div', { class: 'grid2' }, form, h('section', { class: 'card' }, h('h2', null, t('progress')), bar, phase, cancelBtn)),
    result,
    listMsg,
    plansBox,
  );

  function showProgress(p: RunProgress | null) {
    if (!p) return;
    bar.value = Math.max(0, Math.min(100, p.percent));
    bar.setAttribute('aria-valuenow', String(Math.round(p.percent)));
    phase.textContent = t('runPhase', { phase: p.phase, served: p.served ?? '–', total: p.total ?? '–' });
  }

  function stop() {
    source?.close();
    source = null;
    clearInterval(poll);
    cancelBtn.hidden = true;
    startBtn.disabled = false;
  }

  function follow(runId: number) {
    stop();
    startBtn.disabled = true;
    cancelBtn.hidden = false;
    bar.value = 0;
    phase.textContent = t('runQueued');
    cancelBtn.onclick = async () => {
      try {
        await post(`/api/planning-runs/${runId}/cancel`);
      } catch (err) {
        phase.textContent = (err as Error).message;
      }
    };
    const check = async () => {
      const run = await get<PlanningRun>(`/api/planning-runs/${runId}`);
      showProgress(run.progress as RunProgress | null);
      if (run.status === 'succeeded' && run.planId) return void finished(run.planId);
      if (run.status === 'failed') return void failed(run.error?.message ?? '');
      if (run.status === 'cancelled') return void cancelled();
    };
    source = new EventSource(`/api/planning-runs/${runId}/events`);
    source.addEventListener('progress', (e) => showProgress(JSON.parse((e as MessageEvent<string>).data) as RunProgress));
    source.addEventListener('done', (e) => void finished((JSON.parse((e as MessageEvent<string>).data) as { planId: number }).planId));
    source.addEventListener('failed', (e) => failed((JSON.parse((e as MessageEvent<string>).data) as { message?: string; code: string }).message ?? ''));
    source.addEventListener('cancelled', () => cancelled());
    source.onerror = () => {
      // The stream broke (or the server has none): ask for the run's state every second instead.
      source?.close();
      source = null;
      if (!poll) poll = window.setInterval(() => void check().catch(() => undefined), 1000);
    };
    void check().catch(() => undefined);
  }

  function failed(message: string) {
    stop();
    phase.textContent = t('runFailed', { message });
  }
  function cancelled() {
    stop();
    phase.textContent = t('runCancelled');
  }

  let shownPlan = 0;
  async function finished(planId: number) {
    if (shownPlan === planId) return;
    shownPlan = planId;
    stop();
    bar.value = 100;
    phase.textContent = t('runSucceeded');
    const plans = await loadPlans(Number(region.value));
    const plan = plans.find((p) => p.id === planId);
    let diff: PlanDiff | null = null;
    try {
      diff = await get<PlanDiff>(`/api/plans/${planId}/diff`);
    } catch {
      diff = null;
    }
    const pubMsg = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    mount(
      result,
      h(
        'div',
        { class: 'panel run-done', 'data-plan-id': String(planId) },
        h('h2', null, plan?.name || `#${planId}`),
        metricsView(plan),
        diff
          ? h(
              'div',
              { class: 'diff' },
              h('h3', null, t('diffTitle')),
              h('p', null, t('diffAdded', { n: diff.added.length }), ' · ', t('diffRemoved', { n: diff.removed.length }), ' · ', t('diffMoved', { n: diff.moved.length })),
            )
          : null,
        h(
          'p',
          null,
          h('a', { class: 'button', href: `#/board?plan=${planId}` }, t('openBoard')),
          ' ',
          publishButton(planId, pubMsg),
        ),
        pubMsg,
      ),
    );
    void listPlans();
  }

  /** Publishes a draft: it becomes the plan hosts and drivers see; the published one before it is superseded. */
  function publishButton(planId: number, msg: HTMLElement) {
    return h(
      'button',
      {
        type: 'button',
        class: 'primary publish-btn',
        'data-plan-id': String(planId),
        onclick: async (e: Event) => {
          const b = e.currentTarget as HTMLButtonElement;
          b.disabled = true;
          try {
            await post(`/api/plans/${planId}/publish`);
            msg.textContent = t('published');
            void listPlans();
          } catch (err) {
            msg.textContent = t('failed', { message: (err as Error).message });
            b.disabled = false;
          }
        },
      },
      t('publish'),
    );
  }

  async function listPlans() {
    const plans = await loadPlans(Number(region.value));
    mount(
      plansBox,
      h('h2', null, t('plan')),
      h(
        'table',
        { class: 'list' },
        h('thead', null, h('tr', null, h('th', null, t('name')), h('th', null, t('status')), h('th', null, t('dates')), h('th', null, ''))),
        h(
          'tbody',
          null,
          plans.map((p: PlanSummary) =>
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
                p.status === 'draft' ? [' ', publishButton(p.id, listMsg)] : null,
              ),
            ),
          ),
        ),
      ),
    );
  }

  void listPlans();
  const again = Number(params.get('run'));
  if (again) follow(again);
  return () => stop();
};

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

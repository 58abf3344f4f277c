// The shell: session, role home pages, hash routes, header with navigation and the language switch.
import { ApiError, post, setCsrfToken } from './api.js';
import { syncClock } from './clock.js';
import { h, mount } from './dom.js';
import { locale, setLocale, setTimeZone, t, type MessageKey } from './i18n.js';
import { noticesMenu } from './notices.js';
import { onRetry, onSessionExpired } from './connection.js';
import { currentSession, forgetKept, keepSession, keptGet } from './offline.js';
import type { Region, Role, Session } from './types.js';

export interface Ctx {
  session: Session;
  role: Role;
  region: Region | null;
  regionId: number | null;
  venueIds: number[];
  vehicleId: number | null;
  /** Re-renders the current page (e.g. after a language switch). */
  refresh: () => void;
}

/** A page draws into `root`; it may return a clean-up run when the user leaves it. */
export type Page = (root: HTMLElement, ctx: Ctx, params: URLSearchParams) => void | (() => void) | Promise<void | (() => void)>;

interface RouteDef {
  role: Role;
  label: MessageKey;
  load: () => Promise<Page>;
  /** false: a page reached from another (no link in the menu). */
  nav?: boolean;
}

const routes: Record<string, RouteDef> = {
  board: { role: 'coordinator', label: 'navBoard', load: async () => (await import('./pages/board.js')).boardPage },
  'board/print': { role: 'coordinator', label: 'printBoard', nav: false, load: async () => (await import('./pages/board-print.js')).boardPrintPage },
  requests: { role: 'coordinator', label: 'navInbox', load: async () => (await import('./pages/requests.js')).requestsPage },
  runs: { role: 'coordinator', label: 'navRuns', load: async () => (await import('./pages/runs.js')).runsPage },
  map: { role: 'coordinator', label: 'navMap', load: async () => (await import('./pages/map.js')).mapPage },
  catalogue: { role: 'coordinator', label: 'navCatalogue', load: async () => (await import('./pages/catalogue.js')).cataloguePage },
  reports: { role: 'coordinator', label: 'navReports', load: async () => (await import('./pages/reports.js')).reportsPage },
  onboarding: { role: 'coordinator', label: 'navOnboarding', load: async () => (await import('./pages/onboarding.js')).onboardingPage },
  settings: { role: 'coordinator', label: 'navSettings', load: async () => (await import('./pages/settings.js')).settingsPage },
  audit: { role: 'coordinator', label: 'navAudit', load: async () => (await import('./pages/audit.js')).auditPage },
  host: { role: 'host', label: 'navRequests', load: async () => (await import('./pages/host.js')).hostPage },
  'host/request': { role: 'host', label: 'navNewRequest', load: async () => (await import('./pages/host-request.js')).hostRequestPage },
  'host/visits': { role: 'host', label: 'navVisits', load: async () => (await import('./pages/host-visits.js')).hostVisitsPage },
  driver: { role: 'driver', label: 'navItinerary', load: async () => (await import('./pages/driver.js')).driverPage },
  admin: { role: 'admin', label: 'navAdmin', load: async () => (await import('./pages/onboarding-admin.js')).adminPage },
  'admin/audit': { role: 'admin', label: 'navAudit', load: async () => (await import('./pages/audit.js')).auditPage },
  // The national view (issue 15).
  national: { role: 'admin', label: 'navNational', load: async () => (await import('./pages/national.js')).nationalPage },
};

const homeOf: Record<Role, string> = { coordinator: 'board', host: 'host', driver: 'driver', admin: 'admin' };

/** Whether the session may use a role's pages: a grant of it, or for the administrator the account's flag. */
const holds = (s: Session, role: Role) => (role === 'admin' ? s.user.administrator : s.user.roles.some((g) => g.role === role));

let ctx: Ctx | null = null;
/** The session ended while a page was open: the sign-in form says so, and leads back to that page (issue 12). */
let sessionEnded = false;
let cleanup: (() => void) | void = undefined;
const app = document.querySelector<HTMLElement>('#app')!;

function parseHash(): { path: string; params: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?');
  return { path, params: new URLSearchParams(query) };
}

/** Goes to a route; draws it even when the hash already names it. */
export function navigate(path: string) {
  const target = `#/${path}`;
  if (location.hash === target) void route();
  else location.hash = target;
}

async function buildCtx(session: Session): Promise<Ctx> {
  syncClock(session.now);
  keepSession(session);
  const roles = session.user.roles;
  const first = roles[0];
  const role: Role = first?.role ?? (session.user.administrator ? 'admin' : 'host');
  let regions: Region[] = [];
  try {
    regions = await keptGet<Region[]>('/api/regions');
  } catch {
    // A host or driver may not be allowed the list; the default zone stays.
  }
  const regionId = roles.find((r) => r.regionId)?.regionId ?? regions[0]?.id ?? null;
  const region = regions.find((r) => r.id === regionId) ?? regions[0] ?? null;
  if (region) setTimeZone(region.timeZone);
  return {
    session,
    role,
    region,
    regionId,
    venueIds: roles.filter((r) => r.role === 'host' && r.venueId).map((r) => r.venueId!),
    vehicleId: roles.find((r) => r.role === 'driver')?.vehicleId ?? null,
    refresh: () => void route(),
  };
}

function header(c: Ctx | null, active: string) {
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'lang',
      'aria-label': t('languageLabel'),
      lang: locale() === 'zh-CN' ? 'en' : 'zh-CN',
      onclick: () => {
        setLocale(locale() === 'zh-CN' ? 'en' : 'zh-CN');
        void route();
      },
    },
    t('language'),
  );
  const links = c
    ? Object.entries(routes)
        .filter(([, r]) => r.nav !== false && holds(c.session, r.role))
        .map(([path, r]) =>
          h('a', { href: `#/${path}`, class: 'navlink', 'aria-current': path === active ? 'page' : undefined }, t(r.label)),
        )
    : [];
  return h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'skip', href: '#main' }, t('skipToContent')),
    h('span', { class: 'brand' }, t('appName')),
    c ? h('nav', { 'aria-label': t('nav'), class: 'nav' }, links) : null,
    h(
      'div',
      { class: 'who' },
      c ? noticesMenu(holds(c.session, 'coordinator')) : null,
      c ? h('span', { class: 'user', 'data-testid': 'user-name' }, c.session.user.displayName) : null,
      toggle,
      c
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: async () => {
                try {
                  await post('/api/auth/logout');
                } catch {
                  /* signed out either way */
                }
                ctx = null;
                forgetKept();
                navigate('login');
              },
            },
            t('signOut'),
          )
        : null,
    ),
  );
}

function loginPage(root: HTMLElement) {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none' });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('p', { class: 'error', role: 'alert' }, sessionEnded ? t('sessionExpired') : null);
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        msg.textContent = '';
        try {
          const session = await post<Session>('/api/auth/login', { username: user.value.trim(), password: pass.value });
          setCsrfToken(session.csrfToken);
          ctx = await buildCtx(session);
          if (ctx.session.user.roles.length === 0 && !ctx.session.user.administrator) throw new ApiError(403, 'NO_ROLE', t('noRole'));
          sessionEnded = false;
          // Back to the page the address names (where the session ended, or a link followed), else home.
          const def = routes[parseHash().path];
          if (def && holds(ctx.session, def.role)) void route();
          else navigate(homeOf[ctx.role]);
        } catch (err) {
          msg.textContent = t('signInFailed', { message: (err as Error).message });
        }
      },
    },
    h('h1', null, t('signIn')),
    h('div', { class: 'field' }, h('label', { for: 'login-user' }, t('username')), Object.assign(user, { id: 'login-user' })),
    h('div', { class: 'field' }, h('label', { for: 'login-pass' }, t('password')), Object.assign(pass, { id: 'login-pass' })),
    msg,
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
  );
  mount(root, form);
  user.focus();
}

let routing = 0;

/** Draws the page the hash names, or the sign-in page, or the user's home. */
export async function route() {
  const seq = ++routing;
  document.documentElement.lang = locale();
  document.title = t('appName');
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  const { path, params } = parseHash();
  if (!ctx) {
    try {
      const session = await currentSession();
      setCsrfToken(session.csrfToken);
      ctx = await buildCtx(session);
    } catch {
      ctx = null;
    }
  }
  if (seq !== routing) return;
  const main = h('main', { id: 'main', tabindex: '-1' });
  if (!ctx) {
    mount(app, header(null, ''), main);
    loginPage(main);
    return;
  }
  const def = routes[path];
  const allowed = def && holds(ctx.session, def.role);
  if (!def || !allowed) {
    navigate(homeOf[ctx.role]);
    return;
  }
  const roleCtx: Ctx = { ...ctx, role: def.role };
  mount(app, header(ctx, path), main);
  mount(main, h('p', { class: 'status' }, t('loading')));
  try {
    const page = await def.load();
    if (seq !== routing) return;
    main.replaceChildren();
    main.dataset.page = path;
    cleanup = await page(main, roleCtx, params);
  } catch (err) {
    mount(main, h('p', { class: 'error', role: 'alert' }, t('failed', { message: (err as Error).message })));
  }
}

export function start() {
  onRetry(() => void route());
  onSessionExpired(() => {
    if (!ctx) return;
    ctx = null;
    sessionEnded = true;
    void route();
  });
  window.addEventListener('hashchange', () => void route());
  void route();
}

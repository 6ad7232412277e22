// The Freight view's entry: reads the mount element, asks who is signed in, routes by the URL's hash, reloads on
// the engine's events (or every refreshInterval without them). See docs/api.md for what the mount gives.
import {Api} from './api.js';
import {h, replace, route} from './dom.js';
import {signInDialog, toast} from './dialog.js';
import {applyTheme, toggleTheme} from './theme.js';
import {renderPipeline} from './pipeline.js';
import {newQuery, timelineSection} from './timeline.js';
import {promotionPage, stagePage, verificationPage} from './stage.js';
import {watch} from './live.js';
import {seconds} from './format.js';

const mount = document.getElementById('kargo');
const api = new Api(mount);
applyTheme(null);

const ctx = {
  api,
  project: null,
  timeline: newQuery(),
  refresh: () => scheduleRefresh(0),
  reloadTimeline: () => loadTimeline(),
  onSession: () => renderSession(),
};

const status = h('span', {class: 'live-status', 'data-live': 'off', title: 'live updates'}, 'connecting…');
const session = h('span', {class: 'session'});
const themeButton = h('button', {type: 'button', class: 'theme-toggle', 'data-action': 'theme',
  onclick: () => themeLabel(toggleTheme())}, '');
const banner = h('p', {class: 'banner', hidden: true});
const main = h('main', {class: 'view'});
replace(mount,
  h('header', {class: 'topbar'},
    h('a', {class: 'brand', href: '#/'}, 'Kargo'), h('span', {class: 'project-name'}),
    h('span', {class: 'spacer'}), status, session, themeButton),
  banner, main);
const themeLabel = theme => replace(themeButton, theme === 'dark' ? '☀ Light' : '☾ Dark');
themeLabel(document.documentElement.dataset.theme);

let renders = 0;
let page = null; // what the current route shows: {kind, dispose, ...}
let refreshTimer = null;
let fallback = null;
let refreshSeconds = 30;
let live = false;

function renderSession() {
  const user = api.session.user;
  if (user) {
    replace(session, h('span', {class: 'user', title: 'actions are recorded in this name'}, user),
      api.session.tokens ? h('button', {type: 'button', class: 'link', 'data-action': 'sign-out', onclick: () => {
        api.signOut();
        renderSession();
        scheduleRefresh(0);
      }}, 'Sign out') : null);
  } else {
    replace(session, h('button', {type: 'button', 'data-action': 'sign-in',
      onclick: () => signInDialog(api, () => {
        renderSession();
        scheduleRefresh(0);
      })}, 'Sign in'));
  }
}

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return {project: parts[0] || null, kind: parts[1] || 'pipeline', name: parts[2] || null};
}

async function show() {
  const r = parseRoute();
  if (!r.project) {
    const projects = await api.get('projects');
    if (projects.length === 1) {
      location.replace(route(projects[0]));
      return;
    }
    dispose();
    replace(main, h('h1', {}, 'Projects'), projects.length === 0
      ? h('p', {}, 'No project yet: apply one with `kargo apply -f DIR`.')
      : h('ul', {class: 'projects'}, projects.map(p => h('li', {}, h('a', {href: route(p)}, p)))));
    return done();
  }
  ctx.project = r.project;
  replace(mount.querySelector('.project-name'), r.project);
  document.title = `Kargo · ${r.project}`;
  const key = `${r.project}/${r.kind}/${r.name}`;
  if (r.kind === 'pipeline') {
    await showPipeline(key);
  } else if (r.kind === 'stages') {
    await showDetail(key, () => api.get(`projects/${enc(r.project)}/stages/${enc(r.name)}`), d => stagePage(ctx, d));
  } else if (r.kind === 'promotions') {
    await showDetail(key, () => api.get(`projects/${enc(r.project)}/promotions/${enc(r.name)}`), p => promotionPage(ctx, p));
  } else if (r.kind === 'verifications') {
    await showDetail(key, () => api.get(`projects/${enc(r.project)}/verifications/${enc(r.name)}`), v => verificationPage(ctx, v));
  } else {
    replace(main, h('p', {class: 'error'}, 'No such page.'));
  }
  done();
}

async function showPipeline(key) {
  const [pipeline] = await Promise.all([api.get(`projects/${enc(ctx.project)}/pipeline`), loadTimeline(false)]);
  useDashboard(pipeline.theme, seconds(pipeline.refreshInterval));
  ctx.cards = new Map(pipeline.stages.map(c => [c.name, c]));
  if (!page || page.key !== key) {
    dispose();
    const graph = h('section', {class: 'pipeline', 'aria-label': 'Pipeline'});
    const timeline = timelineSection(ctx);
    page = {key, graph, timeline, dispose: null};
    replace(main, graph, timeline);
  }
  if (page.dispose) page.dispose();
  page.dispose = renderPipeline(ctx, page.graph, pipeline);
  if (ctx.lastTimeline) page.timeline.render(ctx.lastTimeline, ctx.cards);
}

async function loadTimeline(render = true) {
  const q = ctx.timeline;
  ctx.lastTimeline = await api.get(`projects/${enc(ctx.project)}/freight`,
    {maturity: q.maturity, warehouse: q.warehouse, artifact: q.artifact, q: q.q, offset: q.offset, limit: q.limit});
  if (render && page && page.timeline) {
    page.timeline.render(ctx.lastTimeline, ctx.cards || new Map());
    done();
  }
}

async function showDetail(key, load, render) {
  const data = await load();
  const scroll = window.scrollY;
  const open = new Set([...main.querySelectorAll('details[open]')].map(d => d.dataset.promotion || d.dataset.verification));
  dispose();
  page = {key, dispose: null};
  replace(main, render(data));
  if (page.key === key) {
    main.querySelectorAll('details').forEach(d => {
      if (open.has(d.dataset.promotion || d.dataset.verification)) d.open = true;
    });
    window.scrollTo(0, scroll);
  }
}

function dispose() {
  if (page && page.dispose) page.dispose();
  page = null;
}

/** Tests and screenshots wait on this: how many times the view finished rendering. */
function done() {
  renders += 1;
  mount.dataset.renders = String(renders);
  if (renders === 1) performance.mark('kargo-rendered'); // docs/performance.md: time to a usable page
}

/** The dashboard's ui.theme (the default until the user chooses) and ui.refreshInterval (polling without events). */
function useDashboard(theme, refreshInterval) {
  if (!mount.dataset.themeApplied) {
    applyTheme(theme);
    themeLabel(document.documentElement.dataset.theme);
    mount.dataset.themeApplied = 'true';
  }
  if (refreshInterval && refreshInterval !== refreshSeconds) {
    refreshSeconds = refreshInterval;
    pollWhileOffline();
  }
}

function scheduleRefresh(delay = 250) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => show().catch(fail), delay);
}

function fail(e) {
  if (e.status === 401 && api.session.tokens && !api.session.user) {
    replace(main, h('p', {class: 'error'}, 'Reading needs a token from where you are. '),
      h('button', {type: 'button', class: 'primary', onclick: () => signInDialog(api, () => {
        renderSession();
        scheduleRefresh(0);
      })}, 'Sign in'));
  } else {
    toast(e.message || String(e), 'error');
    if (!page) replace(main, h('p', {class: 'error'}, e.message || String(e)));
  }
  done();
}

function pollWhileOffline() {
  clearInterval(fallback);
  fallback = live ? null : setInterval(() => scheduleRefresh(0), refreshSeconds * 1000);
}

function liveState(on) {
  live = on;
  status.dataset.live = on ? 'on' : 'off';
  replace(status, on ? 'live' : `refresh every ${refreshSeconds}s`);
  pollWhileOffline();
  if (on) scheduleRefresh(0); // whatever happened while the stream was down
}

const enc = encodeURIComponent;

async function start() {
  try {
    const s = await api.loadSession();
    if (s.banner) {
      replace(banner, s.banner);
      banner.hidden = false;
    }
  } catch (e) {
    toast(e.message, 'error');
  }
  renderSession();
  window.addEventListener('hashchange', () => show().catch(fail));
  await show().catch(fail);
  if (api.eventsUrl) {
    watch({url: api.eventsUrl, headers: () => api.authHeaders(), onEvent: () => scheduleRefresh(), onState: liveState});
  } else {
    liveState(false);
  }
}

start();

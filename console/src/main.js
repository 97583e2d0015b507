import './style.css';
import { api, ApiError, setBase, setToken, token } from './api.js';
import { language, languages, setLanguage, t } from './i18n.js';
import { dashboardPage } from './pages/dashboard.js';
import { membersPage, REGISTRIES, registryEdit, servicesPage } from './pages/registry.js';
import { keysPage, trustPage } from './pages/trust.js';
import { crlsPage } from './pages/crls.js';
import { integratorPage } from './pages/integrator.js';
import { logDetail, logPage } from './pages/log.js';
import { queuesPage } from './pages/queues.js';
import { applicationsPage } from './pages/applications.js';

// Pages by location hash: #/dashboard, #/log, #/log/{id}, #/members, #/members/{senderId}, #/services,
// #/services/{serviceId}, #/queues, #/trust, #/keys. Pages in pages/ get the helpers below as `ui`.
const app = document.getElementById('app');
const bar = document.getElementById('bar');

/** An element with attributes (on* are listeners) and children (strings become text, never HTML). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

function show(...nodes) {
  app.replaceChildren(...nodes.flat().filter((node) => node !== null && node !== undefined && node !== false));
}

function problem(error) {
  return h('p', { class: 'error', role: 'alert' }, `${t('error')}: ${error.error ? `${error.error} — ` : ''}${error.message}`);
}

/** Runs a page; a refused token sends the operator back to the login. */
async function guarded(page) {
  try {
    await page();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setToken(null);
      login(t('wrongToken'));
    } else {
      show(problem(error));
    }
  }
}

function header(loggedIn) {
  const choose = h('select', { id: 'language', 'aria-label': t('language'),
    onchange: (e) => { setLanguage(e.target.value); route(); } },
    languages.map((code) => h('option', { value: code, selected: code === language() }, code)));
  bar.replaceChildren(...[h('strong', {}, t('title')),
    loggedIn ? h('nav', {},
      h('a', { href: '#/dashboard' }, t('dashboard')),
      h('a', { href: '#/log' }, t('log')), h('a', { href: '#/members' }, t('members')),
      h('a', { href: '#/services' }, t('servicesTitle')), h('a', { href: '#/queues' }, t('queues')),
      h('a', { href: '#/trust' }, t('trustAnchors')), h('a', { href: '#/keys' }, t('keys')), h('a', { href: '#/integrator' }, t('integrator')),
      h('a', { href: '#/crls' }, t('crls')),
      h('a', { href: '#/applications' }, t('applications')),
      h('button', { id: 'logout', type: 'button', onclick: () => { setToken(null); route(); } }, t('logout'))) : null,
    choose].filter(Boolean));
}

function login(message) {
  header(false);
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true });
  show(h('form', { id: 'login', onsubmit: async (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    try {
      await api('log?limit=1');
      if (!location.hash || location.hash === '#/') location.hash = '#/dashboard';
      else route();
    } catch (error) {
      setToken(null);
      login(error instanceof ApiError && error.status === 401 ? t('wrongToken') : error.message);
    }
  } },
  h('h1', {}, t('login')),
  message ? h('p', { class: 'error', role: 'alert' }, message) : null,
  h('label', { for: 'token' }, t('token')), input,
  h('p', { class: 'hint' }, t('tokenHint')),
  h('button', { type: 'submit' }, t('login'))));
  input.focus();
}

/** Stops what a page started (its refresh timer) when the next page is routed to; run once. */
let leaving = [];
function onLeave(stop) {
  leaving.push(stop);
}

let config = null;
const ui = { h, show, guarded, problem, onLeave };

async function route() {
  for (const stop of leaving.splice(0)) stop();
  if (!config.adminApi) {
    header(false);
    show(h('h1', {}, t('title')), h('p', { id: 'not-here' }, config.adminConsole ? t('notHere') : t('adminOff')),
      config.adminConsole ? h('p', {}, h('a', { id: 'admin-console', href: config.adminConsole }, t('openAdmin'))) : null);
    return;
  }
  if (!token()) {
    login();
    return;
  }
  header(true);
  // a query after the path (#/log?sessionId=…) is the page's own to read
  const [, page, id] = (location.hash || '#/dashboard').split('?')[0].split('/').map(decodeURIComponent);
  await guarded(async () => {
    if (page === 'log' && id) await logDetail(ui, id);
    else if (page === 'members' && id) await registryEdit(ui, REGISTRIES.members, id);
    else if (page === 'members') await membersPage(ui);
    else if (page === 'services' && id) await registryEdit(ui, REGISTRIES.services, id);
    else if (page === 'services') await servicesPage(ui);
    else if (page === 'new' && REGISTRIES[id]) await registryEdit(ui, REGISTRIES[id], null);
    else if (page === 'crls') await crlsPage(ui);
    else if (page === 'queues') await queuesPage(ui);
    else if (page === 'trust') await trustPage(ui);
    else if (page === 'keys') await keysPage(ui);
    else if (page === 'log') await logPage(ui);
    else if (page === 'applications') await applicationsPage(ui);
    else if (page === 'integrator') await integratorPage({ h, show, problem, guarded });
    else await dashboardPage(ui);
  });
}

async function start() {
  const response = await fetch('config.json', { cache: 'no-store' });
  config = response.ok ? await response.json() : {};
  if (config.adminApi) setBase(config.adminApi);
  window.addEventListener('hashchange', route);
  await route();
}

start();

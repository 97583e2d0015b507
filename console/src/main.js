import './style.css';
import { api, ApiError, setBase, setToken, token } from './api.js';
import { language, languages, setLanguage, t } from './i18n.js';
import { dashboardPage } from './pages/dashboard.js';
import { membersPage, REGISTRIES, registryEdit, servicesPage } from './pages/registry.js';
import { keysPage, trustPage } from './pages/trust.js';
import { integratorPage } from './pages/integrator.js';

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

const SEARCH_FIELDS = [['sender', 'sender'], ['service', 'service'], ['sessionId', 'sessionId'],
  ['errorCode', 'errorCode'], ['from', 'from'], ['to', 'to']];

async function logPage() {
  const inputs = Object.fromEntries(SEARCH_FIELDS.map(([name]) => [name, h('input', {
    id: `search-${name}`, name, placeholder: name === 'from' || name === 'to' ? '2026-12-06T10:00:00Z' : '' })]));
  const body = h('tbody');
  const more = h('button', { id: 'more', type: 'button', hidden: true }, t('more'));
  const status = h('p', { class: 'hint' });
  let next = null;

  async function load(append) {
    const query = new URLSearchParams({ limit: '50' });
    for (const [name, input] of Object.entries(inputs)) if (input.value.trim()) query.set(name, input.value.trim());
    if (append && next) query.set('after', next);
    const page = await api(`log?${query}`);
    if (!append) body.replaceChildren();
    for (const row of page.entries) {
      body.append(h('tr', { 'data-id': row.id },
        h('td', {}, h('a', { href: `#/log/${row.id}`, class: 'detail' }, row.id)),
        h('td', {}, row.loggedAt), h('td', {}, row.kind), h('td', {}, row.channel), h('td', {}, row.senderId),
        h('td', {}, row.serviceId), h('td', { class: 'mono' }, row.sessionId), h('td', {}, row.status),
        h('td', {}, row.errorCode)));
    }
    next = page.next;
    more.hidden = !next;
    status.textContent = body.children.length ? '' : t('noRows');
  }

  more.addEventListener('click', () => guarded(() => load(true)));
  show(h('h1', {}, t('log')),
    h('form', { id: 'search', class: 'filters', onsubmit: (e) => { e.preventDefault(); guarded(() => load(false)); } },
      SEARCH_FIELDS.map(([name, label]) => h('label', {}, t(label), inputs[name])),
      h('button', { type: 'submit' }, t('search'))),
    h('table', { id: 'log-rows' }, h('thead', {}, h('tr', {}, ['ID', t('loggedAt'), t('kind'), t('channel'), t('sender'),
      t('service'), t('sessionId'), t('status'), t('errorCode')].map((label) => h('th', {}, label)))), body),
    status, more);
  await load(false);
}

function fields(row) {
  return h('dl', { class: 'fields' }, Object.entries(row).flatMap(([key, value]) =>
    [h('dt', {}, key), h('dd', { 'data-key': key }, value ?? '—')]));
}

async function logDetail(id) {
  const detail = await api(`log/${encodeURIComponent(id)}`);
  show(h('p', {}, h('a', { href: '#/log' }, `← ${t('back')}`)),
    h('h1', {}, `${t('log')} #${detail.entry.id}`),
    h('section', { id: 'entry' }, fields(detail.entry)),
    h('h2', {}, t('exchange')),
    h('table', { id: 'exchange' }, h('tbody', {}, detail.exchange.map((row) => h('tr', { class: row.id === detail.entry.id ? 'current' : '' },
      h('td', {}, h('a', { href: `#/log/${row.id}` }, row.id)), h('td', {}, row.loggedAt), h('td', {}, row.kind),
      h('td', {}, row.senderId), h('td', {}, row.status), h('td', {}, row.errorCode))))),
    h('h2', {}, t('envelope')),
    detail.envelope === null ? h('p', { class: 'hint' }, t('noEnvelope')) : h('pre', { id: 'envelope' }, detail.envelope));
}

async function queuesPage() {
  const answer = await api('queues');
  const letters = h('section', { id: 'dead-letters' });

  async function deadLetters(queue) {
    const list = await api(`queues/${encodeURIComponent(queue)}/dead-letters`);
    letters.replaceChildren(h('h2', {}, `${t('deadLetters')}: ${queue}`),
      list.deadLetters.length === 0 ? h('p', { class: 'hint' }, t('noRows')) : h('table', {},
        h('thead', {}, h('tr', {}, [t('messageId'), t('sender'), t('service'), t('state'), t('attempts'), t('since'),
          t('lastError'), ''].map((l) => h('th', {}, l)))),
        h('tbody', {}, list.deadLetters.map((letter) => {
          const cell = h('td');
          const button = h('button', { type: 'button', class: 'redeliver', onclick: () => guarded(async () => {
            button.disabled = true;
            try {
              const done = await api(`queues/${encodeURIComponent(queue)}/redeliver`, { method: 'POST',
                body: { messageId: letter.messageId, senderId: letter.senderId ?? undefined } });
              cell.replaceChildren(h('span', { class: 'ok' }, `${t('redelivered')}: ${done.state}`));
            } catch (error) {
              if (!(error instanceof ApiError) || error.status === 401) throw error;
              button.disabled = false;
              cell.append(problem(error));
            }
          }) }, t('redeliver'));
          cell.append(button);
          return h('tr', { 'data-message-id': letter.messageId }, h('td', { class: 'mono' }, letter.messageId),
            h('td', {}, letter.senderId), h('td', {}, letter.serviceId), h('td', {}, letter.state),
            h('td', {}, letter.attempts), h('td', {}, letter.since), h('td', {}, letter.lastError), cell);
        }))));
  }

  show(h('h1', {}, t('queues')),
    h('table', { id: 'queues' },
      h('thead', {}, h('tr', {}, [t('queue'), t('depth'), t('deadLetterQueue'), t('deadLetters'), ''].map((l) => h('th', {}, l)))),
      h('tbody', {}, answer.queues.map((queue) => h('tr', { 'data-queue': queue.name },
        h('td', {}, queue.name), h('td', {}, queue.depth), h('td', {}, queue.deadLetterQueue), h('td', {}, queue.deadLetters),
        h('td', {}, h('button', { type: 'button', class: 'show-dead-letters',
          onclick: () => guarded(() => deadLetters(queue.name)) }, t('show'))))))),
    letters);
}

let config = null;
const ui = { h, show, guarded, problem };

async function route() {
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
  const [, page, id] = (location.hash || '#/dashboard').split('/').map(decodeURIComponent);
  await guarded(async () => {
    if (page === 'log' && id) await logDetail(id);
    else if (page === 'members' && id) await registryEdit(ui, REGISTRIES.members, id);
    else if (page === 'members') await membersPage(ui);
    else if (page === 'services' && id) await registryEdit(ui, REGISTRIES.services, id);
    else if (page === 'services') await servicesPage(ui);
    else if (page === 'queues') await queuesPage();
    else if (page === 'trust') await trustPage(ui);
    else if (page === 'keys') await keysPage(ui);
    else if (page === 'log') await logPage();
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

// Message log (#/log: search with a keyset cursor) and one row (#/log/{id}: its columns, its exchange and the
// stored envelope), over GET /admin/log and /admin/log/{id}.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { timelineSection } from './timeline.js';
import { signatureSections } from './signatures.js';

const SEARCH_FIELDS = [['sender', 'sender'], ['service', 'service'], ['sessionId', 'sessionId'],
  ['errorCode', 'errorCode'], ['from', 'from'], ['to', 'to']];

export async function logPage(ui) {
  const { h, show, guarded } = ui;
  // #/log?sessionId=… (a link from another page) fills the search fields it names
  const given = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const inputs = Object.fromEntries(SEARCH_FIELDS.map(([name]) => [name, h('input', {
    id: `search-${name}`, name, value: given.get(name) ?? '', placeholder: name === 'from' || name === 'to' ? '2026-12-06T10:00:00Z' : '' })]));
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

function fields(h, row) {
  return h('dl', { class: 'fields' }, Object.entries(row).flatMap(([key, value]) =>
    [h('dt', {}, key), h('dd', { 'data-key': key }, value ?? '—')]));
}

export async function logDetail(ui, id) {
  const { h, show } = ui;
  const detail = await api(`log/${encodeURIComponent(id)}`);
  show(h('p', {}, h('a', { href: '#/log' }, `← ${t('back')}`)),
    h('h1', {}, `${t('log')} #${detail.entry.id}`),
    h('section', { id: 'entry' }, fields(h, detail.entry)),
    h('h2', {}, t('exchange')),
    h('table', { id: 'exchange' }, h('tbody', {}, detail.exchange.map((row) => h('tr', { class: row.id === detail.entry.id ? 'current' : '' },
      h('td', {}, h('a', { href: `#/log/${row.id}` }, row.id)), h('td', {}, row.loggedAt), h('td', {}, row.kind),
      h('td', {}, row.senderId), h('td', {}, row.status), h('td', {}, row.errorCode))))),
    timelineSection(ui, detail.entry.id),
    signatureSections(ui, detail));
}

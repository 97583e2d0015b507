// Trust anchors (#/trust: list with days to expiry, upload a PEM, delete) and the gateway's signing keys
// (#/keys: the current certificate and those it replaced), over /admin/trust-anchors and /admin/keys.
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';

const SOON = 30;

function expiryClass(days) {
  return days < 0 ? 'expired' : days < SOON ? 'soon' : '';
}

export async function trustPage(ui) {
  const { h, show, guarded, problem } = ui;
  const list = await api('trust-anchors');
  const pem = h('textarea', { id: 'anchor-pem', rows: 8, placeholder: '-----BEGIN CERTIFICATE-----' });
  const file = h('input', { id: 'anchor-file', type: 'file', accept: '.pem,.crt,.cer' });
  file.addEventListener('change', async () => { if (file.files[0]) pem.value = await file.files[0].text(); });
  const outcome = h('p', { id: 'anchor-outcome', role: 'status' });

  const rows = list.anchors.map((a) => {
    const cell = h('td');
    if (a.removable) {
      cell.append(h('button', { type: 'button', class: 'remove', onclick: () => guarded(async () => {
        if (!window.confirm(`${t('removeAnchor')}: ${a.subject}?`)) return;
        try {
          await api(`trust-anchors/${encodeURIComponent(a.serial)}`, { method: 'DELETE' });
          await trustPage(ui);
        } catch (error) {
          if (!(error instanceof ApiError) || error.status === 401) throw error;
          cell.append(problem(error));
        }
      }) }, t('remove')));
    }
    return h('tr', { 'data-serial': a.serial, class: expiryClass(a.daysToExpiry) }, h('td', {}, a.subject),
      h('td', { class: 'mono' }, a.serial), h('td', {}, a.notAfter), h('td', {}, a.daysToExpiry), cell);
  });

  show(h('h1', {}, t('trustAnchors')),
    h('p', { class: 'hint' }, `${t('anchorDir')}: ${list.dir}`),
    h('table', { id: 'anchors' }, h('thead', {}, h('tr', {}, [t('subject'), t('serial'), t('notAfter'), t('daysLeft'), '']
      .map((l) => h('th', {}, l)))), h('tbody', {}, rows)),
    h('h2', {}, t('addAnchor')),
    h('form', { id: 'anchor-form', onsubmit: (e) => guarded(async () => {
      e.preventDefault();
      outcome.textContent = '';
      try {
        const added = await api('trust-anchors', { method: 'POST', body: pem.value, contentType: 'application/x-pem-file' });
        await trustPage(ui);
        document.getElementById('anchor-outcome').textContent = `${t('added')}: ${added.subject}`;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status === 401) throw error;
        outcome.replaceChildren(problem(error));
      }
    }) }, h('div', { class: 'field' }, h('label', { for: 'anchor-file' }, t('pemFile')), file),
    h('div', { class: 'field' }, h('label', { for: 'anchor-pem' }, 'PEM'), pem),
    h('button', { type: 'submit' }, t('upload'))),
    outcome);
}

export async function keysPage({ h, show }) {
  const keys = await api('keys');
  const c = keys.current;
  show(h('h1', {}, t('keys')),
    h('h2', {}, t('currentKey')),
    h('dl', { class: 'fields', id: 'current-key' }, [['subject', c.subject], ['issuer', c.issuer], ['serial', c.serial],
      ['since', c.since], ['notAfter', c.notAfter], ['daysLeft', c.daysToExpiry]]
      .flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', { 'data-key': key, class: key === 'daysLeft' ? expiryClass(value) : '' }, value)])),
    h('h2', {}, `${t('previousKeys')} (${t('grace')}: ${keys.grace})`),
    keys.previous.length === 0 ? h('p', { class: 'hint' }, t('noRows')) : h('table', { id: 'previous-keys' },
      h('thead', {}, h('tr', {}, [t('subject'), t('serial'), t('notAfter'), t('acceptedUntil'), t('accepted')].map((l) => h('th', {}, l)))),
      h('tbody', {}, keys.previous.map((p) => h('tr', {}, h('td', {}, p.subject), h('td', { class: 'mono' }, p.serial),
        h('td', {}, p.notAfter), h('td', {}, p.acceptedUntil), h('td', {}, p.accepted ? t('yes') : t('no')))))));
}

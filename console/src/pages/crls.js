// The CRLs the gateway checks certificates with (#/crls): issuer, file or address, thisUpdate, nextUpdate (overdue
// shaded red), number of entries and where each came from; upload a CRL (PEM or DER) into the upload directory and
// remove one of its files, over /admin/crls (docs/admin-api.md "CRLs").
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';

/** The label of where a CRL came from (origin as the API names it). */
function origin(value) {
  return t(`crlOrigin_${value.replaceAll('-', '_')}`);
}

export async function crlsPage(ui) {
  const { h, show, guarded, problem } = ui;
  const list = await api('crls');
  const name = h('input', { id: 'crl-name', type: 'text', placeholder: 'nca-rsa.crl', required: true });
  const file = h('input', { id: 'crl-file', type: 'file', accept: '.crl,.pem,.der' });
  file.addEventListener('change', () => {
    if (file.files[0] && !name.value) name.value = file.files[0].name.replace(/\.der$/, '.crl');
  });
  const pem = h('textarea', { id: 'crl-pem', rows: 6, placeholder: '-----BEGIN X509 CRL-----' });
  const outcome = h('p', { id: 'crl-outcome', role: 'status' });

  const rows = list.crls.map((c) => {
    const cell = h('td');
    if (c.removable) {
      cell.append(h('button', { type: 'button', class: 'remove', 'data-name': c.name, onclick: () => guarded(async () => {
        if (!window.confirm(`${t('removeCrl')}: ${c.name}?`)) return;
        try {
          await api(`crls/${encodeURIComponent(c.name)}`, { method: 'DELETE' });
          await crlsPage(ui);
        } catch (error) {
          if (!(error instanceof ApiError) || error.status === 401) throw error;
          cell.append(problem(error));
        }
      }) }, t('remove')));
    }
    return h('tr', { 'data-name': c.name ?? '', 'data-origin': c.origin, class: c.overdue ? 'expired' : '' },
      h('td', {}, c.issuer), h('td', { class: 'mono' }, c.location), h('td', {}, c.thisUpdate),
      h('td', { class: 'next-update' }, c.nextUpdate ?? '—', c.overdue ? ` (${t('overdue')})` : ''),
      h('td', { class: 'revoked' }, c.revoked, c.delta ? ` (${t('deltaCrl')})` : ''), h('td', {}, origin(c.origin)), cell);
  });

  show(h('h1', {}, t('crls')),
    h('p', { class: 'hint' }, `${t('anchorDir')}: ${list.dir ?? t('noCrlDir')}`),
    rows.length === 0 ? h('p', { class: 'hint' }, t('noRows')) : h('table', { id: 'crls' },
      h('thead', {}, h('tr', {}, [t('issuer'), t('crlLocation'), t('thisUpdate'), t('nextUpdate'), t('revokedEntries'),
        t('crlOrigin'), ''].map((l) => h('th', {}, l)))),
      h('tbody', {}, rows)),
    list.dir ? [h('h2', {}, t('uploadCrl')),
      h('form', { id: 'crl-form', onsubmit: (e) => guarded(async () => {
        e.preventDefault();
        outcome.textContent = '';
        const body = file.files[0] ?? pem.value;
        try {
          const added = await api(`crls/${encodeURIComponent(name.value.trim())}`,
            { method: 'POST', body, contentType: 'application/pkix-crl' });
          await crlsPage(ui);
          document.getElementById('crl-outcome').textContent = `${t('added')}: ${added.file} (${added.revoked})`;
        } catch (error) {
          if (!(error instanceof ApiError) || error.status === 401) throw error;
          outcome.replaceChildren(problem(error));
        }
      }) }, h('div', { class: 'field' }, h('label', { for: 'crl-name' }, t('crlFileName')), name),
      h('div', { class: 'field' }, h('label', { for: 'crl-file' }, t('crlFile')), file),
      h('div', { class: 'field' }, h('label', { for: 'crl-pem' }, 'PEM'), pem),
      h('button', { type: 'submit' }, t('upload'))),
      outcome] : null);
}

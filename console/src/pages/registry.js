// The member and service registries' pages: a list with disable/enable, and an edit form whose refusals are
// shown at the field the API names (docs/admin-api.md "Members and services").
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';

/** The two registries: their API path, the id's name, and the keys the form has a field for. */
export const REGISTRIES = {
  members: { path: 'members', form: 'member-form', list: 'members', idName: 'senderId', newLabel: 'newMember', fields: [['password-hash', 'passwordHash', 'text'],
    ['iin', 'iin', 'text'], ['bin', 'bin', 'text'], ['certificates', 'certificates', 'list'],
    ['services', 'services', 'list'], ['rate-limit', 'rateLimit', 'number']] },
  services: { path: 'services', form: 'service-form', list: 'services', idName: 'serviceId', newLabel: 'newService', fields: [['url', 'url', 'text'],
    ['bin', 'bin', 'text'], ['mode', 'mode', 'text'], ['timeout', 'timeout', 'text'], ['recipient', 'recipient', 'text'], ['sla', 'sla', 'text']] },
};

/** A button that disables or enables one entry, then shows the page again. */
export function disableButton({ h, guarded }, registry, id, disabled, after) {
  const action = disabled ? 'enable' : 'disable';
  return h('button', { type: 'button', class: action, 'data-id': id, onclick: () => guarded(async () => {
    await api(`${registry.path}/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
    await after();
  }) }, t(action));
}

/** The services list: id, URL, mode, provider BIN, disabled; an edit link and the disable/enable button. */
export async function servicesPage(ui) {
  const { h, show } = ui;
  const registry = REGISTRIES.services;
  const { services } = await api('services');
  show(h('h1', {}, t('servicesTitle')), newLink(ui, registry),
    h('table', { id: 'services' },
      h('thead', {}, h('tr', {}, [t('serviceId'), 'URL', t('mode'), t('bin'), t('disabled'), '', ''].map((l) => h('th', {}, l)))),
      h('tbody', {}, Object.entries(services).map(([id, d]) => h('tr', { 'data-id': id },
        h('td', {}, id), h('td', { class: 'mono' }, d.url), h('td', {}, d.mode ?? 'sync'), h('td', {}, d.bin),
        h('td', {}, d.disabled ? t('yes') : ''),
        h('td', {}, h('a', { href: `#/services/${encodeURIComponent(id)}`, class: 'edit' }, t('edit'))),
        h('td', {}, disableButton(ui, registry, id, d.disabled === true, () => servicesPage(ui))))))));
}

/** The link to the empty form of a new entry (#/new/members, #/new/services). */
function newLink({ h }, registry) {
  return h('p', {}, h('a', { href: `#/new/${registry.list}`, id: `new-${registry.list}`, class: 'new' }, t(registry.newLabel)));
}

/**
 * The edit form of one entry: a field per known key, every other key as JSON; Save replaces the definition, a
 * refusal is shown under the field the API names ({@code field}), or under the JSON when it names none of them.
 * Without an id it is the form of a new entry, with an id field: Save creates it (POST; an id that exists is
 * refused 409 under the id field, nothing is overwritten) and then shows the list.
 */
export async function registryEdit(ui, registry, id) {
  const { h, show, guarded } = ui;
  const creating = id === null;
  const entry = creating ? { definition: {}, registered: false }
    : await api(`${registry.path}/${encodeURIComponent(id)}`);
  const definition = { ...entry.definition };
  const disabled = definition.disabled === true;
  delete definition.disabled;
  const controls = {};
  const errors = {};
  const rows = registry.fields.map(([key, label, type]) => {
    const value = definition[key];
    delete definition[key];
    controls[key] = type === 'list'
      ? h('textarea', { id: `field-${key}`, name: key, rows: 3, value: (value ?? []).join('\n') })
      : h('input', { id: `field-${key}`, name: key, type: type === 'number' ? 'number' : 'text', value: value ?? '' });
    errors[key] = h('span', { class: 'field-error', id: `error-${key}`, role: 'alert' });
    return h('div', { class: 'field' }, h('label', { for: `field-${key}` }, t(label)), controls[key], errors[key]);
  });
  const idInput = creating ? h('input', { id: 'field-id', name: registry.idName, type: 'text', required: true }) : null;
  if (creating) {
    errors[registry.idName] = h('span', { class: 'field-error', id: `error-${registry.idName}`, role: 'alert' });
    rows.unshift(h('div', { class: 'field' }, h('label', { for: 'field-id' }, t(registry.idName)), idInput,
      errors[registry.idName]));
  }
  const others = h('textarea', { id: 'field-other', rows: 4, value: JSON.stringify(definition, null, 2) });
  errors.other = h('span', { class: 'field-error', id: 'error-other', role: 'alert' });
  const outcome = h('p', { id: 'outcome', role: 'status' });

  async function save(e) {
    e.preventDefault();
    Object.values(errors).forEach((span) => { span.textContent = ''; });
    outcome.textContent = '';
    let body;
    try {
      body = JSON.parse(others.value || '{}');
      if (typeof body !== 'object' || Array.isArray(body) || body === null) throw new Error();
    } catch {
      errors.other.textContent = t('badJson');
      return;
    }
    for (const [key, , type] of registry.fields) {
      const text = controls[key].value.trim();
      if (!text) continue;
      body[key] = type === 'list' ? text.split('\n').map((s) => s.trim()).filter(Boolean)
        : type === 'number' ? Number(text) : text;
    }
    if (disabled) body.disabled = true;
    try {
      if (creating) {
        body[registry.idName] = idInput.value.trim();
        await api(registry.path, { method: 'POST', body });
        location.hash = `#/${registry.list}`;
        return;
      }
      await api(`${registry.path}/${encodeURIComponent(id)}`, { method: 'PUT', body });
      outcome.textContent = t('saved');
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) throw error;
      (errors[error.field] ?? errors.other).textContent = `${error.error}: ${error.message}`;
    }
  }

  show(h('p', {}, h('a', { href: `#/${registry.list}` }, `← ${t('back')}`)),
    h('h1', {}, creating ? t(registry.newLabel) : `${t(registry.list === 'members' ? 'members' : 'servicesTitle')}: ${id}`),
    creating ? null : h('p', {}, `${t('registered')}: ${entry.registered ? t('yes') : t('no')}`,
      disabled ? ` · ${t('disabled')}` : '', ' ', disableButton(ui, registry, id, disabled, () => registryEdit(ui, registry, id))),
    entry.reloadProblem ? h('p', { class: 'error' }, entry.reloadProblem) : null,
    h('form', { id: registry.form, onsubmit: (e) => guarded(() => save(e)) }, rows,
      h('div', { class: 'field' }, h('label', { for: 'field-other' }, t('otherKeys')), others, errors.other),
      h('button', { type: 'submit' }, t(creating ? 'create' : 'save'))),
    outcome);
}

/** The members list: id, IIN, BIN, services, disabled; an edit link and the disable/enable button. */
export async function membersPage(ui) {
  const { h, show } = ui;
  const { members } = await api('members');
  show(h('h1', {}, t('members')), newLink(ui, REGISTRIES.members),
    h('table', { id: 'members' },
      h('thead', {}, h('tr', {}, [t('senderId'), t('iin'), t('bin'), t('services'), t('disabled'), '', ''].map((l) => h('th', {}, l)))),
      h('tbody', {}, Object.entries(members).map(([id, d]) => h('tr', { 'data-id': id },
        h('td', {}, id), h('td', {}, d.iin), h('td', {}, d.bin),
        h('td', {}, (d.services ?? []).join(', ')), h('td', {}, d.disabled ? t('yes') : ''),
        h('td', {}, h('a', { href: `#/members/${encodeURIComponent(id)}`, class: 'edit' }, t('edit'))),
        h('td', {}, disableButton(ui, REGISTRIES.members, id, d.disabled === true, () => membersPage(ui))))))));
}

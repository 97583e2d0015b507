// The signatures and envelopes of a message-log row (#/log/{id}, docs/console.md "Signatures and envelopes"): a card
// per signature of the row's and its exchange's envelopes (the `signatures` of GET /admin/log/{id}: verified or not,
// signer, IIN/BIN, chain status checked now), then the envelope and the answer's envelope, indented for reading with
// a toggle back to the stored bytes. The indentation is display only: what is stored (and hashed) is never changed.
import { api } from '../api.js';
import { t } from '../i18n.js';
import './signatures.css';

/** The nodes of the section for `detail` (the answer of GET /admin/log/{id}); the answer's envelope loads after. */
export function signatureSections(ui, detail) {
  const { h } = ui;
  const rows = detail.signatures ?? [];
  const answer = answerRow(detail);
  const answerSlot = h('div', { id: 'answer-envelope' });
  if (answer) {
    api(`log/${encodeURIComponent(answer.id)}`)
      .then((other) => answerSlot.replaceChildren(h('h2', {}, `${t('answerEnvelope')} #${answer.id}`),
        envelopeView(h, other.envelope, 'answer-envelope-text')))
      .catch((error) => answerSlot.replaceChildren(ui.problem(error)));
  }
  return [
    h('h2', {}, t('signatures')),
    h('section', { id: 'signatures' }, rows.length === 0 ? h('p', { class: 'hint' }, t('sigNone'))
      : rows.map((row) => rowSignatures(h, row))),
    h('h2', {}, t('envelope')),
    envelopeView(h, detail.envelope, 'envelope'),
    answerSlot,
  ];
}

/** The answer to a request row: the first RESPONSE or FAULT row of the exchange after it. */
function answerRow(detail) {
  if (detail.entry.kind !== 'REQUEST') return null;
  return detail.exchange.find((row) => row.id > detail.entry.id && (row.kind === 'RESPONSE' || row.kind === 'FAULT')) ?? null;
}

function rowSignatures(h, row) {
  return h('div', { class: `sig-row${row.current ? ' current' : ''}`, 'data-row': row.rowId },
    h('h3', {}, h('a', { href: `#/log/${row.rowId}` }, `${row.kind} #${row.rowId}`)),
    row.note ? h('p', { class: 'hint' }, row.note) : null,
    row.signatures.map((signature) => card(h, signature)));
}

function card(h, s) {
  const signer = s.signer ?? {};
  const title = s.kind === 'transport' ? t('sigTransport') : `${t('sigData')} <${s.covers}>`;
  const verdict = s.signatureValid ? t('sigVerifies') : `${t('sigBroken')}: ${s.problem?.code ?? ''} ${s.problem?.message ?? ''}`;
  const field = (label, key, value) => value ? [h('dt', {}, label), h('dd', { 'data-key': key }, value)] : [];
  return h('article', { class: `sig-card ${s.valid ? 'ok' : 'bad'}`, 'data-kind': s.kind },
    h('h4', {}, `${s.valid ? '✔' : '✘'} ${title}`),
    h('p', { class: 'sig-verdict' }, verdict),
    h('dl', { class: 'fields' },
      field(t('sigSigner'), 'commonName', signer.commonName),
      field('IIN', 'iin', signer.iin),
      field('BIN', 'bin', signer.bin),
      field(t('sigOrganization'), 'organization', signer.organization),
      field(t('sigSerial'), 'serial', signer.serial),
      field(t('sigIssuer'), 'issuer', signer.issuer),
      field(t('sigValidity'), 'validity', signer.notBefore ? `${signer.notBefore} — ${signer.notAfter}` : null),
      field(t('sigAlgorithm'), 'algorithm', s.algorithm),
      field(t('sigChain'), 'chain', `${t(`chain_${s.chain.status}`)}${s.chain.message ? ` — ${s.chain.message}` : ''}`)));
}

/** The envelope indented, with a button showing the stored text as it is. */
function envelopeView(h, text, id) {
  if (text === null || text === undefined) return h('p', { class: 'hint' }, t('noEnvelope'));
  const pretty = indentXml(text);
  const pre = h('pre', { id, class: 'envelope' }, pretty ?? text);
  let raw = pretty === null;
  const toggle = h('button', { type: 'button', class: 'envelope-toggle', disabled: pretty === null }, t('envelopeRaw'));
  toggle.addEventListener('click', () => {
    raw = !raw;
    pre.textContent = raw ? text : pretty;
    toggle.textContent = raw ? t('envelopePretty') : t('envelopeRaw');
  });
  return h('div', { class: 'envelope-view' }, toggle, pre);
}

/** `xml` with one element per line, two spaces a level; null when it is not well-formed. */
export function indentXml(xml) {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return null;
  // The DOM has no node for the XML declaration: it is kept as the stored text has it.
  const declaration = /^\s*(<\?xml[^>]*\?>)/.exec(xml);
  const lines = declaration ? [declaration[1]] : [];
  for (const node of document.childNodes) write(node, 0, lines);
  return lines.join('\n');
}

function write(node, depth, lines) {
  const pad = '  '.repeat(depth);
  switch (node.nodeType) {
    case Node.ELEMENT_NODE: {
      const open = `<${node.tagName}${[...node.attributes].map((a) => ` ${a.name}="${escape(a.value, true)}"`).join('')}`;
      const children = [...node.childNodes].filter((child) => child.nodeType !== Node.TEXT_NODE || child.data.trim() !== '');
      if (children.length === 0) {
        lines.push(`${pad}${open}/>`);
      } else if (children.length === 1 && children[0].nodeType === Node.TEXT_NODE) {
        lines.push(`${pad}${open}>${escape(children[0].data.trim(), false)}</${node.tagName}>`);
      } else {
        lines.push(`${pad}${open}>`);
        for (const child of children) write(child, depth + 1, lines);
        lines.push(`${pad}</${node.tagName}>`);
      }
      break;
    }
    case Node.TEXT_NODE:
      lines.push(`${pad}${escape(node.data.trim(), false)}`);
      break;
    case Node.CDATA_SECTION_NODE:
      lines.push(`${pad}<![CDATA[${node.data}]]>`);
      break;
    case Node.COMMENT_NODE:
      lines.push(`${pad}<!--${node.data}-->`);
      break;
    case Node.PROCESSING_INSTRUCTION_NODE:
      lines.push(`${pad}<?${node.target} ${node.data}?>`);
      break;
    default:
      break;
  }
}

function escape(text, attribute) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;') : escaped;
}

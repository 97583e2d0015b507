// E-service applications (#/applications): what the sandbox's provider systems keep (GET /admin/applications),
// newest first; a row opens its timeline, each regulation step a bar of its duration against its limit (red when
// over it), and the sessionId links to the message log. Without a sandbox in the gateway's process: a note.
import { api } from '../api.js';
import { t } from '../i18n.js';
import './pages.css';

const SVG = 'http://www.w3.org/2000/svg';
const STATES = ['', 'SUBMITTED', 'RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED'];

function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = String(text);
  return element;
}

/** 950 ms, 12.3 s, 4.0 min, 2.5 h, 14.0 d. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const units = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
  const [size, unit] = units.find(([unitMs]) => ms >= unitMs);
  return `${(ms / size).toFixed(1)} ${unit}`;
}

/**
 * The timeline as horizontal bars: per step, its duration on a scale of its own limit (the dashed line; the row's
 * full width is the larger of the two), so a step of milliseconds under a limit of days still shows how far it is
 * from it. A step without a limit is scaled to the slowest step of the application.
 */
function timelineChart(timeline, { labelWidth = 110, width = 680, rowHeight = 24 } = {}) {
  const height = Math.max(1, timeline.length) * rowHeight + 4;
  const chart = svg('svg', { class: 'chart timeline', role: 'img', 'aria-label': t('stepTimeline'), width, height,
    viewBox: `0 0 ${width} ${height}` });
  chart.append(svg('title', {}, t('stepTimeline')));
  const room = width - labelWidth - 170;
  const slowest = Math.max(1, ...timeline.map((step) => step.millis));
  timeline.forEach((step, i) => {
    const y = i * rowHeight + 2;
    const scale = step.limitMillis ? Math.max(step.limitMillis, step.millis) : slowest;
    const row = svg('g', { class: `timeline-step${step.breached ? ' breached' : ''}`, 'data-step': step.stepId });
    row.append(svg('title', {}, `${step.stepId} — ${step.name}`));
    row.append(svg('text', { x: labelWidth - 6, y: y + rowHeight * 0.7, 'text-anchor': 'end', class: 'chart-label' }, step.stepId));
    if (step.limitMillis) {
      row.append(svg('rect', { x: labelWidth, y: y + 3, width: (step.limitMillis / scale) * room, height: rowHeight - 6,
        class: 'limit-bar' }));
    }
    const length = step.millis > 0 ? Math.max(2, (step.millis / scale) * room) : 0;
    row.append(svg('rect', { x: labelWidth, y: y + 6, width: length, height: rowHeight - 12,
      class: `chart-bar${step.breached ? ' bad' : ''}` }));
    row.append(svg('text', { x: labelWidth + room + 8, y: y + rowHeight * 0.7, class: 'chart-value' },
      `${duration(step.millis)} / ${step.limitMillis ? duration(step.limitMillis) : t('noLimit')}`));
    chart.append(row);
  });
  return chart;
}

/** The opened application: its timeline, its outcome and the sessionId linking to the message log. */
function drawer(h, a) {
  const facts = [[t('sessionId'), a.sessionId ? h('a', { id: 'session-link', class: 'mono',
    href: `#/log?sessionId=${encodeURIComponent(a.sessionId)}` }, a.sessionId) : '—'],
  [t('chainId'), h('span', { class: 'mono' }, a.chainId ?? '—')], [t('frontEnd'), a.frontEnd],
  [t('refusal'), a.refusalCode ? `${a.refusalCode}: ${a.refusal ?? ''}` : '—'],
  [t('resultNumber'), a.resultNumber ?? '—'], [t('resultSigner'), a.resultSigner ?? '—']];
  return h('div', { class: 'drawer', id: 'step-timeline' },
    h('h2', {}, `${a.service} ${a.number ?? ''}`),
    a.timeline.length === 0 ? h('p', { class: 'hint' }, t('noSteps')) : timelineChart(a.timeline),
    h('dl', { class: 'fields' }, facts.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])));
}

export async function applicationsPage(ui) {
  const { h, show, guarded } = ui;
  const service = h('input', { id: 'filter-service', name: 'service', placeholder: 'FILM_CERT' });
  const state = h('select', { id: 'filter-state', name: 'state' }, STATES.map((s) => h('option', { value: s }, s || t('any'))));
  const body = h('tbody');
  const note = h('p', { class: 'hint', id: 'applications-note' });
  const opened = h('div', { id: 'drawer-slot' });

  async function load() {
    const query = new URLSearchParams({ limit: '200' });
    if (service.value.trim()) query.set('service', service.value.trim());
    if (state.value) query.set('state', state.value);
    const answer = await api(`applications?${query}`);
    opened.replaceChildren();
    body.replaceChildren(...answer.applications.map((a, i) => {
      const breached = a.timeline.filter((step) => step.breached).length;
      return h('tr', { 'data-index': i, class: `application${breached ? ' breached' : ''}`, tabindex: 0,
        onclick: () => opened.replaceChildren(drawer(h, a)) },
      h('td', {}, a.submittedAt), h('td', {}, a.service), h('td', {}, a.channel), h('td', { class: 'mono' }, a.number ?? '—'),
      h('td', {}, a.state), h('td', {}, a.applicantId), h('td', {}, breached || ''),
      h('td', { class: 'mono' }, a.sessionId ?? ''));
    }));
    note.textContent = !answer.sandbox ? t('noSandbox')
      : answer.applications.length === 0 ? t('noRows')
        : answer.total > answer.applications.length ? `${answer.applications.length} / ${answer.total}` : '';
  }

  show(h('h1', {}, t('applications')),
    h('p', { class: 'hint' }, t('applicationsHint')),
    h('form', { id: 'application-filters', class: 'filters', onsubmit: (e) => { e.preventDefault(); guarded(load); } },
      h('label', {}, t('service'), service), h('label', {}, t('state'), state), h('button', { type: 'submit' }, t('search'))),
    h('table', { id: 'applications' }, h('thead', {}, h('tr', {}, [t('submittedAt'), t('service'), t('channel'), t('number'),
      t('state'), t('applicant'), t('breachedSteps'), t('sessionId')].map((l) => h('th', {}, l)))), body),
    note, opened);
  await load();
}

// Dashboard (#/dashboard): traffic, refusals by errorCode, latency, queues and the certificates expiring soonest,
// from GET /admin/summary (the gateway's own meters, counted since it started); charts over time from pages/history.js.
import { api } from '../api.js';
import { barChart } from '../chart.js';
import { historySection, historyShown, refreshAfter } from './history.js';
import { t } from '../i18n.js';
import './pages.css';

const SOON = 30;

function ms(value) {
  return value === null || value === undefined ? '—' : `${value} ms`;
}

export async function dashboardPage(ui, refreshing = false) {
  const { h, show } = ui;
  const [s, history] = await Promise.all([api('summary'), api('summary/history')]);
  if (refreshing && !historyShown()) return;
  const figure = (id, label, value) => h('div', { class: 'figure', id }, h('span', { class: 'hint' }, label), h('strong', {}, value));
  const table = (id, heads, rows) => h('table', { id }, h('thead', {}, h('tr', {}, heads.map((l) => h('th', {}, l)))),
    h('tbody', {}, rows));

  const errors = s.errors.length === 0 ? h('p', { class: 'hint', id: 'no-errors' }, t('noErrors')) : [
    barChart(s.errors.map((e) => ({ label: e.errorCode, value: e.count, tone: 'bad' })), t('errorsByCode')),
    table('errors', [t('errorCode'), t('count')], s.errors.map((e) => h('tr', { 'data-code': e.errorCode },
      h('td', {}, e.errorCode), h('td', {}, e.count))))];

  const buckets = s.latency.buckets.filter((b, i, all) => b.count > 0 || (i > 0 && all[i - 1].count > 0));
  const latency = [h('div', { class: 'figures' },
    figure('p50', 'p50', ms(s.latency.p50Ms)), figure('p95', 'p95', ms(s.latency.p95Ms)),
    figure('p99', 'p99', ms(s.latency.p99Ms)), figure('max', t('max'), ms(s.latency.maxMs))),
  s.latency.count === 0 ? null : barChart(buckets.map((b) => ({
    label: b.leMs === null ? `> ${s.latency.buckets.at(-2)?.leMs ?? 0} ms` : `≤ ${b.leMs} ms`, value: b.count })), t('latencyHistogram'))];

  const dlq = new Map(s.deadLetterQueues.map((q) => [q.queue, q.messages]));
  const queues = s.queues.length + s.deadLetterQueues.length === 0 ? h('p', { class: 'hint' }, t('noRows'))
    : barChart([...s.queues.map((q) => ({ label: q.queue, value: q.messages })),
      ...[...dlq].map(([queue, messages]) => ({ label: queue, value: messages, tone: messages > 0 ? 'bad' : '' }))], t('queues'));

  const certificates = s.certificates.length === 0 ? h('p', { class: 'hint' }, t('noRows'))
    : table('certificates', [t('role'), t('owner'), t('serial'), t('daysLeft')], s.certificates.map((c) =>
      h('tr', { class: c.daysToExpiry < 0 ? 'expired' : c.daysToExpiry < SOON ? 'soon' : '' },
        h('td', {}, t(`role_${c.role}`)), h('td', {}, c.owner), h('td', { class: 'mono' }, c.serial), h('td', {}, c.daysToExpiry))));

  // SLA breaches per e-service: the gateway's per service (services.yaml sla), the sandbox's regulation steps per e-service
  const slaRows = (s.slaBreaches ?? []).map((r) => ({ label: `${r.serviceId} (${r.sla ?? '—'})`, value: r.breaches,
    tone: r.breaches > 0 ? 'bad' : '' }));
  const sla = [h('h3', {}, t('slaGateway')),
    slaRows.length === 0 ? h('p', { class: 'hint' }, t('noSla')) : barChart(slaRows, t('slaGateway'), { labelWidth: 320 }),
    ...(s.regulationBreaches ? [h('h3', {}, t('slaRegulation')), barChart(s.regulationBreaches.map((r) => ({ label: r.service,
      value: r.breaches, tone: r.breaches > 0 ? 'bad' : '' })), t('slaRegulation'), { labelWidth: 320 })] : [])];

  show(h('h1', {}, t('dashboard')),
    h('p', { class: 'hint' }, `${t('sinceStart')} · ${s.at}`),
    s.problems.map((p) => h('p', { class: 'error', role: 'alert' }, p)),
    h('div', { class: 'figures', id: 'traffic' },
      figure('total', t('requests'), s.requests.total), figure('ok', t('answered'), s.requests.ok),
      figure('fault', t('refused'), s.requests.fault)),
    historySection(h, history),
    h('section', { class: 'panel' }, h('h2', {}, t('errorsByCode')), errors),
    h('section', { class: 'panel' }, h('h2', {}, t('latency')), latency),
    h('section', { class: 'panel' }, h('h2', {}, t('servicesTitle')),
      table('service-traffic', [t('service'), t('answered'), t('refused'), 'p50', 'p95', 'p99'], s.services.map((r) =>
        h('tr', {}, h('td', {}, r.serviceId), h('td', {}, r.ok), h('td', {}, r.fault), h('td', {}, ms(r.p50Ms)),
          h('td', {}, ms(r.p95Ms)), h('td', {}, ms(r.p99Ms)))))),
    h('section', { class: 'panel', id: 'sla-breaches' }, h('h2', {}, t('slaBreaches')), sla),
    h('section', { class: 'panel' }, h('h2', {}, t('queues')), queues),
    h('section', { class: 'panel' }, h('h2', {}, t('expiringCertificates')), certificates,
      s.certificatesTotal > s.certificates.length ? h('p', { class: 'hint' }, `${s.certificates.length} / ${s.certificatesTotal}`) : null));
  refreshAfter(ui, history.intervalMs, () => dashboardPage(ui, true));
}

// The dashboard's charts over time (#/dashboard): one point per admin.history-interval from GET /admin/summary/history
// (docs/admin-api.md), the last admin.history-size of them: traffic answered and refused, refusals by errorCode, the
// latency percentiles and the queues. The dashboard asks again every interval while it is shown.
import { timeChart } from '../chart.js';
import { t } from '../i18n.js';
import './history.css';

/** Codes drawn by name in the refusals chart; the others are added up as "other". */
const CODES = 4;
const OTHER = 'other';

function latency(ms) {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function duration(ms) {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}

/** The codes refused most over the whole window, then every other code (and the server's "other") added up. */
function refusalSeries(points) {
  const totals = new Map();
  for (const point of points) {
    for (const [code, count] of Object.entries(point.refusalsByCode)) {
      if (code !== OTHER) totals.set(code, (totals.get(code) ?? 0) + count);
    }
  }
  const named = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, CODES).map(([code]) => code);
  const series = named.map((code) => ({ label: code, values: points.map((p) => p.refusalsByCode[code] ?? 0) }));
  const rest = points.map((p) => Object.entries(p.refusalsByCode)
    .filter(([code]) => !named.includes(code)).reduce((sum, [, count]) => sum + count, 0));
  if (rest.some((count) => count > 0)) series.push({ label: t('otherCodes'), values: rest, tone: 5 });
  return series;
}

/** The "over time" panel: four charts, or a hint while there are fewer than two samples. */
export function historySection(h, history) {
  const { points, intervalMs } = history;
  const every = duration(intervalMs);
  const panel = (...content) => h('section', { class: 'panel', id: 'history', 'data-points': points.length,
    'data-last': points.at(-1)?.at ?? '' }, h('h2', {}, t('overTime')), ...content);
  if (points.length < 2) {
    return panel(h('p', { class: 'hint', id: 'history-waiting' }, t('historyWaiting').replaceAll('{interval}', every)));
  }
  const times = points.map((p) => new Date(p.at));
  const chart = (id, title, series, options) => h('div', { class: 'history-chart', id },
    h('h3', {}, title), timeChart(times, series, title, options));
  const codes = refusalSeries(points);
  return panel(
    h('p', { class: 'hint' }, t('historyHint').replaceAll('{interval}', every).replace('{window}', duration(intervalMs * history.size))),
    h('div', { class: 'history-charts' },
      chart('chart-traffic', t('trafficOverTime'), [
        { label: t('answered'), values: points.map((p) => p.answered), tone: 'ok' },
        { label: t('refused'), values: points.map((p) => p.refused), tone: 'bad' }], { stacked: true }),
      chart('chart-latency', t('latencyOverTime'), [
        { label: 'p50', values: points.map((p) => p.p50Ms), tone: 3 },
        { label: 'p95', values: points.map((p) => p.p95Ms), tone: 0 },
        { label: 'p99', values: points.map((p) => p.p99Ms), tone: 'warn' }], { format: latency }),
      chart('chart-queues', t('queuesOverTime'), [
        { label: t('queued'), values: points.map((p) => p.queued), tone: 0 },
        { label: t('deadLetters'), values: points.map((p) => p.deadLetters), tone: 'bad' }]),
      codes.length === 0
        ? h('div', { class: 'history-chart', id: 'chart-refusals' }, h('h3', {}, t('refusalsOverTime')),
          h('p', { class: 'hint' }, t('noRefusalsInWindow')))
        : chart('chart-refusals', t('refusalsOverTime'), codes, { stacked: true })));
}

let timer = null;

/**
 * Calls {@code again} (the dashboard drawn anew) after {@code ms}, once; the page calls it at every drawing, so it
 * repeats while the dashboard is shown. The router's onLeave hook stops it when the page changes.
 */
export function refreshAfter(ui, ms, again) {
  if (timer === null) ui.onLeave(() => { clearTimeout(timer); timer = null; });
  else clearTimeout(timer);
  timer = setTimeout(() => ui.guarded(again), ms);
}

/** Whether the dashboard is still shown (a refresh that comes back after the operator left draws nothing). */
export function historyShown() {
  return document.getElementById('history') !== null;
}

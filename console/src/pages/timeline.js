// The log detail's "Timeline across nodes" (#/log/{id}): the exchange's rows on this node and on the nodes of
// admin.peers, from GET /admin/log/{id}/timeline, oldest first. Each row shows its node (a lane colour), its offset
// from the first row and a small SVG bar at that offset; this node's rows link to their own detail view.
import { api } from '../api.js';
import { t } from '../i18n.js';
import './timeline.css';

const SVG = 'http://www.w3.org/2000/svg';
const BAR_WIDTH = 240;
const LANES = 6;

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** The bar of one row: a track the width of the whole exchange, a mark at the row's offset (SVG attributes, no inline style: the CSP). */
function offsetBar(offset, total, lane) {
  const bar = svg('svg', { class: 'timeline-bar', width: BAR_WIDTH, height: 12, viewBox: `0 0 ${BAR_WIDTH} 12`, 'aria-hidden': 'true' });
  bar.append(svg('rect', { x: 0, y: 5, width: BAR_WIDTH, height: 2, class: 'timeline-track' }));
  const x = total > 0 ? Math.round((offset / total) * (BAR_WIDTH - 8)) : 0;
  bar.append(svg('rect', { x, y: 1, width: 8, height: 10, class: `timeline-mark lane-${lane}` }));
  return bar;
}

function offsetText(ms) {
  return ms < 1000 ? `+${ms} ms` : `+${(ms / 1000).toFixed(3)} s`;
}

/** The table, the node legend and the problems of a timeline answer. */
function render(h, timeline, currentId) {
  const lanes = new Map(timeline.nodes.map((node, i) => [node.name, i % LANES]));
  const times = timeline.rows.map((row) => Date.parse(row.loggedAt));
  const first = Math.min(...times);
  const total = Math.max(...times) - first;
  const legend = h('ul', { class: 'timeline-nodes' }, timeline.nodes.map((node) => h('li', { 'data-node': node.name },
    h('span', { class: `timeline-swatch lane-${lanes.get(node.name)}` }), node.name,
    node.local ? ` (${t('thisNode')})` : '', `: ${node.rows} ${t('rowsShort')}`)));
  const table = h('table', { id: 'timeline' },
    h('thead', {}, h('tr', {}, [t('node'), t('offset'), '', t('kind'), t('sender'), t('service'), t('status'),
      t('errorCode'), 'ID'].map((label) => h('th', {}, label)))),
    h('tbody', {}, timeline.rows.map((row, i) => {
      const offset = times[i] - first;
      const lane = lanes.get(row.node) ?? 0;
      const current = row.local && row.id === currentId;
      return h('tr', { class: `lane-row-${lane}${current ? ' current' : ''}`, 'data-node': row.node, 'data-local': String(row.local) },
        h('td', {}, h('span', { class: `timeline-swatch lane-${lane}` }), row.node),
        h('td', { class: 'mono', title: row.loggedAt }, offsetText(offset)),
        h('td', {}, offsetBar(offset, total, lane)),
        h('td', {}, row.kind), h('td', {}, row.senderId), h('td', {}, row.serviceId), h('td', {}, row.status),
        h('td', {}, row.errorCode),
        h('td', {}, row.local ? h('a', { href: `#/log/${row.id}` }, row.id) : row.id));
    })));
  const problems = timeline.problems.length === 0 ? null : h('div', { id: 'timeline-problems', class: 'error', role: 'alert' },
    h('strong', {}, t('timelineProblems')),
    h('ul', {}, timeline.problems.map((p) => h('li', { 'data-node': p.node }, `${p.node} (${p.url}): ${p.problem}`))));
  const alone = timeline.nodes.length === 1 ? h('p', { class: 'hint' }, t('noPeers')) : null;
  return [legend, table, problems, alone];
}

/**
 * The section, returned at once and filled when the timeline arrives (the peers may take a few seconds); a refusal is
 * shown inside the section, so the rest of the detail view stays.
 */
export function timelineSection(ui, id) {
  const { h, problem } = ui;
  const body = h('div', {}, h('p', { class: 'hint' }, t('working')));
  api(`log/${encodeURIComponent(id)}/timeline`)
    .then((timeline) => body.replaceChildren(...render(h, timeline, id).filter(Boolean)))
    .catch((error) => body.replaceChildren(problem(error)));
  return h('section', { id: 'timeline-section' },
    h('h2', {}, t('timeline')), h('p', { class: 'hint' }, t('timelineHint')), body);
}

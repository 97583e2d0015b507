// Charts as inline SVG: horizontal bars (a label, a bar scaled to the largest value, the value) and values over time
// (lines or stacked areas). No chart library: the dashboard needs these two only, and SVG built with createElementNS
// keeps to the page's Content-Security-Policy.
const SVG = 'http://www.w3.org/2000/svg';

function node(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = String(text);
  return element;
}

/**
 * @param rows [{label, value, tone}] — tone 'bad' or 'warn' colours the bar
 * @param title the chart's accessible name
 */
export function barChart(rows, title, { labelWidth = 220, width = 640, rowHeight = 22 } = {}) {
  const height = Math.max(1, rows.length) * rowHeight + 4;
  const svg = node('svg', { class: 'chart', role: 'img', 'aria-label': title, width, height, viewBox: `0 0 ${width} ${height}` });
  svg.append(node('title', {}, title));
  const largest = Math.max(1, ...rows.map((row) => row.value));
  const room = width - labelWidth - 70;
  rows.forEach((row, i) => {
    const y = i * rowHeight + 2;
    svg.append(node('text', { x: labelWidth - 6, y: y + rowHeight * 0.7, 'text-anchor': 'end', class: 'chart-label' }, row.label));
    const length = row.value > 0 ? Math.max(2, (row.value / largest) * room) : 0;
    svg.append(node('rect', { x: labelWidth, y: y + 3, width: length, height: rowHeight - 6,
      class: `chart-bar ${row.tone ?? ''}`.trim() }));
    svg.append(node('text', { x: labelWidth + length + 6, y: y + rowHeight * 0.7, class: 'chart-value' }, row.value));
  });
  return svg;
}

/** The smallest 1, 2 or 5 × 10^n at or above {@code value}: the top of a y axis. */
function niceCeiling(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= value);
}

function plain(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function clock(time) {
  return time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/**
 * Values over time: one line per series, or areas stacked on each other ({@code stacked}); a legend above, the y axis
 * from 0 to a round top, about five time labels under the x axis. Needs two points at least.
 *
 * @param times Date of each point, oldest first
 * @param series [{label, values, tone}] — one value per time; null leaves a gap in a line (0 in a stack); tone
 *   'ok', 'bad' or 'warn' colours it, else the series' place picks a colour
 * @param title the chart's accessible name
 * @param format writes a y-axis value (e.g. with its unit)
 */
export function timeChart(times, series, title, { stacked = false, format = plain, width = 640, height = 200 } = {}) {
  const left = 56;
  const right = 12;
  const top = 26;
  const bottom = 22;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const svg = node('svg', { class: 'chart time-chart', role: 'img', 'aria-label': title, width, height,
    viewBox: `0 0 ${width} ${height}` });
  svg.append(node('title', {}, title));

  const below = times.map(() => 0);
  const layers = series.map((s) => {
    const base = below.slice();
    const values = s.values.map((v, i) => (stacked ? (below[i] += v ?? 0) : v));
    return { ...s, base, values };
  });
  const largest = Math.max(0, ...layers.flatMap((s) => s.values.filter((v) => v !== null && v !== undefined)));
  const ceiling = niceCeiling(largest);
  const first = times[0].getTime();
  const span = Math.max(1, times.at(-1).getTime() - first);
  const x = (i) => left + ((times[i].getTime() - first) / span) * plotWidth;
  const y = (v) => top + plotHeight - (v / ceiling) * plotHeight;

  for (const level of [0, ceiling / 2, ceiling]) {
    svg.append(node('line', { x1: left, x2: width - right, y1: y(level), y2: y(level), class: 'chart-grid' }));
    svg.append(node('text', { x: left - 6, y: y(level) + 4, 'text-anchor': 'end', class: 'chart-label' },
      format(level)));
  }
  const ticks = Math.min(5, times.length);
  for (let k = 0; k < ticks; k++) {
    const i = Math.round((k * (times.length - 1)) / (ticks - 1));
    svg.append(node('text', { x: x(i), y: height - 6, 'text-anchor': k === 0 ? 'start' : k === ticks - 1 ? 'end' : 'middle',
      class: 'chart-label chart-time' }, clock(times[i])));
  }

  layers.forEach((s, n) => {
    const colour = `series-${s.tone ?? n}`;
    if (stacked) {
      const upper = s.values.map((v, i) => `${x(i)},${y(v)}`);
      const lower = s.base.map((v, i) => `${x(i)},${y(v)}`).reverse();
      svg.append(node('polygon', { points: [...upper, ...lower].join(' '), class: `chart-area ${colour}` }));
    } else {
      let path = '';
      s.values.forEach((v, i) => {
        if (v === null || v === undefined) return;
        path += `${path && s.values[i - 1] !== null && s.values[i - 1] !== undefined ? 'L' : 'M'}${x(i)},${y(v)} `;
      });
      if (path) svg.append(node('path', { d: path.trim(), class: `chart-line ${colour}` }));
      // a dot per value: an interval between two without requests has no line to be seen on
      s.values.forEach((v, i) => {
        if (v !== null && v !== undefined) svg.append(node('circle', { cx: x(i), cy: y(v), r: 2, class: `chart-dot ${colour}` }));
      });
    }
  });

  let legendX = left;
  layers.forEach((s, n) => {
    svg.append(node('rect', { x: legendX, y: 6, width: 10, height: 10, class: `chart-key series-${s.tone ?? n}` }));
    const label = node('text', { x: legendX + 14, y: 15, class: 'chart-label' }, s.label);
    svg.append(label);
    legendX += 24 + String(s.label).length * 7;
  });
  return svg;
}

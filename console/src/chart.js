// Horizontal bar charts as inline SVG: a label, a bar scaled to the largest value, the value. No chart library:
// the dashboard needs bars only, and SVG built with createElementNS keeps to the page's Content-Security-Policy.
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

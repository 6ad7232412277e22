// The pipeline as a graph: warehouses and stages in columns by depth (a stage sits one column right of its
// deepest upstream), edges drawn as curves between the cards once the browser has laid them out. Any graph the
// configuration defines works: fan-out (one stage feeding several) and fan-in (several feeding one) included.
import {h, s} from './dom.js';

/**
 * Columns of node ids: warehouses first, then each stage one column right of its deepest upstream.
 * Within a column, nodes keep the order of their upstreams' rows (fewer crossings), then the given order.
 * A cycle (which the configuration's validation refuses) cannot loop here: depth is capped by the node count.
 */
export function layout(nodeIds, edges) {
  const upstream = new Map(nodeIds.map(id => [id, []]));
  for (const e of edges) if (upstream.has(e.to) && upstream.has(e.from)) upstream.get(e.to).push(e.from);
  const depth = new Map();
  const depthOf = (id, seen = new Set()) => {
    if (depth.has(id)) return depth.get(id);
    if (seen.has(id) || seen.size > nodeIds.length) return 0;
    seen.add(id);
    const ups = upstream.get(id);
    const d = ups.length === 0 ? 0 : 1 + Math.max(...ups.map(u => depthOf(u, seen)));
    depth.set(id, d);
    return d;
  };
  nodeIds.forEach(id => depthOf(id));
  const columns = [];
  for (const id of nodeIds) (columns[depth.get(id)] ||= []).push(id);
  const row = new Map();
  columns.forEach((column, c) => {
    if (c > 0) {
      const order = new Map(column.map((id, i) => [id, i]));
      const weight = id => {
        const ups = upstream.get(id).filter(u => row.has(u));
        return ups.length ? ups.reduce((sum, u) => sum + row.get(u), 0) / ups.length : order.get(id);
      };
      column.sort((a, b) => weight(a) - weight(b) || order.get(a) - order.get(b));
    }
    column.forEach((id, i) => row.set(id, i));
  });
  return columns.filter(Boolean);
}

/** Lays the cards out in columns and draws the edges over them; redraws when the layout changes size. */
export function renderGraph(container, nodeIds, edges, cardOf) {
  const columns = layout(nodeIds, edges);
  const svg = s('svg', {class: 'edges', 'aria-hidden': 'true'});
  const grid = h('div', {class: 'graph-columns'},
    columns.map(column => h('div', {class: 'graph-column'}, column.map(id => {
      const card = cardOf(id);
      card.dataset.node = id;
      return card;
    }))));
  const graph = h('div', {class: 'graph'}, svg, grid);
  container.replaceChildren(graph);
  const draw = () => drawEdges(graph, svg, edges);
  draw();
  const observer = new ResizeObserver(draw);
  observer.observe(graph);
  return () => observer.disconnect();
}

function drawEdges(graph, svg, edges) {
  const box = graph.getBoundingClientRect();
  svg.setAttribute('width', box.width);
  svg.setAttribute('height', box.height);
  svg.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`);
  const paths = [];
  for (const e of edges) {
    const from = graph.querySelector(`[data-node="${CSS.escape(e.from)}"]`);
    const to = graph.querySelector(`[data-node="${CSS.escape(e.to)}"]`);
    if (!from || !to) continue;
    const a = from.getBoundingClientRect();
    const b = to.getBoundingClientRect();
    const x1 = a.right - box.left, y1 = a.top + a.height / 2 - box.top;
    const x2 = b.left - box.left, y2 = b.top + b.height / 2 - box.top;
    const bend = Math.max(24, (x2 - x1) / 2);
    paths.push(s('path', {d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
      class: 'edge', 'data-from': e.from, 'data-to': e.to, 'marker-end': 'url(#kargo-arrow)'}));
  }
  svg.replaceChildren(
    s('defs', {}, s('marker', {id: 'kargo-arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7',
      markerHeight: '7', orient: 'auto-start-reverse'}, s('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrow'}))),
    ...paths);
}

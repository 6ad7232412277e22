// The Freight timeline, newest first: a page of Freight at a time from the server (filtered and searched there),
// so 1,000 Freight and 20 stages cost one page of rows, not a thousand. Filters and search live in the URL-free
// query object ctx.timeline; the filter bar is built once so typing is never interrupted by a live reload.
import {h, replace} from './dom.js';
import {ago, freightLabel, maturityBadge, shortName} from './format.js';
import * as actions from './actions.js';

const MATURITIES = ['alpha', 'beta', 'stable'];

export function newQuery() {
  return {maturity: [], warehouse: '', artifact: '', q: '', offset: 0, limit: 50};
}

/** The filter bar and the results area; reload() fetches the page the query names and renders it. */
export function timelineSection(ctx) {
  const query = ctx.timeline;
  const results = h('div', {class: 'timeline-results', 'aria-live': 'polite'});
  const warehouse = h('select', {name: 'warehouse', 'aria-label': 'Warehouse'}, h('option', {value: ''}, 'all warehouses'));
  const artifact = h('select', {name: 'artifact', 'aria-label': 'Artifact'}, h('option', {value: ''}, 'all artifacts'));
  const search = h('input', {type: 'search', name: 'q', placeholder: 'alias or version', 'aria-label': 'Search Freight',
    value: query.q});
  let typing;
  const changed = () => {
    query.offset = 0;
    ctx.reloadTimeline();
  };
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      query.q = search.value.trim();
      changed();
    }, 200);
  });
  warehouse.addEventListener('change', () => {
    query.warehouse = warehouse.value;
    changed();
  });
  artifact.addEventListener('change', () => {
    query.artifact = artifact.value;
    changed();
  });
  const maturity = h('fieldset', {class: 'maturity-filter'}, h('legend', {}, 'maturity'),
    MATURITIES.map(m => h('label', {}, h('input', {type: 'checkbox', name: 'maturity', value: m,
      checked: query.maturity.includes(m), onchange: e => {
        query.maturity = e.target.checked ? [...query.maturity, m] : query.maturity.filter(x => x !== m);
        changed();
      }}), ' ', maturityBadge(m))));
  const section = h('section', {class: 'timeline', 'aria-label': 'Freight timeline'},
    h('h2', {}, 'Freight'),
    h('form', {class: 'filters', role: 'search', onsubmit: e => e.preventDefault()}, search, maturity, warehouse, artifact),
    results);

  /** Fills the filters' choices (once) and renders a page of the timeline. */
  section.render = (timeline, cards) => {
    fillOptions(warehouse, timeline.warehouses, query.warehouse, w => w);
    fillOptions(artifact, timeline.artifacts, query.artifact, a => shortName({repository: a}));
    replace(results, table(ctx, timeline, cards), pager(ctx, timeline));
  };
  return section;
}

function fillOptions(select, values, selected, label) {
  if (select.options.length - 1 === values.length) return;
  select.replaceChildren(select.options[0], ...values.map(v => h('option', {value: v, selected: v === selected, title: v}, label(v))));
}

function table(ctx, timeline, cards) {
  if (timeline.freight.length === 0) {
    return h('p', {class: 'empty'}, timeline.total === 0 && !filtered(ctx.timeline)
      ? 'No Freight yet: it appears when a warehouse discovers new versions.' : 'No Freight matches these filters.');
  }
  return h('div', {class: 'table-scroll'}, h('table', {class: 'freight-table'},
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Freight'), h('th', {scope: 'col'}, 'versions'), h('th', {scope: 'col'}, 'maturity'),
      h('th', {scope: 'col'}, 'created'),
      timeline.stages.map(s => h('th', {scope: 'col', class: 'stage-col'}, s)))),
    h('tbody', {}, timeline.freight.map(f => row(ctx, timeline.stages, f, cards)))));
}

function row(ctx, stages, f, cards) {
  return h('tr', {'data-freight': f.name},
    h('th', {scope: 'row'}, h('span', {class: 'freight-alias', title: f.name}, freightLabel(f)),
      h('div', {class: 'muted small'}, f.warehouse)),
    h('td', {}, h('ul', {class: 'versions inline'}, f.artifacts.map(a =>
      h('li', {title: a.repository}, h('span', {class: 'artifact'}, shortName(a)), ' ', h('code', {}, a.version))))),
    h('td', {}, maturityBadge(f.maturity)),
    h('td', {}, ago(f.createdAt)),
    stages.map(s => cell(ctx, s, f, cards.get(s))));
}

function cell(ctx, stage, f, card) {
  const here = f.currentlyIn.includes(stage);
  const verified = f.verifiedIn.includes(stage);
  const approver = f.approvedFor[stage];
  const availability = f.availability.find(a => a.stage === stage) || {available: false, reason: ''};
  const marks = [
    here ? h('span', {class: 'mark here', title: `in ${stage} now`}, '●') : null,
    verified ? h('span', {class: 'mark verified', title: `verified in ${stage}`}, '✓') : null,
    approver ? h('span', {class: 'mark approved', title: `approved for ${stage} by ${approver}`}, 'A') : null,
  ];
  const signOffHere = card && card.waitsForDecision && card.waitingFreight && card.waitingFreight.name === f.name;
  let action = null;
  if (signOffHere) {
    action = h('button', {type: 'button', class: 'small primary', 'data-action': 'approve',
      onclick: () => actions.approve(ctx, card, f)}, 'Approve');
  } else if (!here && availability.available) {
    action = h('button', {type: 'button', class: 'small', 'data-action': 'promote', title: availability.reason,
      onclick: () => actions.promote(ctx, stage, f)}, 'Promote');
  } else if (!here && !verified) {
    action = h('span', {class: 'unavailable', title: availability.reason, 'aria-label': availability.reason}, '–');
  }
  return h('td', {class: 'stage-cell' + (here ? ' in-stage' : ''), 'data-stage': stage}, marks, action);
}

function pager(ctx, timeline) {
  const q = ctx.timeline;
  const last = Math.min(timeline.offset + timeline.freight.length, timeline.total);
  const go = offset => {
    q.offset = Math.max(0, offset);
    ctx.reloadTimeline();
  };
  return h('nav', {class: 'pager', 'aria-label': 'Timeline pages'},
    h('button', {type: 'button', disabled: timeline.offset === 0, onclick: () => go(timeline.offset - q.limit)}, '← Newer'),
    h('span', {class: 'range'}, timeline.total === 0 ? '0' : `${timeline.offset + 1}–${last} of ${timeline.total}`),
    h('button', {type: 'button', disabled: last >= timeline.total, onclick: () => go(timeline.offset + q.limit)}, 'Older →'));
}

function filtered(q) {
  return q.maturity.length || q.warehouse || q.artifact || q.q;
}

// The pipeline page: the graph of warehouses and stages with a card each, then the Freight timeline.
import {h, route} from './dom.js';
import {ago, freightLabel, freightsLabel, phaseBadge, underWay, versions} from './format.js';
import {renderGraph} from './graph.js';
import * as actions from './actions.js';

/** A stage's card (docs/api.md, StageCard): current Freight, health, verification, gate, hold, last promotion, actions. */
export function stageCard(ctx, card, {compact = false} = {}) {
  const v = card.lastVerification;
  const p = card.lastPromotion;
  const waiting = card.waitingFreight;
  const health = (card.health || 'unknown').toLowerCase();
  const classes = ['card', 'stage', `health-${health}`];
  if (waiting) classes.push('waiting');
  return h('article', {class: classes.join(' '), 'data-stage': card.name, 'aria-label': `stage ${card.name}`},
    h('header', {},
      h('a', {class: 'stage-name', href: route(ctx.project, 'stages', card.name)}, card.name),
      h('span', {class: `health health-${health}`, title: `health: ${card.health}`}, card.health),
      card.gate && card.gate.manual
        ? h('span', {class: 'badge gate', title: gateTitle(card)}, 'manual gate')
        : h('span', {class: 'badge auto', title: 'Freight is promoted here automatically when available'}, 'auto')),
    waiting ? h('p', {class: 'waiting-banner'}, card.waitsForDecision
      ? ['Waits for a person\'s sign-off: ', freightLabel(waiting)]
      : ['Waits for a person: ', freightLabel(waiting), ' can be promoted']) : null,
    card.current.length
      ? h('div', {class: 'current'},
        h('div', {}, h('span', {class: 'freight-alias', title: card.current.map(f => f.name).join(', ')},
          freightsLabel(card.current))),
        compact ? null : versions(card.artifacts, 4))
      : h('p', {class: 'muted'}, 'No Freight yet'),
    h('dl', {class: 'facts'},
      h('dt', {}, 'verification'),
      h('dd', {}, v ? [phaseBadge(v.phase), v.decision ? ` by ${v.decision.actor}` : '',
        v.message && v.phase !== 'Successful' ? h('div', {class: 'message'}, v.message) : null] : h('span', {class: 'muted'}, 'none')),
      h('dt', {}, 'promoted'),
      h('dd', {}, p ? [ago(p.finishedAt || p.createdAt), ' ', phaseBadge(p.phase)] : h('span', {class: 'muted'}, 'never')),
      card.hold ? [h('dt', {}, 'hold'), h('dd', {class: 'hold'}, `held by ${card.hold.actor}`)] : null,
      p && underWay(p.phase) ? [h('dt', {}, 'running'), h('dd', {}, `promotion of ${freightLabel(p.freight)}`)] : null),
    h('div', {class: 'card-actions'}, stageButtons(ctx, card)));
}

function gateTitle(card) {
  const approvers = card.gate.approvers || [];
  return 'Freight enters only when a person promotes it' + (approvers.length ? `; approvers: ${approvers.join(', ')}` : '');
}

function stageButtons(ctx, card) {
  const buttons = [];
  const v = card.lastVerification;
  const p = card.lastPromotion;
  if (card.waitsForDecision && card.waitingFreight) {
    buttons.push(h('button', {type: 'button', class: 'primary', 'data-action': 'approve',
      onclick: () => actions.approve(ctx, card, card.waitingFreight)}, 'Approve'));
    buttons.push(h('button', {type: 'button', class: 'danger', 'data-action': 'reject',
      onclick: () => actions.reject(ctx, card, card.waitingFreight)}, 'Reject'));
  } else if (card.waitingFreight) {
    buttons.push(h('button', {type: 'button', class: 'primary', 'data-action': 'promote',
      onclick: () => actions.promote(ctx, card.name, card.waitingFreight)}, `Promote ${freightLabel(card.waitingFreight)}`));
  }
  if (p && underWay(p.phase)) {
    buttons.push(h('button', {type: 'button', 'data-action': 'abort-promotion',
      onclick: () => actions.abortPromotion(ctx, card.name, p)}, 'Abort promotion'));
  }
  if (v && underWay(v.phase)) {
    buttons.push(h('button', {type: 'button', 'data-action': 'abort-verification',
      onclick: () => actions.abortVerification(ctx, card)}, 'Abort verification'));
  } else if (card.current.length && v) {
    buttons.push(h('button', {type: 'button', 'data-action': 'verify', onclick: () => actions.verify(ctx, card)}, 'Verify again'));
  }
  if (card.hold) {
    buttons.push(h('button', {type: 'button', 'data-action': 'release-hold',
      onclick: () => actions.releaseHold(ctx, card)}, 'Release hold'));
  }
  buttons.push(h('a', {class: 'button', href: route(ctx.project, 'stages', card.name)}, 'History'));
  return buttons;
}

function warehouseCard(w) {
  return h('article', {class: `card warehouse ready-${String(w.ready).toLowerCase()}`, 'aria-label': `warehouse ${w.name}`},
    h('header', {}, h('span', {class: 'warehouse-name'}, w.name), h('span', {class: 'badge'}, 'warehouse')),
    h('dl', {class: 'facts'},
      h('dt', {}, 'last Freight'), h('dd', {}, w.lastFreight ? freightLabel(w.lastFreight) : h('span', {class: 'muted'}, 'none')),
      h('dt', {}, 'discovered'), h('dd', {}, ago(w.lastDiscoveredAt)),
      w.message ? [h('dt', {}, 'status'), h('dd', {class: 'message'}, w.message)] : null));
}

/** Renders the graph into container; returns a function that stops its resize observer. */
export function renderPipeline(ctx, container, pipeline) {
  // node ids as the edges name them: Warehouse/NAME, Stage/NAME; an edge goes into the stage it names
  const stages = new Map(pipeline.stages.map(c => [`Stage/${c.name}`, c]));
  const warehouses = new Map(pipeline.warehouses.map(w => [`Warehouse/${w.name}`, w]));
  const edges = pipeline.edges.map(e => ({from: e.from, to: `Stage/${e.to}`}));
  const ids = [...warehouses.keys(), ...stages.keys()];
  return renderGraph(container, ids, edges, id =>
    stages.has(id) ? stageCard(ctx, stages.get(id), {compact: pipeline.stages.length > 8}) : warehouseCard(warehouses.get(id)));
}

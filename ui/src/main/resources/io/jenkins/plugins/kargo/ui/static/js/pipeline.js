// The pipeline page: the graph of warehouses and stages with a card each, then the Freight timeline.
import {h, route} from './dom.js';
import {ago, freightLabel, phaseBadge, versions} from './format.js';
import {renderGraph} from './graph.js';
import * as actions from './actions.js';

/** A stage's card: current Freight, health, verification, gate, hold, last promotion, and its actions. */
export function stageCard(ctx, card, {compact = false} = {}) {
  const waiting = card.waitingForPerson;
  const running = card.promotionRunning;
  const v = card.verification;
  const classes = ['card', 'stage', `health-${(card.health || 'unknown').toLowerCase()}`];
  if (waiting) classes.push('waiting');
  return h('article', {class: classes.join(' '), 'data-stage': card.name, 'aria-label': `stage ${card.name}`},
    h('header', {},
      h('a', {class: 'stage-name', href: route(ctx.project, 'stages', card.name)}, card.name),
      h('span', {class: `health health-${(card.health || 'unknown').toLowerCase()}`, title: `health: ${card.health}`}, card.health),
      card.gate && card.gate.manual
        ? h('span', {class: 'badge gate', title: gateTitle(card)}, 'manual gate')
        : h('span', {class: 'badge auto', title: 'Freight is promoted here automatically when available'}, 'auto')),
    waiting ? h('p', {class: 'waiting-banner'}, 'Waits for a person',
      card.waitingFreight ? [': ', freightLabel(card.waitingFreight)] : '') : null,
    card.freight
      ? h('div', {class: 'current'},
        h('div', {}, h('span', {class: 'freight-alias', title: card.freight.name}, freightLabel(card.freight))),
        compact ? null : versions(card.freight.artifacts, 4))
      : h('p', {class: 'muted'}, 'No Freight yet'),
    h('dl', {class: 'facts'},
      h('dt', {}, 'verification'),
      h('dd', {}, v ? [phaseBadge(v.phase), v.decidedBy ? ` by ${v.decidedBy}` : '',
        v.message && v.phase !== 'Successful' ? h('div', {class: 'message'}, v.message) : null] : h('span', {class: 'muted'}, 'none')),
      h('dt', {}, 'promoted'),
      h('dd', {}, card.lastPromotion ? [ago(card.lastPromotion.at), ' ', phaseBadge(card.lastPromotion.phase)]
        : h('span', {class: 'muted'}, 'never')),
      card.hold ? [h('dt', {}, 'hold'), h('dd', {class: 'hold'}, `held by ${card.hold.actor}`)] : null,
      running ? [h('dt', {}, 'running'), h('dd', {}, `promotion of ${running.freightAlias || ''}`, ' ', phaseBadge(running.phase))] : null),
    h('div', {class: 'card-actions'}, stageButtons(ctx, card)));
}

function gateTitle(card) {
  const approvers = card.gate.approvers || [];
  return 'Freight enters only when a person promotes it' + (approvers.length ? `; approvers: ${approvers.join(', ')}` : '');
}

function stageButtons(ctx, card) {
  const buttons = [];
  const v = card.verification;
  if (card.waitingForPerson && card.waitingFreight) {
    buttons.push(h('button', {type: 'button', class: 'primary', 'data-action': 'approve',
      onclick: () => actions.approve(ctx, card, card.waitingFreight)}, 'Approve'));
    if (v && v.phase === 'Running') {
      buttons.push(h('button', {type: 'button', class: 'danger', 'data-action': 'reject',
        onclick: () => actions.reject(ctx, card, card.waitingFreight)}, 'Reject'));
    }
  }
  if (card.promotionRunning) {
    buttons.push(h('button', {type: 'button', 'data-action': 'abort-promotion',
      onclick: () => actions.abortPromotion(ctx, card.name, card.promotionRunning)}, 'Abort promotion'));
  }
  if (v && (v.phase === 'Running' || v.phase === 'Pending')) {
    buttons.push(h('button', {type: 'button', 'data-action': 'abort-verification',
      onclick: () => actions.abortVerification(ctx, card)}, 'Abort verification'));
  } else if (card.freight && v) {
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
      h('dt', {}, 'discovered'), h('dd', {}, ago(w.lastDiscovery)),
      w.message ? [h('dt', {}, 'status'), h('dd', {class: 'message'}, w.message)] : null));
}

/** Renders the graph into container; returns a function that stops its resize observer. */
export function renderPipeline(ctx, container, pipeline) {
  const stages = new Map(pipeline.stages.map(c => [`stage/${c.name}`, c]));
  const warehouses = new Map(pipeline.warehouses.map(w => [`warehouse/${w.name}`, w]));
  const ids = [...warehouses.keys(), ...stages.keys()];
  return renderGraph(container, ids, pipeline.edges, id =>
    stages.has(id) ? stageCard(ctx, stages.get(id), {compact: pipeline.stages.length > 8}) : warehouseCard(warehouses.get(id)));
}

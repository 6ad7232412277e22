// A stage's page, and the pages of one promotion and one verification: history with one-click rollback per
// entry, promotions with their step logs, verification runs with every measurement, decisions with who and when.
import {h, route} from './dom.js';
import {ago, freightLabel, freightsLabel, phaseBadge, when} from './format.js';
import {stageCard} from './pipeline.js';
import * as actions from './actions.js';

const DECISIONS = {approval: ['approved', 'phase-successful'], 'sign-off': ['signed off', 'phase-successful'],
  rejection: ['rejected', 'phase-failed']};

/** A stage's page (docs/api.md, StageDetail): promotions and verifications newest first. */
export function stagePage(ctx, detail) {
  const card = detail.card;
  const promotions = [...detail.promotions].reverse();
  const verifications = [...detail.verifications].reverse();
  return h('div', {class: 'stage-page'},
    h('nav', {class: 'crumbs'}, h('a', {href: route(ctx.project)}, ctx.project), ' / ', card.name),
    stageCard(ctx, card),
    h('section', {'aria-label': 'Freight history'}, h('h2', {}, 'Freight history'),
      detail.history.length === 0 ? h('p', {class: 'muted'}, 'Nothing was promoted here yet.')
        : h('ol', {class: 'history'}, detail.history.map(entry => historyEntry(ctx, card, entry, verifications)))),
    h('section', {'aria-label': 'Promotions'}, h('h2', {}, 'Promotions'),
      promotions.length === 0 ? h('p', {class: 'muted'}, 'None.') : promotions.map(p => promotion(ctx, p))),
    h('section', {'aria-label': 'Verifications'}, h('h2', {}, 'Verifications'),
      verifications.length === 0 ? h('p', {class: 'muted'}, 'None.') : verifications.map(v => verification(ctx, v))),
    h('section', {'aria-label': 'Decisions'}, h('h2', {}, 'Approvals and rejections'),
      detail.decisions.length === 0 ? h('p', {class: 'muted'}, 'None.')
        : h('table', {class: 'decisions'}, h('tbody', {}, detail.decisions.map(d => h('tr', {'data-kind': d.kind},
          h('td', {}, h('span', {class: `badge phase ${DECISIONS[d.kind][1]}`}, DECISIONS[d.kind][0])),
          h('td', {}, freightLabel(d.freight)), h('td', {}, d.actor), h('td', {}, when(d.at)),
          h('td', {}, d.verification ? h('a', {href: route(ctx.project, 'verifications', d.verification)}, 'verification') : '')))))));
}

function historyEntry(ctx, card, entry, verifications) {
  const target = entry.freight[0];
  return h('li', {class: 'history-entry' + (entry.current ? ' current' : ''), 'data-freight': target.name},
    h('div', {class: 'entry-head'},
      h('span', {class: 'freight-alias', title: entry.freight.map(f => f.name).join(', ')}, freightsLabel(entry.freight)),
      entry.current ? h('span', {class: 'badge'}, 'current') : null,
      h('span', {class: 'muted'}, ' promoted ', ago(entry.promotedAt)),
      entry.promotion ? [' by ', h('a', {href: route(ctx.project, 'promotions', entry.promotion)}, entry.promotion)] : null,
      entry.current ? null : h('button', {type: 'button', class: 'small', 'data-action': 'rollback',
        onclick: () => actions.rollback(ctx, card.name, target)}, 'Roll back to this')),
    h('ul', {class: 'versions inline'}, entry.freight.map(f => h('li', {}, h('code', {}, f.versions || 'gone')))),
    h('ul', {class: 'inline'}, verifications.filter(v => entry.promotion && v.promotion === entry.promotion).map(v => h('li', {},
      h('a', {href: route(ctx.project, 'verifications', v.name)}, 'verification'), ' ', phaseBadge(v.phase)))));
}

export function promotion(ctx, p, {open = false} = {}) {
  return h('details', {class: 'promotion', open, 'data-promotion': p.name},
    h('summary', {}, phaseBadge(p.phase), ' ', h('a', {href: route(ctx.project, 'promotions', p.name)}, p.name), ' of ',
      freightLabel(p.freight), h('span', {class: 'muted'}, ` by ${p.actor} `, ago(p.createdAt))),
    p.message ? h('p', {class: 'message'}, p.message) : null,
    h('table', {class: 'steps'},
      h('thead', {}, h('tr', {}, ['step', 'uses', 'status', 'message', 'started', 'finished'].map(c => h('th', {}, c)))),
      h('tbody', {}, p.steps.map(s => h('tr', {class: `step step-${(s.status || '').toLowerCase()}`},
        h('td', {}, s.alias), h('td', {}, h('code', {}, s.uses)), h('td', {}, s.status),
        h('td', {class: 'log'}, s.message), h('td', {}, when(s.startedAt)), h('td', {}, when(s.finishedAt)))))),
    p.verification ? h('p', {}, 'Verification: ', h('a', {href: route(ctx.project, 'verifications', p.verification)}, p.verification)) : null);
}

export function verification(ctx, v, {open = false} = {}) {
  return h('details', {class: 'verification', open, 'data-verification': v.name},
    h('summary', {}, phaseBadge(v.phase), ' ', h('a', {href: route(ctx.project, 'verifications', v.name)}, v.name), ' of ',
      freightsLabel(v.freight), h('span', {class: 'muted'}, ` by ${v.actor} `, ago(v.startedAt || v.createdAt))),
    v.message ? h('p', {class: 'message'}, v.message) : null,
    v.promotion ? h('p', {}, 'After promotion ', h('a', {href: route(ctx.project, 'promotions', v.promotion)}, v.promotion)) : null,
    v.decision ? h('p', {}, v.decision.approved ? 'Approved' : 'Rejected', ` by ${v.decision.actor} `, when(v.decision.at)) : null,
    v.metrics.map(m => h('section', {class: 'metric'},
      h('h4', {}, m.name, ' ', phaseBadge(m.phase)),
      m.message ? h('p', {class: 'message'}, m.message) : null,
      h('table', {class: 'measurements'},
        h('thead', {}, h('tr', {}, ['#', 'phase', 'value', 'message', 'finished'].map(c => h('th', {}, c)))),
        h('tbody', {}, m.measurements.map((x, i) => h('tr', {},
          h('td', {}, String(i + 1)), h('td', {}, phaseBadge(x.phase)),
          h('td', {}, h('code', {class: 'value'}, typeof x.value === 'string' ? x.value : JSON.stringify(x.value))),
          h('td', {class: 'log'}, x.message || ''), h('td', {}, when(x.finishedAt)))))))));
}

export function promotionPage(ctx, p) {
  return h('div', {class: 'detail-page'},
    h('nav', {class: 'crumbs'}, h('a', {href: route(ctx.project)}, ctx.project), ' / ',
      h('a', {href: route(ctx.project, 'stages', p.stage)}, p.stage), ' / promotion'),
    promotion(ctx, p, {open: true}));
}

export function verificationPage(ctx, v) {
  return h('div', {class: 'detail-page'},
    h('nav', {class: 'crumbs'}, h('a', {href: route(ctx.project)}, ctx.project), ' / ',
      h('a', {href: route(ctx.project, 'stages', v.stage)}, v.stage), ' / verification'),
    verification(ctx, v, {open: true}));
}

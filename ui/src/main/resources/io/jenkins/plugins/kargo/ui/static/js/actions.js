// Every action of the view: each opens a confirmation that says exactly what will happen, then calls the one API
// write (which calls the same engine command as the CLI). ctx: {api, project, refresh}.
import {h} from './dom.js';
import {confirmAction, signInDialog, toast} from './dialog.js';
import {freightLabel, shortName} from './format.js';

const stagePath = (ctx, stage, action) =>
  `projects/${encodeURIComponent(ctx.project)}/stages/${encodeURIComponent(stage)}/${action}`;

/** Runs open() once someone is signed in (kargo serve asks for a token first; Jenkins pages are signed in). */
function signedIn(ctx, open) {
  if (ctx.api.session.user || !ctx.api.session.tokens) return open();
  return signInDialog(ctx.api, () => {
    ctx.onSession();
    open();
  });
}

const who = ctx => ctx.api.session.user || 'you';
const named = freight => h('strong', {class: 'freight-name', title: freight.name}, freightLabel(freight));

/** Promote a Freight into a stage: the versions that change, and the diff a git-writing stage would commit. */
export function promote(ctx, stage, freight) {
  return signedIn(ctx, () => confirmAction({
    title: `Promote ${freightLabel(freight)} to ${stage}`,
    body: async () => {
      const p = await ctx.api.post(stagePath(ctx, stage, 'preview'), {freight: freight.name});
      return [...preview(p, `Promotes Freight ${freightLabel(freight)} into stage ${stage} as ${who(ctx)}.`),
        p.availability.available ? null
          : h('p', {class: 'note warning'}, `Not available to ${stage} now: ${p.availability.reason}.`)];
    },
    confirm: 'Promote',
    run: () => ctx.api.post(stagePath(ctx, stage, 'promote'), {freight: freight.name}),
    done: ticket => {
      toast(`promotion/${ticket.name} of ${freightLabel(freight)} into ${stage} queued`);
      ctx.refresh();
    },
  }));
}

/** Roll a stage back to an earlier Freight of its history: a promotion of it, and a hold on auto-promotion. */
export function rollback(ctx, stage, freight) {
  return signedIn(ctx, () => confirmAction({
    title: `Roll ${stage} back to ${freightLabel(freight)}`,
    body: async () => [
      ...preview(await ctx.api.post(stagePath(ctx, stage, 'preview'), {freight: freight.name}),
        `Promotes the earlier Freight ${freightLabel(freight)} into stage ${stage} as ${who(ctx)}.`),
      h('p', {class: 'note'}, `Auto-promotion into ${stage} is then held, so newer Freight does not replace it, `,
        'until someone releases the hold.')],
    confirm: 'Roll back',
    danger: true,
    run: () => ctx.api.post(stagePath(ctx, stage, 'rollback'), {freight: freight.name}),
    done: ticket => {
      toast(`rollback promotion/${ticket.name} into ${stage} queued; auto-promotion held`);
      ctx.refresh();
    },
  }));
}

/** The sign-off a verification waits for, or Kargo's manual approval of a Freight for a gated stage. */
export function approve(ctx, card, freight) {
  const signOff = card.waitsForDecision && card.waitingFreight && card.waitingFreight.name === freight.name;
  return signedIn(ctx, () => confirmAction({
    title: `Approve ${freightLabel(freight)} for ${card.name}`,
    body: [
      h('p', {}, signOff
        ? [`Signs off the verification of `, named(freight), ` in stage ${card.name} as ${who(ctx)}: `,
          'it ends Successful, and the Freight is verified there.']
        : [`Approves `, named(freight), ` for stage ${card.name} as ${who(ctx)}: it becomes available to `,
          `${card.name} whatever its upstream verification. Nothing is promoted yet: promote it next.`]),
      approverNote(ctx, card)],
    confirm: 'Approve',
    run: () => ctx.api.post(stagePath(ctx, card.name, 'approve'), {freight: freight.name}),
    done: result => {
      toast(result.result === 'ALREADY_APPROVED' ? `${freightLabel(freight)} was already approved for ${card.name}`
        : `${freightLabel(freight)} approved for ${card.name}`);
      ctx.refresh();
    },
  }));
}

export function reject(ctx, card, freight) {
  return signedIn(ctx, () => confirmAction({
    title: `Reject ${freightLabel(freight)} in ${card.name}`,
    body: [h('p', {}, 'Fails the verification of ', named(freight), ` in stage ${card.name} that waits for a `,
      `person (rejected by ${who(ctx)}): the stage becomes Unhealthy and the Freight goes no further.`),
      approverNote(ctx, card)],
    confirm: 'Reject',
    danger: true,
    run: () => ctx.api.post(stagePath(ctx, card.name, 'reject'), {freight: freight.name}),
    done: () => {
      toast(`${freightLabel(freight)} rejected in ${card.name}`);
      ctx.refresh();
    },
  }));
}

export function verify(ctx, card) {
  return signedIn(ctx, () => confirmAction({
    title: `Verify ${card.name} again`,
    body: [h('p', {}, `Runs stage ${card.name}'s verification again on its current Freight `,
      card.current.map(named), ` as ${who(ctx)}. Its outcome replaces the last one: `,
      'a failure makes the stage Unhealthy and withdraws the Freight\'s verification there.')],
    confirm: 'Verify',
    run: () => ctx.api.post(stagePath(ctx, card.name, 'verify')),
    done: ticket => {
      toast(`verification/${ticket.name} of ${card.name} queued`);
      ctx.refresh();
    },
  }));
}

export function abortVerification(ctx, card) {
  return signedIn(ctx, () => confirmAction({
    title: `Abort the verification of ${card.name}`,
    body: [h('p', {}, `Aborts verification ${card.lastVerification ? card.lastVerification.name : ''} of stage ${card.name}: `,
      'a queued one at once, a running one before its next measurement. It ends Aborted and the Freight is not ',
      'verified there.')],
    confirm: 'Abort verification',
    danger: true,
    run: () => ctx.api.post(stagePath(ctx, card.name, 'abort-verification')),
    done: result => {
      toast(result.abortedNow ? `verification of ${card.name} aborted` : `verification of ${card.name} aborts before its next measurement`);
      ctx.refresh();
    },
  }));
}

export function abortPromotion(ctx, stage, promotion) {
  return signedIn(ctx, () => confirmAction({
    title: `Abort promotion into ${stage}`,
    body: [h('p', {}, `Aborts promotion ${promotion.name} of `, named(promotion.freight),
      ` into stage ${stage}: a pending one at once, a running one before its next step. Steps already done `,
      '(a pushed commit) stay done.')],
    confirm: 'Abort promotion',
    danger: true,
    run: () => ctx.api.post(`projects/${encodeURIComponent(ctx.project)}/promotions/${encodeURIComponent(promotion.name)}/abort`),
    done: result => {
      toast(result.abortedNow ? `promotion ${promotion.name} aborted` : `promotion ${promotion.name} aborts before its next step`);
      ctx.refresh();
    },
  }));
}

export function releaseHold(ctx, card) {
  return signedIn(ctx, () => confirmAction({
    title: `Release the hold on ${card.name}`,
    body: [h('p', {}, `Auto-promotion into stage ${card.name} resumes: the newest Freight available to it may be `,
      'promoted at once.'),
      card.hold ? h('p', {class: 'muted'}, `Held by ${card.hold.actor} since ${new Date(card.hold.since).toISOString()}, `,
        'when ', named(card.hold.freight), ' was promoted by hand.') : null],
    confirm: 'Release hold',
    run: () => ctx.api.post(stagePath(ctx, card.name, 'release-hold')),
    done: result => {
      toast(result.released ? `hold on ${card.name} released` : `${card.name} had no hold`);
      ctx.refresh();
    },
  }));
}

function approverNote(ctx, card) {
  const approvers = (card.gate && card.gate.approvers) || [];
  if (approvers.length === 0) return null;
  const user = ctx.api.session.user;
  return h('p', {class: user && !approvers.includes(user) ? 'note warning' : 'note'},
    `Only ${approvers.join(', ')} may decide here`, user && !approvers.includes(user) ? ` (you are ${user})` : '', '.');
}

/** A preview (docs/api.md, PromotionPreview) as the confirmation shows it: each artifact's old → new version, the
 * steps that run, each commit's diff, and the verification that follows. */
function preview(p, intro) {
  const changed = p.changes.filter(c => c.from !== c.to);
  return [
    h('p', {}, intro),
    h('table', {class: 'changes'},
      h('thead', {}, h('tr', {}, h('th', {}, 'artifact'), h('th', {}, 'now'), h('th', {}, ''), h('th', {}, 'after'))),
      h('tbody', {}, p.changes.map(c => h('tr', {class: c.from === c.to ? 'unchanged' : 'changed'},
        h('td', {title: c.repository}, shortName(c)),
        h('td', {}, c.from === null ? h('span', {class: 'muted'}, 'none') : h('code', {}, c.from)),
        h('td', {'aria-hidden': 'true'}, '→'),
        h('td', {}, h('code', {}, c.to)))))),
    changed.length === 0 ? h('p', {class: 'note'}, 'No version changes: the stage has these versions already.') : null,
    p.steps.length ? h('p', {class: 'muted steps'}, 'Steps: ', p.steps.map(st => st.alias + (st.alias === st.uses ? '' : ` (${st.uses})`)
      + (st.status === 'Skipped' ? ' — not run in the preview' : '')).join(' → ')) : null,
    p.phase === 'Succeeded' ? null
      : h('p', {class: 'note warning'}, `The dry run of these steps ended ${p.phase}: ${p.message}`),
    ...p.commits.map(c => h('section', {class: 'commit'},
      h('h3', {}, `Commit to ${c.repository} (${c.branch})`),
      c.diff ? diff(c.diff) : h('p', {class: 'muted'}, 'No change to commit: the files have these versions already.'))),
    p.commits.length ? h('p', {class: 'muted'}, 'Computed by running the steps as a dry run: nothing was pushed.') : null,
    p.verification.length ? h('p', {}, 'Then verifies it: ', p.verification.join(', '), '.') : null,
  ];
}

function diff(text) {
  return h('pre', {class: 'diff'}, text.split('\n').map(line => h('span', {
    class: line.startsWith('+') && !line.startsWith('+++') ? 'add'
      : line.startsWith('-') && !line.startsWith('---') ? 'del' : line.startsWith('@@') ? 'hunk' : null,
  }, line + '\n')));
}

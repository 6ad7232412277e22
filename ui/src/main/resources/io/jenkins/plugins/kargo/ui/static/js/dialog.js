// Confirmations and messages. A confirmation says exactly what will happen before anything does; its action runs
// only on the confirming click, and a refusal from the server shows in the dialog, in the server's words.
import {h, replace} from './dom.js';

let live;

/** A short message at the bottom of the page, read out by screen readers. */
export function toast(text, kind = 'info') {
  if (!live) {
    live = h('div', {class: 'toasts', role: 'status', 'aria-live': 'polite'});
    document.body.append(live);
  }
  const item = h('div', {class: `toast toast-${kind}`}, text);
  live.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 12000 : 6000);
}

/**
 * Opens a modal confirmation.
 * @param title    what is asked, as a heading
 * @param body     nodes, or an async function returning nodes (e.g. a preview fetched now); while it loads the
 *                 confirm button waits; if it throws, its message shows and confirming is not offered
 * @param confirm  the confirm button's label, naming the action ("Promote", "Approve")
 * @param run      async: does it; its result goes to done
 * @param done     called with run's result after the dialog closed
 */
export function confirmAction({title, body, confirm, danger = false, run, done}) {
  const content = h('div', {class: 'dialog-body'});
  const error = h('p', {class: 'dialog-error', role: 'alert', hidden: true});
  const ok = h('button', {type: 'button', class: danger ? 'danger' : 'primary', 'data-action': 'confirm', disabled: true}, confirm);
  const cancel = h('button', {type: 'button', 'data-action': 'cancel'}, 'Cancel');
  const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': 'kargo-dialog-title'},
    h('h2', {id: 'kargo-dialog-title'}, title), content, error, h('div', {class: 'dialog-buttons'}, cancel, ok));
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  const fail = e => {
    replace(error, e.message || String(e));
    error.hidden = false;
  };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', () => dialog.remove());
  ok.addEventListener('click', async () => {
    ok.disabled = true;
    cancel.disabled = true;
    error.hidden = true;
    dialog.classList.add('busy');
    try {
      const result = await run();
      close();
      if (done) done(result);
    } catch (e) {
      fail(e);
      ok.disabled = false;
      cancel.disabled = false;
    } finally {
      dialog.classList.remove('busy');
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  const fill = async () => {
    if (typeof body !== 'function') return replace(content, body);
    replace(content, h('p', {class: 'muted loading'}, 'Working out what will change…'));
    replace(content, await body());
  };
  fill().then(() => {
    ok.disabled = false;
    ok.focus();
  }, fail);
  return dialog;
}

/** kargo serve: asks for a token and checks it with the server. */
export function signInDialog(api, onSignedIn) {
  const input = h('input', {type: 'password', name: 'token', autocomplete: 'off', required: true,
    'aria-label': 'Token', placeholder: 'the token kargo serve printed, or yours from --tokens'});
  return confirmAction({
    title: 'Sign in to act',
    body: [h('p', {}, 'Reading needs no sign-in here; promoting, approving and every other action do. ',
      'The token is kept in this tab only and sent with each action, which is recorded in your name.'),
      h('label', {}, 'Token ', input)],
    confirm: 'Sign in',
    run: () => api.signIn(input.value),
    done: user => {
      toast(`Signed in as ${user}`);
      onSignedIn(user);
    },
  });
}

import { field, h, liveRegion, uid } from './dom.js';
import { outcomeSentence, problemSentence } from './messages.js';
import { ModalElement } from './modal.js';
import { passkeyObstacle, usePasskey } from './webauthn.js';
import './count-down.js';

const PURPOSES = {
  reveal: 'view the SCIM token',
  rotate: 'rotate the SCIM token',
  revoke: 'revoke the SCIM token',
  manage_factors: 'change how you confirm it is you',
};
const LONG_POLL_SECONDS = 25;
const names = new Intl.ListFormat('en', { type: 'conjunction' });

function pause(milliseconds) {
  return new Promise((resolve) => { setTimeout(resolve, milliseconds); });
}

/**
 * <scim-step-up-dialog>: "Confirm your identity to continue". It starts a push verification for its action and
 * shows the number to type on the phone, the phones it went to and a countdown, then follows the verification by
 * long polling. An authenticator code or an email link confirm instead, and "Use a passkey" when the caller has one:
 * the browser signs the verification's challenge (a closed prompt spends nothing; the same verification is offered
 * again). It closes with the id of the approved verification, or null; whatever it started and did not use is
 * cancelled.
 *
 * Set before connecting: context = {api, workspaceId, email} and action ("reveal", "rotate", "revoke" or
 * "manage_factors").
 */
class StepUpDialog extends ModalElement {
  context;
  action = 'reveal';

  #pending = new Set();
  #followed = null;
  #following = null;
  #method = 'push';
  #totp = null;
  #passkeys = Promise.resolve([]);
  #passkey = null;
  #passkeyPrompt = null;

  #challenge = h('div', { className: 'scim-challenge', hidden: true });
  #number = h('output', { id: uid('scim-number'), className: 'scim-number' });
  #phones = h('p');
  #countDown = h('scim-count-down', { className: 'scim-count-down', hidden: true });
  #progress = liveRegion();
  #failure = liveRegion({ assertive: true });
  #tryAgain = h('button', { type: 'button', hidden: true, onclick: () => this.#retry() }, 'Try again');
  #passkeyChoice = h('div', { className: 'scim-passkey-choice', hidden: true });
  #passkeyButton = h('button', {
    type: 'button', className: 'scim-secondary', onclick: () => this.#confirmWithPasskey(),
  }, 'Use a passkey');
  #code = field({
    label: 'Authenticator code',
    hint: 'The 6-digit code from your authenticator app.',
    control: h('input', { type: 'text', inputMode: 'numeric', autocomplete: 'one-time-code', spellcheck: false }),
  });

  render() {
    this.#challenge.append(h('label', { htmlFor: this.#number.id }, 'Type this number on your phone'), this.#number,
      this.#phones);
    return {
      heading: 'Confirm your identity to continue',
      content: [
        h('p', {}, `To ${PURPOSES[this.action]}, approve the request on your phone, or use another way below.`),
        this.#challenge,
        this.#countDown,
        this.#progress,
        this.#failure,
        h('div', { className: 'scim-actions' }, this.#tryAgain),
        h('h3', { className: 'scim-subheading' }, 'Other ways to confirm'),
        this.#passkeyChoice,
        h('form', { className: 'scim-code-form', noValidate: true, onsubmit: (event) => this.#submitCode(event) },
          this.#code.root, h('button', { type: 'submit' }, 'Verify code')),
        h('p', {}, h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#start('email') },
          'Email me a link')),
        h('div', { className: 'scim-actions' },
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, 'Cancel')),
      ],
    };
  }

  opened() {
    this.#passkeys = this.#api.myPasskeys().then(({ items }) => items, () => []);
    this.#passkeys.then((items) => this.#offerPasskey(items));
    this.#start('push');
  }

  closing(approvedId) {
    this.#following?.abort();
    this.#passkeyPrompt?.abort();
    this.#countDown.stop();
    for (const id of this.#pending) {
      if (id !== approvedId) {
        this.#cancel(id);
      }
    }
  }

  get #api() {
    return this.context.api;
  }

  /** Starts a verification by push or email; the one followed so far stays until the new one has started. */
  async #start(method) {
    this.#tryAgain.hidden = true;
    this.#failure.replaceChildren();
    const waiting = this.#progress.textContent;
    this.#progress.textContent = method === 'push' ? 'Sending a request to your phone…' : 'Sending you an email…';
    let verification;
    try {
      verification = await this.#begin(method);
    } catch (error) {
      if (this.#following) {
        this.#progress.textContent = waiting;
        this.#failure.textContent = problemSentence(error, { method });
      } else if (method === 'push' && error.code === 'method_not_enrolled' && await this.#canUsePasskey()) {
        this.#ended('', false);
        this.#progress.textContent = 'You have no phone set up for approvals: confirm with your passkey, or another '
          + 'way below.';
      } else {
        this.#ended(problemSentence(error, { method }), error.code !== 'method_not_enrolled');
      }
      return;
    }
    if (!this.isConnected) {
      return;
    }
    this.#abandonFollowed();
    this.#method = method;
    this.#challenge.hidden = method !== 'push';
    if (method === 'push') {
      this.#number.value = String(verification.numberChallenge);
      this.#phones.textContent = '';
      this.#progress.textContent = 'Waiting for your phone…';
      this.#showPhones();
    } else {
      this.#progress.textContent = `We emailed a link to ${this.context.email ?? 'your email address'}. `
        + 'Open it to continue; this window updates by itself.';
    }
    const secondsLeft = (Date.parse(verification.expiresAt) - Date.parse(verification.createdAt)) / 1000;
    this.#countDown.hidden = false;
    this.#countDown.start(secondsLeft);
    this.#follow(verification);
  }

  async #begin(method) {
    const verification = await this.#api.startVerification(this.context.workspaceId, this.action, method);
    this.#pending.add(verification.id);
    if (!this.isConnected) {
      this.#cancel(verification.id);
    }
    return verification;
  }

  async #showPhones() {
    try {
      const devices = await this.#api.myDevices();
      this.#phones.textContent = `Sent to ${names.format(devices.items.map((device) => device.name))}.`;
    } catch {
      this.#phones.textContent = 'Sent to your phones.';
    }
  }

  /** Long polls until the verification leaves pending; a lost connection retries after the advised interval. */
  async #follow(verification) {
    const following = new AbortController();
    this.#following = following;
    this.#followed = verification.id;
    let current = verification;
    while (current.status === 'pending') {
      try {
        current = await this.#api.followVerification(this.context.workspaceId, current.id, LONG_POLL_SECONDS,
          following.signal);
      } catch (error) {
        if (following.signal.aborted) {
          return;
        }
        if (error.code !== 'network_error') {
          this.#following = null;
          this.#ended(problemSentence(error), true);
          return;
        }
        await pause(verification.pollIntervalSeconds * 1000);
      }
      if (following.signal.aborted) {
        return;
      }
    }
    this.#following = null;
    this.#settled(current);
  }

  #settled(verification) {
    this.#pending.delete(verification.id);
    if (verification.status === 'approved') {
      this.close(verification.id);
      return;
    }
    this.#ended(outcomeSentence(verification), true);
  }

  #ended(sentence, canTryAgain) {
    this.#countDown.stop();
    this.#countDown.hidden = true;
    this.#challenge.hidden = true;
    this.#progress.replaceChildren();
    this.#failure.textContent = sentence;
    this.#tryAgain.hidden = !canTryAgain;
  }

  #retry() {
    this.focusHeading();
    this.#start(this.#method);
  }

  async #submitCode(event) {
    event.preventDefault();
    const code = this.#code.control.value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      this.#code.showError('Enter the 6-digit code from your authenticator app.');
      return;
    }
    this.#code.clearError();
    try {
      this.#totp ??= await this.#begin('totp');
      this.#settled(await this.#api.submitCode(this.context.workspaceId, this.#totp.id, code));
    } catch (error) {
      if (!(error.code === 'invalid_code' && error.attemptsRemaining > 0) && error.code !== 'code_already_used') {
        this.#totp = null;
      }
      this.#code.showError(problemSentence(error, { method: 'totp' }));
    }
  }

  /** "Use a passkey" when the caller has one; where passkeys cannot work (an IP address), why not. */
  #offerPasskey(passkeys) {
    if (passkeys.length === 0) {
      return;
    }
    const obstacle = passkeyObstacle();
    this.#passkeyChoice.replaceChildren(obstacle
      ? h('p', { className: 'scim-note' }, 'You have a passkey, but it cannot be used on this page. ',
        problemSentence(obstacle))
      : h('p', {}, this.#passkeyButton));
    this.#passkeyChoice.hidden = false;
  }

  async #canUsePasskey() {
    return (await this.#passkeys).length > 0 && !passkeyObstacle();
  }

  /**
   * Starts a passkey verification (or reuses the pending one) and answers it with the browser's assertion. The push
   * request stays open meanwhile: whichever approves first closes the dialog.
   */
  async #confirmWithPasskey() {
    if (this.#passkeyPrompt) {
      return;
    }
    const prompt = new AbortController();
    this.#passkeyPrompt = prompt;
    const waiting = this.#progress.textContent;
    this.#failure.replaceChildren();
    this.#progress.textContent = 'Waiting for your passkey…';
    try {
      if (!this.#passkey || Date.parse(this.#passkey.expiresAt) <= Date.now()) {
        this.#passkey = await this.#begin('passkey');
      }
      const credential = await usePasskey(this.#passkey.publicKeyCredentialRequestOptions, { signal: prompt.signal });
      this.#settled(await this.#api.submitPasskey(this.context.workspaceId, this.#passkey.id, credential));
    } catch (error) {
      if (prompt.signal.aborted || !this.isConnected) {
        return;
      }
      if (error.code === 'passkey_not_used') {
        this.#progress.textContent = problemSentence(error);
        return;
      }
      // A refusal by the service ends this verification unless attempts are left; the browser's refusals spend nothing.
      if (error.status !== undefined && !(error.code === 'invalid_assertion' && error.attemptsRemaining > 0)) {
        this.#passkey = null;
      }
      this.#progress.textContent = waiting;
      this.#failure.textContent = problemSentence(error, { method: 'passkey' });
    } finally {
      this.#passkeyPrompt = null;
    }
  }

  #abandonFollowed() {
    this.#following?.abort();
    this.#following = null;
    if (this.#pending.has(this.#followed)) {
      this.#cancel(this.#followed);
    }
  }

  #cancel(id) {
    this.#pending.delete(id);
    this.#api.cancelVerification(this.context.workspaceId, id).catch(() => {});
  }
}

customElements.define('scim-step-up-dialog', StepUpDialog);

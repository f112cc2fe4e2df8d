import { openConfirmChannel } from './confirm-channel.js';
import { field, h, liveRegion, uid } from './dom.js';
import { outcomeSentence, problemSentence, t } from './messages.js';
import { ModalElement } from './modal.js';
import { passkeyObstacle, usePasskey } from './webauthn.js';
import './count-down.js';

/** The message key that names what a verification is for. */
const PURPOSES = {
  reveal: 'purposeReveal',
  rotate: 'purposeRotate',
  revoke: 'purposeRevoke',
  manage_factors: 'purposeManageFactors',
  manage_clients: 'purposeManageClients',
};
/** The actions an email code may confirm unless the host says otherwise (the service's default, §5). */
const EMAIL_ACTIONS = ['reveal'];
const LONG_POLL_SECONDS = 25;
const names = new Intl.ListFormat(undefined, { type: 'conjunction' });

function pause(milliseconds) {
  return new Promise((resolve) => { setTimeout(resolve, milliseconds); });
}

function codeField(label, hint, inputMode = 'numeric') {
  return field({
    label,
    hint,
    control: h('input', { type: 'text', inputMode, autocomplete: 'one-time-code', spellcheck: false }),
  });
}

/**
 * <scim-step-up-dialog>: "Confirm your identity to continue". It offers only the ways the caller has (from
 * GET /me/factors), strongest first: "Use a passkey"; a push to the phones, started at once, with the number to type
 * on the phone and a countdown, followed by long polling; an authenticator code; "Use a recovery code" for a change
 * of sign-in methods only; last, "Email me a code" for the actions email may confirm. An email code is completed
 * with the completion secret that only this dialog holds, typed or handed over by the email's confirm page in the
 * same browser (confirm-channel.js). A closed passkey prompt spends nothing. The dialog closes with the id of the
 * approved verification, or null; whatever it started and did not use is cancelled.
 *
 * Set before connecting: context = {api, workspaceId, email, emailActions?} and action ("reveal", "rotate",
 * "revoke", "manage_factors" or "manage_clients").
 */
class StepUpDialog extends ModalElement {
  context;
  action = 'reveal';

  #pending = new Set();
  #followed = null;
  #following = null;
  #method = 'push';
  #factors = null;
  #codeVerifications = new Map();
  #passkey = null;
  #passkeyPrompt = null;
  #email = null;
  #channel = null;

  #intro = h('p');
  #challenge = h('div', { className: 'scim-challenge', hidden: true });
  #number = h('output', { id: uid('scim-number'), className: 'scim-number' });
  #phones = h('p');
  #countDown = h('scim-count-down', { className: 'scim-count-down', hidden: true });
  #progress = liveRegion();
  /** Shown while the dialog waits for the service, a phone, an email or a passkey prompt. */
  #busy = h('progress', { className: 'scim-busy', hidden: true, 'aria-label': t('busyWaiting') });
  #failure = liveRegion({ assertive: true });
  #tryAgain = h('button', { type: 'button', hidden: true, onclick: () => this.#retry() }, t('tryAgain'));
  #ways = h('div', { className: 'scim-ways' });
  #passkeyButton = h('button', {
    type: 'button', className: 'scim-secondary', onclick: () => this.#confirmWithPasskey(),
  }, t('usePasskey'));
  #totpCode = codeField(t('authenticatorCode'), t('authenticatorCodeHint'));
  #recoveryCode = codeField(t('recoveryCode'), t('recoveryCodeHint'), 'text');
  #recoveryForm = null;
  #emailCode = codeField(t('emailCode'), t('emailCodeHint'));
  #emailForm = null;

  render() {
    this.#challenge.append(h('label', { htmlFor: this.#number.id }, t('typeThisNumber')), this.#number,
      this.#phones);
    return {
      heading: t('confirmIdentity'),
      content: [
        this.#intro,
        h('div', { className: 'scim-progress' }, this.#busy, this.#progress),
        this.#failure,
        this.#ways,
        h('div', { className: 'scim-actions' },
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, t('cancel'))),
      ],
    };
  }

  async opened() {
    this.#say(t('findingWays'), { busy: true });
    try {
      this.#factors = await this.#api.myFactors();
    } catch (error) {
      this.#say('');
      this.#failure.textContent = t('waysUnreadable', { reason: problemSentence(error) });
      return;
    }
    if (!this.isConnected) {
      return;
    }
    this.#say('');
    this.#offerWays();
  }

  closing(approvedId) {
    this.#following?.abort();
    this.#passkeyPrompt?.abort();
    this.#channel?.close();
    this.#countDown.stop();
    this.#email = null;
    for (const id of this.#pending) {
      if (id !== approvedId) {
        this.#cancel(id);
      }
    }
  }

  get #api() {
    return this.context.api;
  }

  /** The ways the caller has, strongest first; the phone is asked at once. */
  #offerWays() {
    const { devices = [], passkeys = [], totp = null, recoveryCodes = null } = this.#factors;
    const emailActions = this.context.emailActions ?? EMAIL_ACTIONS;
    const ways = [];
    if (passkeys.length > 0) {
      const obstacle = passkeyObstacle();
      ways.push(h('div', { className: 'scim-way' }, obstacle
        ? h('p', { className: 'scim-note' }, t('passkeyUnusableHere'), ' ',
          problemSentence(obstacle))
        : h('p', {}, this.#passkeyButton)));
    }
    if (devices.length > 0) {
      ways.push(h('div', { className: 'scim-way' }, this.#challenge, this.#countDown,
        h('div', { className: 'scim-actions' }, this.#tryAgain)));
    }
    if (totp) {
      ways.push(h('form', { className: 'scim-code-form scim-way', noValidate: true,
        onsubmit: (event) => this.#submitTotp(event) }, this.#totpCode.root,
      h('button', { type: 'submit' }, t('verifyCode'))));
    }
    if (this.action === 'manage_factors' && recoveryCodes?.remaining > 0) {
      this.#recoveryForm = h('form', { className: 'scim-code-form', noValidate: true, hidden: true,
        onsubmit: (event) => this.#submitRecoveryCode(event) }, this.#recoveryCode.root,
      h('button', { type: 'submit' }, t('verifyRecoveryCode')));
      ways.push(h('div', { className: 'scim-way' }, h('p', {}, h('button', {
        type: 'button', className: 'scim-secondary', onclick: (event) => this.#showForm(event, this.#recoveryForm,
          this.#recoveryCode),
      }, t('useRecoveryCode'))), this.#recoveryForm));
    }
    if (this.context.email && emailActions.includes(this.action)) {
      this.#emailForm = h('form', { className: 'scim-code-form', noValidate: true, hidden: true,
        onsubmit: (event) => this.#submitEmailCode(event) }, this.#emailCode.root,
      h('button', { type: 'submit' }, t('verifyEmailCode')));
      ways.push(h('div', { className: 'scim-way' }, h('p', {}, h('button', {
        type: 'button', className: 'scim-secondary', onclick: () => this.#start('email'),
      }, t('emailMeACode'))), this.#emailForm));
    }
    const purpose = t(PURPOSES[this.action]);
    if (ways.length === 0) {
      this.#intro.textContent = t('noWayToConfirm', { purpose });
      return;
    }
    if (devices.length > 0) {
      this.#intro.textContent = t(ways.length > 1 ? 'approveOnPhoneOrAnotherWay' : 'approveOnPhone', { purpose });
    } else {
      this.#intro.textContent = t(ways.length > 1 ? 'confirmInOneOfTheseWays' : 'confirmThisWay', { purpose });
    }
    this.#ways.replaceChildren(...ways.flatMap((way, index) => (index === 1
      ? [h('h3', { className: 'scim-subheading' }, t('otherWays')), way] : [way])));
    if (devices.length > 0) {
      this.#start('push');
    }
  }

  #showForm(event, form, codeInput) {
    event.currentTarget.closest('p').hidden = true;
    form.hidden = false;
    codeInput.control.focus();
  }

  /** Starts a verification by push or email; the one followed so far stays until the new one has started. */
  async #start(method) {
    this.#tryAgain.hidden = true;
    this.#failure.replaceChildren();
    const waiting = this.#progress.textContent;
    const wasBusy = !this.#busy.hidden;
    this.#say(method === 'push' ? t('sendingToPhone') : t('sendingEmail'), { busy: true });
    let verification;
    try {
      verification = await this.#begin(method);
    } catch (error) {
      if (this.#following) {
        this.#say(waiting, { busy: wasBusy });
        this.#failure.textContent = problemSentence(error, { method });
      } else {
        // Pushes paused after a report stay paused for minutes: trying again at once would only be refused again.
        this.#ended(problemSentence(error, { method }), method === 'push'
          && !['method_not_enrolled', 'push_blocked'].includes(error.code));
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
      this.#say(t('waitingForPhone'), { busy: true });
      this.#showPhones();
      this.#countDown.hidden = false;
      this.#countDown.start((Date.parse(verification.expiresAt) - Date.parse(verification.createdAt)) / 1000);
    } else {
      this.#awaitEmail(verification);
    }
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

  /**
   * The email is on its way: the code can be typed here, or the email's link opened in this browser hands it over
   * (the completion secret stays in this dialog's memory only).
   */
  #awaitEmail(verification) {
    this.#email = { id: verification.id, completionSecret: verification.completionSecret };
    this.#say(t('emailSent', { email: this.context.email }), { busy: true });
    this.#emailForm.hidden = false;
    this.#emailCode.clearError();
    this.#emailCode.control.value = '';
    if (!this.#channel) {
      this.#channel = openConfirmChannel();
      this.#channel?.addEventListener('message', (event) => this.#handedOver(event.data));
    }
  }

  /** The email's confirm page, open in this browser, hands over the code of the verification this dialog waits for. */
  async #handedOver(message) {
    if (message?.type !== 'code' || !this.#email || message.verification !== this.#email.id) {
      return;
    }
    const { verification } = message;
    this.#channel.postMessage({ type: 'claimed', verification });
    const failure = await this.#completeEmail(String(message.code ?? ''));
    this.#channel?.postMessage(failure === null ? { type: 'completed', verification }
      : { type: 'failed', verification, sentence: failure });
  }

  async #showPhones() {
    try {
      const devices = await this.#api.myDevices();
      this.#phones.textContent = t('sentTo', { phones: names.format(devices.items.map((device) => device.name)) });
    } catch {
      this.#phones.textContent = t('sentToYourPhones');
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
    if (verification.id === this.#email?.id) {
      this.#email = null;
      this.#emailForm.hidden = true;
    }
    // A report pauses pushes for a while: no "Try again" that would only be refused.
    this.#ended(outcomeSentence(verification), verification.method === 'push'
      && verification.reason !== 'reported_suspicious');
  }

  #ended(sentence, canTryAgain) {
    this.#countDown.stop();
    this.#countDown.hidden = true;
    this.#challenge.hidden = true;
    this.#say('');
    this.#failure.textContent = sentence;
    this.#tryAgain.hidden = !canTryAgain;
  }

  #retry() {
    this.focusHeading();
    this.#start(this.#method);
  }

  #submitTotp(event) {
    event.preventDefault();
    const code = this.#totpCode.control.value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      this.#totpCode.showError(t('enterAuthenticatorCode'));
      return;
    }
    this.#submitCode('totp', this.#totpCode, code);
  }

  #submitRecoveryCode(event) {
    event.preventDefault();
    const code = this.#recoveryCode.control.value.trim();
    if (!code || code.length > 64) {
      this.#recoveryCode.showError(t('enterRecoveryCode'));
      return;
    }
    this.#submitCode('recovery_code', this.#recoveryCode, code);
  }

  /** Starts a code verification of the method (or reuses the pending one while attempts are left) and answers it. */
  async #submitCode(method, input, code) {
    input.clearError();
    try {
      if (!this.#codeVerifications.has(method)) {
        this.#codeVerifications.set(method, await this.#begin(method));
      }
      this.#settled(await this.#api.submitCode(this.context.workspaceId, this.#codeVerifications.get(method).id,
        code));
    } catch (error) {
      if (!(error.code === 'invalid_code' && error.attemptsRemaining > 0) && error.code !== 'code_already_used') {
        this.#codeVerifications.delete(method);
      }
      input.showError(problemSentence(error, { method }));
    }
  }

  async #submitEmailCode(event) {
    event.preventDefault();
    const code = this.#emailCode.control.value.replace(/\s/g, '');
    if (!/^\d{8}$/.test(code)) {
      this.#emailCode.showError(t('enterEmailCode'));
      return;
    }
    const failure = await this.#completeEmail(code);
    if (failure !== null) {
      this.#emailCode.showError(failure);
    }
  }

  /** Completes the pending email verification with its code; answers null, or the sentence why it did not. */
  async #completeEmail(code) {
    const email = this.#email;
    if (!email) {
      return t('problemVerificationNotPending');
    }
    this.#emailCode.clearError();
    try {
      this.#settled(await this.#api.submitCode(this.context.workspaceId, email.id, code, email.completionSecret));
      return null;
    } catch (error) {
      return problemSentence(error, { method: 'email' });
    }
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
    const wasBusy = !this.#busy.hidden;
    this.#failure.replaceChildren();
    this.#say(t('waitingForPasskey'), { busy: true });
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
        this.#say(problemSentence(error), { busy: wasBusy });
        return;
      }
      // A refusal by the service ends this verification unless attempts are left; the browser's refusals spend nothing.
      if (error.status !== undefined && !(error.code === 'invalid_assertion' && error.attemptsRemaining > 0)) {
        this.#passkey = null;
      }
      this.#say(waiting, { busy: wasBusy });
      this.#failure.textContent = problemSentence(error, { method: 'passkey' });
    } finally {
      this.#passkeyPrompt = null;
    }
  }

  /** What the dialog is doing now, with the busy indicator while it waits. */
  #say(text, { busy = false } = {}) {
    this.#progress.textContent = text;
    this.#busy.hidden = !busy;
  }

  #abandonFollowed() {
    this.#following?.abort();
    this.#following = null;
    if (this.#pending.has(this.#followed)) {
      this.#cancel(this.#followed);
    }
    if (this.#followed === this.#email?.id) {
      this.#email = null;
    }
  }

  #cancel(id) {
    this.#pending.delete(id);
    this.#api.cancelVerification(this.context.workspaceId, id).catch(() => {});
  }
}

customElements.define('scim-step-up-dialog', StepUpDialog);

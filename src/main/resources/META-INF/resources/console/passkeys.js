import { field, h, liveRegion, uid } from './dom.js';
import { formatDateTime, problemSentence, t } from './messages.js';
import { ask } from './modal.js';
import { createPasskey, passkeyObstacle } from './webauthn.js';
import './step-up-dialog.js';

/** Problems after which a kept approval is of no more use: the next try asks for a new one. */
const APPROVAL_UNUSABLE = new Set(['verification_required', 'verification_already_used', 'verification_expired',
  'verification_not_pending']);
/** What the person chose not to do: said calmly, as a status and not an alert. */
const CALM = new Set(['passkey_not_created']);

/**
 * <scim-passkeys>: "Passkeys", a part of "Sign-in methods". The caller's passkeys with Remove, and "Add a passkey", which has the browser
 * make one (navigator.credentials.create) and registers it. A passkey next to another factor (a phone, a passkey,
 * an authenticator app), and every removal, take an approved "manage_factors" verification: the Confirm dialog asks
 * for it first. A closed browser prompt spends nothing; the approval is kept for the next try. Where passkeys cannot
 * work (an IP address), it says why instead of offering to add one. It reports every change it made or attempted in
 * a bubbling "scim-passkeys-changed" event.
 *
 * Set before connecting: context = {api, workspaceId, email}.
 */
class Passkeys extends HTMLElement {
  context;

  #heading = h('h4', { id: uid('scim-passkeys'), tabIndex: -1 }, t('passkeys'));
  #list = h('ul', { className: 'scim-passkey-list' });
  #none = h('p', { hidden: true }, t('noPasskeys'));
  #name = field({
    label: t('passkeyName'),
    hint: t('passkeyNameHint'),
    control: h('input', { type: 'text', maxLength: 100, autocomplete: 'off', spellcheck: false }),
  });
  #status = liveRegion();
  #failure = liveRegion({ assertive: true });
  #items = [];
  #approval = null;
  #busy = false;

  connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    const obstacle = passkeyObstacle();
    this.append(h('section', { className: 'scim-method', 'aria-labelledby': this.#heading.id },
      this.#heading,
      h('p', {}, t('passkeysIntro')),
      this.#list,
      this.#none,
      obstacle
        ? h('p', { className: 'scim-note' }, problemSentence(obstacle))
        : h('form', { className: 'scim-passkey-form', noValidate: true, onsubmit: (event) => this.#add(event) },
          this.#name.root, h('button', { type: 'submit' }, t('addPasskey'))),
      this.#status,
      this.#failure));
    this.reload();
  }

  /** Lists the caller's passkeys again. */
  async reload() {
    try {
      this.#items = (await this.context.api.myPasskeys()).items;
    } catch (error) {
      this.#failure.textContent = t('passkeysUnreadable', { reason: problemSentence(error) });
      return;
    }
    this.#list.replaceChildren(...this.#items.map((passkey) => this.#item(passkey)));
    this.#list.hidden = this.#items.length === 0;
    this.#none.hidden = this.#items.length > 0;
  }

  #item(passkey) {
    const used = passkey.lastUsedAt ? t('lastUsed', { when: formatDateTime(passkey.lastUsedAt) }) : t('notUsedYet');
    return h('li', {},
      h('span', {},
        h('strong', {}, passkey.name),
        h('span', { className: 'scim-note' }, ` ${t('addedWhen', { when: formatDateTime(passkey.createdAt), used })}`)),
      h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#remove(passkey) },
        t('remove'), h('span', { className: 'scim-visually-hidden' }, ` ${passkey.name}`)));
  }

  async #add(event) {
    event.preventDefault();
    if (this.#busy) {
      return;
    }
    this.#clearMessages();
    const name = this.#name.control.value.trim();
    if (!name) {
      this.#name.showError(t('enterPasskeyName'));
      this.#name.control.focus();
      return;
    }
    this.#name.clearError();
    this.#busy = true;
    try {
      const added = await this.#register(name);
      if (added) {
        this.#name.control.value = '';
        this.#status.textContent = t('passkeyAdded', { name: added.name });
      } else {
        this.#status.textContent = t('noPasskeyAdded');
      }
    } catch (error) {
      this.#failed(error);
    } finally {
      this.#busy = false;
      await this.reload();
      this.#changed();
    }
  }

  /**
   * The registered passkey, or null when the person did not confirm. The console cannot see an authenticator app,
   * so a "step_up_required" after the browser made the passkey asks for the confirmation and makes it again (the
   * device replaces the passkey it made for the same account).
   */
  async #register(name) {
    if (!this.#approval && await this.#hasFactor()) {
      this.#approval = await this.#confirm();
      if (!this.#approval) {
        return null;
      }
    }
    try {
      return await this.#createAndRegister(name);
    } catch (error) {
      if (error.code !== 'step_up_required' || this.#approval) {
        throw error;
      }
    }
    this.#status.textContent = t('confirmThenMakePasskeyAgain');
    this.#approval = await this.#confirm();
    return this.#approval ? this.#createAndRegister(name) : null;
  }

  async #createAndRegister(name) {
    const options = await this.context.api.passkeyOptions();
    this.#status.textContent = t('followBrowserPrompt');
    const credential = await createPasskey(options);
    const added = await this.context.api.registerPasskey(name, credential, this.#approval);
    this.#approval = null;
    return added;
  }

  async #hasFactor() {
    const { devices, totp, passkeys } = await this.context.api.myFactors();
    return devices.length > 0 || Boolean(totp) || passkeys.length > 0;
  }

  async #remove(passkey) {
    if (this.#busy) {
      return;
    }
    this.#clearMessages();
    this.#busy = true;
    const verificationId = await this.#confirm();
    try {
      if (verificationId) {
        await this.context.api.removePasskey(passkey.id, verificationId);
        this.#status.textContent = t('passkeyRemoved', { name: passkey.name });
      }
    } catch (error) {
      this.#failed(error);
    } finally {
      this.#busy = false;
    }
    if (verificationId) {
      await this.reload();
      // The Remove button that had the focus is gone: the list's heading takes it.
      if (!this.contains(document.activeElement)) {
        this.#heading.focus();
      }
    }
    this.#changed();
  }

  /** The id of an approved manage_factors verification, or null. */
  #confirm() {
    return ask(this, Object.assign(document.createElement('scim-step-up-dialog'), {
      context: this.context, action: 'manage_factors',
    }));
  }

  #failed(error) {
    if (APPROVAL_UNUSABLE.has(error.code)) {
      this.#approval = null;
    }
    this.#status.replaceChildren();
    (CALM.has(error.code) ? this.#status : this.#failure).textContent = problemSentence(error);
  }

  #clearMessages() {
    this.#status.replaceChildren();
    this.#failure.replaceChildren();
  }

  #changed() {
    this.dispatchEvent(new CustomEvent('scim-passkeys-changed', { bubbles: true }));
  }
}

customElements.define('scim-passkeys', Passkeys);

import { field, h, liveRegion, uid } from './dom.js';
import { formatDateTime, problemSentence, t } from './messages.js';
import { ask, ModalElement } from './modal.js';
import './passkeys.js';
import './step-up-dialog.js';

const RECOVERY_FILE = 'scim-token-recovery-codes.txt';

/** The person closed "Confirm your identity to continue": nothing was changed, nothing is said. */
const CANCELLED = Symbol('cancelled');

/**
 * <scim-recovery-codes-dialog>: "Save your recovery codes". The ten new codes, shown this once, with Copy and
 * Download (a file made in the browser from memory; nothing is stored). Closing it drops them from the page.
 *
 * Set before connecting: codes.
 */
class RecoveryCodesDialog extends ModalElement {
  codes = [];

  #list = h('ol', { className: 'scim-recovery-codes' });
  #status = liveRegion();

  render() {
    this.#list.append(...this.codes.map((code) => h('li', {}, h('code', {}, code))));
    return {
      heading: t('saveRecoveryCodes'),
      content: [
        h('p', {}, t('saveRecoveryCodesIntro')),
        this.#list,
        h('div', { className: 'scim-actions' },
          h('button', { type: 'button', onclick: () => this.#copy() }, t('copy')),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#download() }, t('download')),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, t('close'))),
        this.#status,
      ],
    };
  }

  closing() {
    this.codes = [];
    this.#list.replaceChildren();
  }

  #text() {
    return `${t('recoveryCodesFileHeading', { host: window.location.host })}\n\n${this.codes.join('\n')}\n`;
  }

  async #copy() {
    this.#status.textContent = '';
    try {
      await navigator.clipboard.writeText(this.#text());
      this.#status.textContent = t('copied');
    } catch {
      this.#status.textContent = t('copyCodesNotAllowed');
    }
  }

  /** A text file made from memory: an object URL that lives only for the click. */
  #download() {
    const url = URL.createObjectURL(new Blob([this.#text()], { type: 'text/plain' }));
    const link = h('a', { href: url, download: RECOVERY_FILE, hidden: true });
    this.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.#status.textContent = t('downloadedAs', { file: RECOVERY_FILE });
  }
}

customElements.define('scim-recovery-codes-dialog', RecoveryCodesDialog);

/**
 * <scim-sign-in-methods>: "Sign-in methods", the ways the caller confirms it is them, from GET /me/factors: their
 * phones with Remove; the authenticator app, set up with a QR code the service draws and "Turn on", or removed;
 * their passkeys (<scim-passkeys>); and recovery codes, generated and shown once, then counted. Every change next to
 * another factor, and every removal, takes an approved "manage_factors" verification from "Confirm your identity to
 * continue" first; a first factor goes without (the service asks for a fresh sign-in instead). It reports every
 * change in a bubbling "scim-factors-changed" event.
 *
 * Set before connecting: context = {api, workspaceId, email, emailActions?}.
 */
class SignInMethods extends HTMLElement {
  context;

  #factors = { devices: [], totp: null, passkeys: [], recoveryCodes: null };
  #heading = h('h3', { id: uid('scim-sign-in-methods'), className: 'scim-subheading', tabIndex: -1 },
    t('signInMethods'));
  #phonesHeading = h('h4', { id: uid('scim-phones'), tabIndex: -1 }, t('phones'));
  #phones = h('ul', { className: 'scim-passkey-list' });
  #noPhones = h('p', { hidden: true }, t('noPhones'));
  #totpHeading = h('h4', { id: uid('scim-totp'), tabIndex: -1 }, t('authenticatorApp'));
  #totp = h('div');
  #passkeys = h('scim-passkeys');
  #recoveryHeading = h('h4', { id: uid('scim-recovery'), tabIndex: -1 }, t('recoveryCodes'));
  #recovery = h('div');
  #status = liveRegion();
  #failure = liveRegion({ assertive: true });
  #busy = false;

  connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    this.#passkeys.context = this.context;
    this.#passkeys.addEventListener('scim-passkeys-changed', () => this.reload());
    const part = (heading, ...content) => h('section', { className: 'scim-method', 'aria-labelledby': heading.id },
      heading, ...content);
    this.append(h('section', { className: 'scim-sign-in-methods', 'aria-labelledby': this.#heading.id,
      'aria-busy': 'true' },
      this.#heading,
      h('p', {}, t('signInMethodsIntro')),
      this.#status,
      this.#failure,
      part(this.#phonesHeading, this.#phones, this.#noPhones),
      part(this.#totpHeading, this.#totp),
      this.#passkeys,
      part(this.#recoveryHeading, this.#recovery)));
    this.reload();
  }

  /** Reads the caller's factors again and shows them. */
  async reload() {
    const section = this.firstElementChild;
    section.setAttribute('aria-busy', 'true');
    try {
      this.#factors = await this.context.api.myFactors();
    } catch (error) {
      this.#failure.textContent = t('signInMethodsUnreadable', { reason: problemSentence(error) });
      return;
    } finally {
      section.setAttribute('aria-busy', 'false');
    }
    const { devices } = this.#factors;
    this.#phones.replaceChildren(...devices.map((device) => this.#phone(device)));
    this.#phones.hidden = devices.length === 0;
    this.#noPhones.hidden = devices.length > 0;
    if (!this.#totp.querySelector('form')) {
      this.#showTotp();
    }
    this.#showRecovery();
  }

  get #hasFactor() {
    const { devices, totp, passkeys } = this.#factors;
    return devices.length > 0 || Boolean(totp) || passkeys.length > 0;
  }

  // ---- Phones --------------------------------------------------------------------------------------------------

  #phone(device) {
    const used = device.lastUsedAt ? t('lastUsed', { when: formatDateTime(device.lastUsedAt) }) : t('notUsedYet');
    return h('li', {},
      h('span', {},
        h('strong', {}, device.name),
        h('span', { className: 'scim-note' }, ` ${t('addedWhen', { when: formatDateTime(device.createdAt), used })}`)),
      h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#removePhone(device) },
        t('remove'), h('span', { className: 'scim-visually-hidden' }, ` ${device.name}`)));
  }

  #removePhone(device) {
    return this.#change(this.#phonesHeading, true, async (verificationId) => {
      await this.context.api.removeDevice(device.id, verificationId);
      return t('phoneRemoved', { name: device.name });
    });
  }

  // ---- Authenticator app ---------------------------------------------------------------------------------------

  #showTotp() {
    const { totp } = this.#factors;
    this.#totp.replaceChildren(totp
      ? h('div', {},
        h('p', {}, t('authenticatorOnSince', { when: formatDateTime(totp.confirmedAt) })),
        h('p', {}, h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#removeTotp() },
          t('removeAuthenticatorApp'))))
      : h('div', {},
        h('p', {}, t('authenticatorAppIntro')),
        h('p', {}, h('button', { type: 'button', onclick: () => this.#setUpTotp() }, t('setUpAuthenticatorApp')))));
  }

  #setUpTotp() {
    return this.#change(this.#totpHeading, this.#hasFactor, async (verificationId) => {
      const enrollment = await this.context.api.enrollTotp(verificationId);
      this.#showTotpEnrollment(enrollment);
      return t('scanQrCode');
    }, { reload: false });
  }

  /** The QR code and the secret, once; "Turn on" proves the app works with its first code. */
  #showTotpEnrollment(enrollment) {
    const code = field({
      label: t('authenticatorCode'),
      hint: t('authenticatorSetupHint'),
      control: h('input', { type: 'text', inputMode: 'numeric', autocomplete: 'one-time-code', spellcheck: false }),
    });
    const secret = h('code', { className: 'scim-secret' }, enrollment.secret.replace(/(.{4})(?=.)/g, '$1 '));
    this.#totp.replaceChildren(h('form', { className: 'scim-totp-setup', noValidate: true,
      onsubmit: (event) => this.#turnOnTotp(event, code) },
    h('img', { src: enrollment.qrCode, alt: t('qrCodeAlt'), className: 'scim-qr-code',
      width: 200, height: 200 }),
    h('p', {}, t('typeKeyInstead'), ' ', secret),
    code.root,
    h('div', { className: 'scim-actions' },
      h('button', { type: 'submit' }, t('turnOn')),
      h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#cancelTotpSetup() },
        t('cancelSetup')))));
    code.control.focus();
  }

  #cancelTotpSetup() {
    this.#clearMessages();
    this.#showTotp();
    this.#totpHeading.focus();
  }

  async #turnOnTotp(event, code) {
    event.preventDefault();
    const typed = code.control.value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed)) {
      code.showError(t('enterAuthenticatorCode'));
      code.control.focus();
      return;
    }
    code.clearError();
    if (this.#busy) {
      return;
    }
    this.#busy = true;
    this.#clearMessages();
    try {
      // The proof given when the setup started is kept with it; a first factor that is no longer the first asks.
      const confirmed = await this.#withApproval(false, (verificationId) => this.context.api.confirmTotp(typed,
        verificationId));
      if (confirmed !== CANCELLED) {
        this.#status.textContent = t('authenticatorTurnedOn');
        await this.reload();
        this.#showTotp();
        this.#totpHeading.focus();
        this.#changed();
      }
    } catch (error) {
      if (error.code === 'enrollment_expired') {
        this.#showTotp();
        this.#failure.textContent = problemSentence(error);
      } else {
        code.showError(problemSentence(error, { method: 'totp' }));
        code.control.focus();
      }
    } finally {
      this.#busy = false;
    }
  }

  #removeTotp() {
    return this.#change(this.#totpHeading, true, async (verificationId) => {
      await this.context.api.removeTotp(verificationId);
      return t('authenticatorRemoved');
    });
  }

  // ---- Recovery codes ------------------------------------------------------------------------------------------

  #showRecovery() {
    const { recoveryCodes } = this.#factors;
    const left = recoveryCodes
      ? h('p', {}, h('strong', {}, t('recoveryCodesLeft', { count: recoveryCodes.remaining })),
        recoveryCodes.createdAt ? ` ${t('recoveryCodesMade', { when: formatDateTime(recoveryCodes.createdAt) })}` : '.')
      : h('p', {}, t('recoveryCodesIntro'));
    this.#recovery.replaceChildren(left, this.#hasFactor
      ? h('p', {}, h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#generateCodes() },
        recoveryCodes ? t('generateNewRecoveryCodes') : t('generateRecoveryCodes')))
      : h('p', { className: 'scim-note' }, problemSentence({ code: 'no_factor' })));
  }

  #generateCodes() {
    return this.#change(this.#recoveryHeading, true, async (verificationId) => {
      const { codes } = await this.context.api.generateRecoveryCodes(verificationId);
      await ask(this, Object.assign(document.createElement('scim-recovery-codes-dialog'), { codes }));
      return t('recoveryCodesGenerated', { count: codes.length });
    });
  }

  // ---- Changes -------------------------------------------------------------------------------------------------

  /**
   * One factor change: asks for "Confirm your identity to continue" first when needsApproval, makes the change,
   * says what happened, lists the factors again and gives the focus to the part's heading.
   */
  async #change(heading, needsApproval, makeChange, { reload = true } = {}) {
    if (this.#busy) {
      return;
    }
    this.#busy = true;
    this.#clearMessages();
    try {
      const sentence = await this.#withApproval(needsApproval, makeChange);
      if (sentence !== CANCELLED) {
        this.#status.textContent = sentence;
        if (reload) {
          await this.reload();
          heading.focus();
        }
        this.#changed();
      }
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
      if (reload) {
        await this.reload();
      }
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Runs makeChange(verificationId): with an approval first when needsApproval, and once more with one when the
   * service answers step_up_required (a factor appeared meanwhile). CANCELLED when the person closed the dialog.
   */
  async #withApproval(needsApproval, makeChange) {
    let approval = null;
    if (needsApproval) {
      approval = await this.#confirm();
      if (!approval) {
        return CANCELLED;
      }
    }
    try {
      return await makeChange(approval ?? undefined);
    } catch (error) {
      if (error.code !== 'step_up_required' || approval) {
        throw error;
      }
    }
    this.#status.textContent = problemSentence({ code: 'step_up_required' });
    approval = await this.#confirm();
    return approval ? makeChange(approval) : CANCELLED;
  }

  /** The id of an approved manage_factors verification, or null. */
  #confirm() {
    return ask(this, Object.assign(document.createElement('scim-step-up-dialog'), {
      context: this.context, action: 'manage_factors',
    }));
  }

  #clearMessages() {
    this.#status.replaceChildren();
    this.#failure.replaceChildren();
  }

  #changed() {
    this.dispatchEvent(new CustomEvent('scim-factors-changed', { bubbles: true }));
  }
}

customElements.define('scim-sign-in-methods', SignInMethods);

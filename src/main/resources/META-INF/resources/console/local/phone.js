import { field, h, liveRegion, uid } from '../dom.js';
import { problemSentence } from '../messages.js';
import { ask } from '../modal.js';
import '../step-up-dialog.js';
import { forgetDevice, loadDevice, newKeyPair, saveDevice, signDecision } from './phone-key.js';

const POLL_MILLISECONDS = 1000;
const ACTIONS = {
  reveal: 'View the SCIM token',
  rotate: 'Rotate the SCIM token',
  revoke: 'Revoke the SCIM token',
  manage_factors: 'Change how you confirm it is you',
};
const DECIDED = {
  approved: 'Approved. The web page continues.',
  user_denied: 'Denied.',
  number_mismatch: 'The number did not match, so the request was denied.',
  reported_suspicious: 'Reported as suspicious. Requests to your phone are paused for a while.',
};
const BROWSERS = [['Edg/', 'Edge'], ['OPR/', 'Opera'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'],
  ['Safari/', 'Safari']];
const SYSTEMS = [['Windows', 'Windows'], ['Android', 'Android'], ['iPhone', 'iOS'], ['iPad', 'iPadOS'],
  ['Mac OS X', 'macOS'], ['CrOS', 'ChromeOS'], ['Linux', 'Linux']];
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });

/** "Chrome on Linux": enough of a User-Agent to recognise one's own browser. */
function browserOf(userAgent = '') {
  const name = (list, fallback) => list.find(([token]) => userAgent.includes(token))?.[1] ?? fallback;
  return `${name(BROWSERS, 'an unknown browser')} on ${name(SYSTEMS, 'an unknown system')}`;
}

/**
 * <scim-phone>: this browser tab as the signed-in user's phone. "Enroll this browser as a phone" makes a key pair
 * and enrolls its public key; then the pending verifications appear with what is asked and from where, and
 * Approve (with the number the web page shows), Deny or Report suspicious answer each with a signed decision.
 *
 * Set before connecting: context = {api, userId, workspaceId, email}: the workspace and address of the session, for
 * the confirmation a further factor takes.
 */
class Phone extends HTMLElement {
  context;

  #device = null;
  #enrollment = h('div');
  #requestsHeading = h('h2', { id: uid('scim-requests'), tabIndex: -1 }, 'Requests waiting for you');
  #requests = h('ul', { className: 'scim-requests' });
  #shown = new Map();
  #none = h('p', {}, 'No requests are waiting.');
  #status = liveRegion();
  #failure = liveRegion({ assertive: true });
  #polling = null;

  async connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    this.append(
      h('section', { 'aria-label': 'This phone' }, this.#enrollment),
      this.#status,
      this.#failure,
      h('section', { 'aria-labelledby': this.#requestsHeading.id, hidden: true }, this.#requestsHeading,
        this.#none, this.#requests),
    );
    try {
      this.#device = await this.#enrolledDevice();
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
    this.#showEnrollment();
  }

  disconnectedCallback() {
    clearTimeout(this.#polling);
  }

  /** The device kept for this user, if the service still knows it (a fresh local database has forgotten it). */
  async #enrolledDevice() {
    const device = await loadDevice(this.context.userId);
    if (!device) {
      return null;
    }
    const { items } = await this.context.api.myDevices();
    if (items.some((known) => known.id === device.deviceId)) {
      return device;
    }
    await forgetDevice(this.context.userId);
    return null;
  }

  #showEnrollment() {
    if (this.#device) {
      this.#enrollment.replaceChildren(h('p', {}, `This browser is enrolled as your phone "${this.#device.name}". `
        + 'Keep this tab open to answer requests.'));
      this.#requestsHeading.parentElement.hidden = false;
      this.#poll();
      return;
    }
    const name = field({
      label: 'Phone name', hint: 'How the web page names this phone when it sends a request.',
      control: h('input', { type: 'text', value: 'Browser phone', autocomplete: 'off' }),
    });
    this.#enrollment.replaceChildren(h('form', { noValidate: true, onsubmit: (event) => this.#enroll(event, name) },
      h('p', {}, 'This tab can be your phone: it makes a key pair whose private key never leaves this browser, and '
        + 'signs your answers with it.'),
      name.root,
      h('button', { type: 'submit' }, 'Enroll this browser as a phone')));
  }

  /**
   * Enrolls this browser. A user who already has a factor (another phone, an authenticator app, a passkey, recovery
   * codes) confirms it is them with it first, in "Confirm your identity to continue"; so does one whose first factor
   * appeared meanwhile (the service answers step_up_required).
   */
  async #enroll(event, name) {
    event.preventDefault();
    this.#status.replaceChildren();
    this.#failure.replaceChildren();
    try {
      const { privateKey, publicJwk } = await newKeyPair();
      const enroll = (verificationId) => this.context.api.enrollDevice(name.control.value.trim() || 'Browser phone',
        publicJwk, verificationId);
      let approval = await this.#hasFactor() ? await this.#confirm() : undefined;
      if (approval === null) {
        this.#status.textContent = 'This browser was not enrolled.';
        return;
      }
      let device;
      try {
        device = await enroll(approval);
      } catch (error) {
        if (error.code !== 'step_up_required' || approval) {
          throw error;
        }
        approval = await this.#confirm();
        if (!approval) {
          this.#status.textContent = 'This browser was not enrolled.';
          return;
        }
        device = await enroll(approval);
      }
      this.#device = { deviceId: device.id, name: device.name, privateKey };
      await saveDevice(this.context.userId, this.#device);
      this.#status.textContent = 'This browser is now your phone.';
      this.#showEnrollment();
      this.#requestsHeading.focus();
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
  }

  async #hasFactor() {
    const { devices, totp, passkeys } = await this.context.api.myFactors();
    return devices.length > 0 || Boolean(totp) || passkeys.length > 0;
  }

  /** The id of an approved manage_factors verification, or null when the person cancelled. */
  #confirm() {
    const { api, workspaceId, email } = this.context;
    return ask(this, Object.assign(document.createElement('scim-step-up-dialog'), {
      context: { api, workspaceId, email }, action: 'manage_factors',
    }));
  }

  async #poll() {
    try {
      const { items } = await this.context.api.myPendingVerifications();
      this.#showRequests(items);
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
    if (this.isConnected) {
      this.#polling = setTimeout(() => this.#poll(), POLL_MILLISECONDS);
    }
  }

  /** Adds new requests and drops finished ones, leaving the others (and what is typed into them) alone. */
  #showRequests(verifications) {
    const waiting = new Set(verifications.map((verification) => verification.id));
    for (const [id, item] of this.#shown) {
      if (!waiting.has(id)) {
        this.#drop(id, item);
      }
    }
    for (const verification of verifications.filter(({ id }) => !this.#shown.has(id))) {
      const item = this.#request(verification);
      this.#shown.set(verification.id, item);
      this.#requests.append(item);
    }
    this.#none.hidden = this.#shown.size > 0;
  }

  #request(verification) {
    const heading = h('h3', { id: uid('scim-request') }, ACTIONS[verification.action] ?? verification.action);
    const number = field({
      label: 'Number',
      hint: 'The number the web page shows.',
      control: h('input', { type: 'text', inputMode: 'numeric', autocomplete: 'off' }),
    });
    const approve = (event) => {
      event.preventDefault();
      const typed = number.control.value.trim();
      if (!/^\d{2}$/.test(typed)) {
        number.showError('Type the two-digit number the web page shows.');
        number.control.focus();
        return;
      }
      this.#decide(verification, 'approve', Number(typed));
    };
    const decline = (decision) => this.#decide(verification, decision);
    const { ipAddress, userAgent } = verification.requester ?? {};
    return h('li', { className: 'scim-request' }, h('article', { 'aria-labelledby': heading.id },
      heading,
      h('p', {}, `Workspace ${verification.workspaceId}, asked from ${ipAddress ?? 'an unknown address'} with `
        + `${browserOf(userAgent)}. Expires at ${clock.format(new Date(verification.expiresAt))}.`),
      h('form', { noValidate: true, onsubmit: approve },
        number.root,
        h('div', { className: 'scim-actions' },
          h('button', { type: 'submit' }, 'Approve'),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => decline('deny') }, 'Deny'),
          h('button', { type: 'button', className: 'scim-warning', onclick: () => decline('report') },
            'Report suspicious')))));
  }

  async #decide(verification, decision, number) {
    this.#status.replaceChildren();
    this.#failure.replaceChildren();
    try {
      const assertion = await signDecision(this.#device, verification.id, decision, number);
      const answer = await this.context.api.decide(verification.id, assertion);
      this.#status.textContent = DECIDED[answer.reason ?? answer.status] ?? `The request is ${answer.status}.`;
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
    this.#drop(verification.id, this.#shown.get(verification.id));
  }

  #drop(id, item) {
    const hadFocus = item?.contains(document.activeElement);
    item?.remove();
    this.#shown.delete(id);
    this.#none.hidden = this.#shown.size > 0;
    if (hadFocus) {
      this.#requestsHeading.focus();
    }
  }
}

customElements.define('scim-phone', Phone);

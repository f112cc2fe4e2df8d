import { field, h, liveRegion, uid } from '../dom.js';
import { problemSentence, t } from '../messages.js';
import { ask } from '../modal.js';
import '../step-up-dialog.js';
import { forgetDevice, loadDevice, newKeyPair, saveDevice, signDecision } from './phone-key.js';

const POLL_MILLISECONDS = 1000;
const ACTIONS = {
  reveal: 'phonePageActionReveal',
  rotate: 'phonePageActionRotate',
  revoke: 'phonePageActionRevoke',
  manage_factors: 'phonePageActionManageFactors',
};
const DECIDED = {
  approved: 'phonePageDecidedApproved',
  user_denied: 'phonePageDecidedUserDenied',
  number_mismatch: 'phonePageDecidedNumberMismatch',
  reported_suspicious: 'phonePageDecidedReportedSuspicious',
};
const BROWSERS = [['Edg/', 'Edge'], ['OPR/', 'Opera'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'],
  ['Safari/', 'Safari']];
const SYSTEMS = [['Windows', 'Windows'], ['Android', 'Android'], ['iPhone', 'iOS'], ['iPad', 'iPadOS'],
  ['Mac OS X', 'macOS'], ['CrOS', 'ChromeOS'], ['Linux', 'Linux']];
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });

/** "Chrome on Linux": enough of a User-Agent to recognise one's own browser (product names are not translated). */
function browserOf(userAgent = '') {
  const name = (list, fallback) => list.find(([token]) => userAgent.includes(token))?.[1] ?? t(fallback);
  return t('phonePageBrowser', {
    browser: name(BROWSERS, 'phonePageUnknownBrowser'), system: name(SYSTEMS, 'phonePageUnknownSystem'),
  });
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
  #requestsHeading = h('h2', { id: uid('scim-requests'), tabIndex: -1 }, t('phonePageRequests'));
  #requests = h('ul', { className: 'scim-requests' });
  #shown = new Map();
  #none = h('p', {}, t('phonePageNoRequests'));
  #status = liveRegion();
  #failure = liveRegion({ assertive: true });
  #polling = null;

  async connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    this.append(
      h('section', { 'aria-label': t('phonePageSection') }, this.#enrollment),
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
      this.#enrollment.replaceChildren(h('p', {}, t('phonePageEnrolled', { name: this.#device.name })));
      this.#requestsHeading.parentElement.hidden = false;
      this.#poll();
      return;
    }
    const name = field({
      label: t('phonePageName'), hint: t('phonePageNameHint'),
      control: h('input', { type: 'text', value: t('phonePageDefaultName'), autocomplete: 'off' }),
    });
    this.#enrollment.replaceChildren(h('form', { noValidate: true, onsubmit: (event) => this.#enroll(event, name) },
      h('p', {}, t('phonePageIntro')),
      name.root,
      h('button', { type: 'submit' }, t('phonePageEnroll'))));
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
      const enroll = (verificationId) => this.context.api.enrollDevice(
        name.control.value.trim() || t('phonePageDefaultName'), publicJwk, verificationId);
      let approval = await this.#hasFactor() ? await this.#confirm() : undefined;
      if (approval === null) {
        this.#status.textContent = t('phonePageNotEnrolled');
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
          this.#status.textContent = t('phonePageNotEnrolled');
          return;
        }
        device = await enroll(approval);
      }
      this.#device = { deviceId: device.id, name: device.name, privateKey };
      await saveDevice(this.context.userId, this.#device);
      this.#status.textContent = t('phonePageEnrolledNow');
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
    const action = ACTIONS[verification.action];
    const heading = h('h3', { id: uid('scim-request') }, action ? t(action) : verification.action);
    const number = field({
      label: t('phonePageNumber'),
      hint: t('phonePageNumberHint'),
      control: h('input', { type: 'text', inputMode: 'numeric', autocomplete: 'off' }),
    });
    const approve = (event) => {
      event.preventDefault();
      const typed = number.control.value.trim();
      if (!/^\d{2}$/.test(typed)) {
        number.showError(t('phonePageNumberInvalid'));
        number.control.focus();
        return;
      }
      this.#decide(verification, 'approve', Number(typed));
    };
    const decline = (decision) => this.#decide(verification, decision);
    const { ipAddress, userAgent } = verification.requester ?? {};
    return h('li', { className: 'scim-request' }, h('article', { 'aria-labelledby': heading.id },
      heading,
      h('p', {}, t('phonePageRequester', {
        workspaceId: verification.workspaceId, address: ipAddress ?? t('phonePageUnknownAddress'),
        browser: browserOf(userAgent), expiresAt: clock.format(new Date(verification.expiresAt)),
      })),
      h('form', { noValidate: true, onsubmit: approve },
        number.root,
        h('div', { className: 'scim-actions' },
          h('button', { type: 'submit' }, t('phonePageApprove')),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => decline('deny') },
            t('phonePageDeny')),
          h('button', { type: 'button', className: 'scim-warning', onclick: () => decline('report') },
            t('phonePageReport'))))));
  }

  async #decide(verification, decision, number) {
    this.#status.replaceChildren();
    this.#failure.replaceChildren();
    try {
      const assertion = await signDecision(this.#device, verification.id, decision, number);
      const answer = await this.context.api.decide(verification.id, assertion);
      const decided = DECIDED[answer.reason ?? answer.status];
      this.#status.textContent = decided ? t(decided) : t('phonePageDecided', { status: answer.status });
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

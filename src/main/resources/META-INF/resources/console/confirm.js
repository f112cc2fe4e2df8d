import { createApi } from './api.js';
import { openConfirmChannel } from './confirm-channel.js';
import { h, liveRegion, uid } from './dom.js';
import { configureMessages, problemSentence, t } from './messages.js';

/** How long the confirm page waits for the window that asked to answer; the channel answers within milliseconds. */
const CLAIM_MILLISECONDS = 1500;
/** How long the window that asked may take to complete the verification once it answered. */
const COMPLETE_MILLISECONDS = 20000;
const LINK = /^#verification=([0-9a-fA-F-]{36})&code=(\d{8})$/;

/**
 * The email's link, {verification, code} or null, read from the address's fragment (which never reaches a server);
 * the fragment is removed from the address bar and the history at once, so the code does not stay on screen.
 */
export function takeConfirmLink(location = window.location) {
  const match = LINK.exec(location.hash);
  if (location.hash) {
    window.history.replaceState(null, '', location.pathname + location.search);
  }
  return match ? { verification: match[1].toLowerCase(), code: match[2] } : null;
}

function waitFor(channel, accept, milliseconds) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      channel?.removeEventListener('message', listener);
      resolve(null);
    }, milliseconds);
    function listener(event) {
      if (accept(event.data)) {
        clearTimeout(timer);
        channel.removeEventListener('message', listener);
        resolve(event.data);
      }
    }
    channel?.addEventListener('message', listener);
  });
}

/**
 * <scim-email-confirm>: the page an email's link opens. It never approves anything itself. In the browser that
 * asked, it hands the code to the console window whose "Confirm your identity to continue" waits for it (only that
 * window holds the verification's completion secret) and says when it is done. Anywhere else nobody answers: it shows
 * the code to type in the window that asked, and "This wasn't me", which denies the request with the user's session
 * and pauses email codes for 15 minutes.
 *
 * Set before connecting: link = {verification, code} (takeConfirmLink), and context = {api, signIn?}: signIn() answers
 * a promise of an api for the user when the page has no session of its own (local mode's sign-in form).
 */
class EmailConfirm extends HTMLElement {
  link;
  context;

  #heading = h('h2', { id: uid('scim-email-confirm'), tabIndex: -1 }, t('emailConfirmation'));
  #body = h('div');
  #status = liveRegion();
  #failure = liveRegion({ assertive: true });

  connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    this.append(h('section', { className: 'scim-email-confirm', 'aria-labelledby': this.#heading.id },
      this.#heading, this.#status, this.#failure, this.#body));
    if (!this.link) {
      this.#failure.textContent = t('linkIncomplete');
      return;
    }
    this.#handOver();
  }

  async #handOver() {
    const { verification, code } = this.link;
    this.#status.textContent = t('lookingForWindow');
    const channel = openConfirmChannel();
    const mine = (type) => (data) => data?.verification === verification && type.includes(data?.type);
    const claimed = waitFor(channel, mine(['claimed']), CLAIM_MILLISECONDS);
    channel?.postMessage({ type: 'code', verification, code });
    if (!await claimed) {
      channel?.close();
      this.#notHere();
      return;
    }
    this.#status.textContent = t('confirmingInWindow');
    const answer = await waitFor(channel, mine(['completed', 'failed']), COMPLETE_MILLISECONDS);
    channel.close();
    if (answer?.type === 'completed') {
      this.#status.textContent = t('confirmedInWindow');
    } else {
      this.#status.replaceChildren();
      this.#failure.textContent = answer?.sentence ?? t('windowDidNotAnswer');
      this.#notHere({ failed: true });
    }
  }

  /** No window of this browser asked: the code to type there, and "This wasn't me". */
  #notHere({ failed = false } = {}) {
    if (!failed) {
      this.#status.textContent = t('notAskedHere');
    }
    const code = h('output', { id: uid('scim-email-code'), className: 'scim-number' }, this.link.code);
    this.#body.replaceChildren(
      h('p', {}, h('label', { htmlFor: code.id }, t('typeCodeInWindow')), code),
      h('p', {}, t('notYouSaySo')),
      h('p', {}, h('button', { type: 'button', className: 'scim-warning', onclick: () => this.#report() },
        t('thisWasntMe'))));
  }

  async #report() {
    this.#failure.replaceChildren();
    try {
      const api = this.context.api ?? await this.context.signIn?.();
      if (!api) {
        this.#failure.textContent = t('signInToReport');
        return;
      }
      await api.reportEmailVerification(this.link.verification, this.link.code);
      this.#body.replaceChildren();
      this.#status.textContent = t('reportedThankYou');
      this.#heading.focus();
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
  }
}

customElements.define('scim-email-confirm', EmailConfirm);

/**
 * Mounts the confirm page into element: the link from this page's address (taken out of it at once), the user's
 * session from getAccessToken when the host has one, else signIn() (answers a promise of getAccessToken).
 */
export function mountConfirm(element, { getAccessToken, signIn, apiBaseUrl = new URL('/', import.meta.url).href,
  link = takeConfirmLink(), messages } = {}) {
  configureMessages(messages);
  const confirm = document.createElement('scim-email-confirm');
  confirm.link = link;
  confirm.context = {
    api: getAccessToken ? createApi({ baseUrl: apiBaseUrl, getAccessToken }) : null,
    signIn: signIn && (async () => {
      const signedIn = await signIn();
      return signedIn ? createApi({ baseUrl: apiBaseUrl, getAccessToken: signedIn }) : null;
    }),
  };
  element.replaceChildren(confirm);
  return { unmount: () => confirm.remove() };
}

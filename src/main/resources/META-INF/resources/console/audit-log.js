import { h, liveRegion, uid } from './dom.js';
import { formatDateTime, problemSentence } from './messages.js';

const EVENTS = {
  'verification.started': 'Verification started',
  'verification.start_refused': 'Verification refused',
  'verification.approved': 'Verification approved',
  'verification.denied': 'Verification denied',
  'verification.reported': 'Verification reported as suspicious',
  'verification.cancelled': 'Verification cancelled',
  'verification.expired': 'Verification expired',
  'verification.failed': 'Verification failed',
  'verification.code_failed': 'Wrong code entered',
  'verification.email_sent': 'Verification email sent',
  'verification.assertion_rejected': 'Phone decision rejected',
  'verification.passkey_failed': 'Passkey not accepted',
  'scim_token.created': 'Token created',
  'scim_token.revealed': 'Token viewed',
  'scim_token.reveal_refused': 'Token view refused',
  'scim_token.rotated': 'Token rotated',
  'scim_token.rotate_refused': 'Rotation refused',
  'scim_token.revoked': 'Token revoked',
  'scim_token.revoke_refused': 'Revocation refused',
  'device.enrolled': 'Phone enrolled',
  'device.removed': 'Phone removed',
  'totp.enrolled': 'Authenticator app set up',
  'totp.removed': 'Authenticator app removed',
  'totp.code_failed': 'Wrong authenticator code',
  'passkey.registered': 'Passkey added',
  'passkey.removed': 'Passkey removed',
  'passkey.counter_regressed': 'Passkey counter went backwards (a cloned passkey?)',
  'factor.change_refused': 'Sign-in factor change refused',
  'user.codes_locked': 'Codes locked after wrong attempts',
};

/**
 * <scim-audit-log>: the workspace's audit events, newest first, a page at a time ("Load more" follows the cursor).
 * Set before connecting: context = {api, workspaceId}.
 */
class AuditLog extends HTMLElement {
  context;

  #rows = h('tbody');
  #empty = h('p', { hidden: true }, 'No events yet.');
  #loadMore = h('button', { type: 'button', className: 'scim-secondary', hidden: true, onclick: () => this.#more() },
    'Load more');
  #failure = liveRegion({ assertive: true });
  #cursor = null;

  connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    const heading = h('h3', { id: uid('scim-audit-title'), className: 'scim-subheading' }, 'Audit log');
    this.append(h('section', { 'aria-labelledby': heading.id },
      heading,
      // On a narrow screen the table scrolls inside its own box, which takes the keyboard focus to be scrolled.
      h('div', { className: 'scim-table-scroll', tabIndex: 0, role: 'group', 'aria-labelledby': heading.id },
        h('table', { className: 'scim-table', 'aria-labelledby': heading.id },
          h('thead', {}, h('tr', {}, ['When', 'Event', 'Who', 'Details'].map((name) => h('th', { scope: 'col' },
            name)))),
          this.#rows)),
      this.#empty, this.#failure, this.#loadMore));
    this.#rows.setAttribute('aria-busy', 'true');
  }

  /** Shows the newest page again. */
  async reload() {
    this.#rows.replaceChildren();
    this.#cursor = null;
    await this.#more();
  }

  /** Adds the next page; the rows are marked busy while it loads. */
  async #more() {
    this.#rows.setAttribute('aria-busy', 'true');
    this.#failure.replaceChildren();
    try {
      const page = await this.context.api.auditEvents(this.context.workspaceId, this.#cursor);
      this.#rows.append(...page.items.map((event) => this.#row(event)));
      this.#cursor = page.nextCursor;
    } catch (error) {
      this.#failure.textContent = `The audit log could not be loaded. ${problemSentence(error)}`;
    }
    this.#empty.hidden = this.#rows.childElementCount > 0;
    this.#loadMore.hidden = !this.#cursor;
    this.#rows.setAttribute('aria-busy', 'false');
  }

  #row(event) {
    const details = Object.entries(event.details ?? {}).map(([name, value]) => `${name}: ${value}`).join(', ');
    return h('tr', {},
      h('td', {}, h('time', { dateTime: event.occurredAt }, formatDateTime(event.occurredAt))),
      h('td', {}, EVENTS[event.type] ?? event.type),
      h('td', {}, [event.actorId, event.ipAddress && ` from ${event.ipAddress}`].filter(Boolean).join('')),
      h('td', {}, details));
  }
}

customElements.define('scim-audit-log', AuditLog);

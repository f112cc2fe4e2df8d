import { field, h, liveRegion, uid } from './dom.js';
import { formatDateTime, problemSentence, t } from './messages.js';

/** The kinds "Show" filters by: the message key of the option and the event types it shows. */
const KINDS = [
  { value: 'all', label: 'auditShowAll', matches: () => true },
  { value: 'token', label: 'auditShowToken', matches: (type) => type.startsWith('scim_token.') },
  { value: 'verifications', label: 'auditShowVerifications',
    matches: (type) => type.startsWith('verification.') || type === 'user.codes_locked' },
  { value: 'sign-in-methods', label: 'auditShowSignInMethods',
    matches: (type) => /^(device|totp|passkey|factor|recovery_code|recovery_codes)\./.test(type) },
  { value: 'oauth-clients', label: 'auditShowOauthClients', matches: (type) => type.startsWith('oauth_client.') },
];
/** How many pages one "Load more" reads at most while it looks for events of the chosen kind. */
const PAGES_PER_LOAD = 10;
const PAGE_GOAL = 20;

/** "audit" + the event type in camelCase: "scim_token.revealed" is auditScimTokenRevealed. */
function eventKey(type) {
  return `audit${type.replace(/(^|[._])([a-z])/g, (match, separator, letter) => letter.toUpperCase())}`;
}

function words(prefix, value) {
  if (value === null || value === undefined) {
    return null;
  }
  const key = `${prefix}${String(value).replace(/(^|_)([a-z])/g, (match, separator, letter) => letter.toUpperCase())}`;
  return t.has(key) ? t(key) : String(value);
}

function duration(seconds) {
  if (seconds === 0) {
    return t('auditNoGrace');
  }
  const units = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
  const [unit, size] = units.find(([, length]) => seconds % length === 0);
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'long' }).format(seconds / size);
}

/**
 * <scim-audit-log>: the workspace's audit events, newest first, in words: what happened, who (by name) and how (the
 * way of confirming, the phone's or passkey's name, the grace period). The exact values (the time to the
 * microsecond, the ids) are in each row's title. "Show" filters by kind; "Load more" follows the cursor.
 * Set before connecting: context = {api, workspaceId}.
 */
class AuditLog extends HTMLElement {
  context;

  #rows = h('tbody', { role: 'rowgroup' });
  #empty = h('p', { hidden: true }, t('auditEmpty'));
  #loadMore = h('button', { type: 'button', className: 'scim-secondary', hidden: true, onclick: () => this.#more() },
    t('loadMore'));
  #show = field({
    label: t('auditShow'),
    control: h('select', { onchange: () => this.reload() },
      KINDS.map((kind) => h('option', { value: kind.value }, t(kind.label)))),
  });
  #failure = liveRegion({ assertive: true });
  #cursor = null;
  #names = new Map();
  /** What each verification was for, from its "started" event, for the events of it that do not say. */
  #purposes = new Map();
  #loading = null;

  connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    const heading = h('h3', { id: uid('scim-audit-title'), className: 'scim-subheading' }, t('auditLog'));
    this.#show.root.classList.add('scim-audit-filter');
    this.append(h('section', { 'aria-labelledby': heading.id },
      heading,
      this.#show.root,
      // On a narrow screen the table scrolls inside its own box, which takes the keyboard focus to be scrolled.
      h('div', { className: 'scim-table-scroll', tabIndex: 0, role: 'group', 'aria-labelledby': heading.id },
        // The roles are explicit: on a narrow screen the rows stack as blocks, and the table stays a table.
        h('table', { className: 'scim-table', role: 'table', 'aria-labelledby': heading.id },
          h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, ['auditWhen', 'auditEvent', 'auditWho',
            'auditDetails'].map((name) => h('th', { scope: 'col', role: 'columnheader' }, t(name))))),
          this.#rows)),
      this.#empty, this.#failure, this.#loadMore));
    this.#rows.setAttribute('aria-busy', 'true');
  }

  /** Shows the newest page of the chosen kind again. */
  async reload() {
    this.#rows.replaceChildren();
    this.#cursor = null;
    await this.#more();
  }

  /** Adds the next events of the chosen kind; the rows are marked busy while they load. */
  async #more() {
    const loading = {};
    this.#loading = loading;
    this.#rows.setAttribute('aria-busy', 'true');
    this.#failure.replaceChildren();
    const kind = KINDS.find((candidate) => candidate.value === this.#show.control.value) ?? KINDS[0];
    try {
      await this.#readNames();
      const found = [];
      let pages = 0;
      do {
        const page = await this.context.api.auditEvents(this.context.workspaceId, this.#cursor);
        if (this.#loading !== loading) {
          return;
        }
        for (const event of page.items) {
          if (event.verificationId && event.details?.action) {
            this.#purposes.set(event.verificationId, event.details.action);
          }
        }
        found.push(...page.items.filter((event) => kind.matches(event.type)));
        this.#cursor = page.nextCursor;
        pages += 1;
      } while (this.#cursor && found.length < PAGE_GOAL && pages < PAGES_PER_LOAD);
      this.#rows.append(...found.map((event) => this.#row(event)));
    } catch (error) {
      this.#failure.textContent = t('auditUnreadable', { reason: problemSentence(error) });
    }
    this.#empty.hidden = this.#rows.childElementCount > 0;
    this.#loadMore.hidden = !this.#cursor;
    this.#rows.setAttribute('aria-busy', 'false');
  }

  /** The names of the caller's phones and passkeys, to say "Alice's phone" instead of an id. */
  async #readNames() {
    try {
      const factors = await this.context.api.myFactors();
      for (const item of [...(factors.devices ?? []), ...(factors.passkeys ?? [])]) {
        this.#names.set(item.id, item.name);
      }
    } catch {
      // Without the names the rows say "a phone" or "a passkey".
    }
  }

  #row(event) {
    const exact = Object.entries({
      occurredAt: event.occurredAt, id: event.id, verificationId: event.verificationId, deviceId: event.deviceId,
      tokenId: event.tokenId, ipAddress: event.ipAddress, userAgent: event.userAgent, ...event.details,
    }).filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`).join('\n');
    const key = eventKey(event.type);
    return h('tr', { title: exact, role: 'row' },
      h('td', { role: 'cell' }, h('time', { dateTime: event.occurredAt, title: event.occurredAt },
        formatDateTime(event.occurredAt))),
      h('td', { role: 'cell' }, t.has(key) ? t(key) : event.type),
      h('td', { role: 'cell' }, event.actorId ?? t('auditSomeone')),
      h('td', { role: 'cell' }, this.#details(event)));
  }

  /** The event's details in words, without ids. */
  #details(event) {
    const details = event.details ?? {};
    const parts = [];
    const deviceName = this.#names.get(event.deviceId ?? details.factorId);
    const purpose = details.action ?? this.#purposes.get(event.verificationId);
    if (purpose && event.type.startsWith('verification.')) {
      parts.push(words('auditPurpose', purpose));
    }
    if (details.method) {
      parts.push(t('auditBy', { method: words('auditMethod', details.method) }));
    }
    if (details.name ?? deviceName) {
      parts.push(`“${details.name ?? deviceName}”`);
    } else if (event.deviceId) {
      parts.push(t('auditAPhone'));
    }
    if (details.hint) {
      parts.push(details.hint);
    }
    if (details.issuer) {
      parts.push(details.issuer);
    }
    if (details.reason) {
      parts.push(words('auditReason', details.reason));
    }
    if (details.code) {
      parts.push(problemSentence({ code: details.code }));
    }
    if (details.gracePeriodSeconds !== undefined && details.gracePeriodSeconds !== null) {
      parts.push(t('auditGrace', { duration: duration(Number(details.gracePeriodSeconds)) }));
    }
    if (details.to) {
      parts.push(t('auditTo', { to: details.to }));
    }
    if (event.ipAddress) {
      parts.push(t('auditFrom', { address: event.ipAddress }));
    }
    return parts.filter(Boolean).join(' · ');
  }
}

customElements.define('scim-audit-log', AuditLog);

import { canManageToken, canViewToken, claimsOf } from './claims.js';
import { h, liveRegion, uid } from './dom.js';
import { formatDateTime, problemSentence, t } from './messages.js';
import { ask } from './modal.js';
import './audit-log.js';
import './oauth-clients.js';
import './revoke-dialog.js';
import './rotate-dialog.js';
import './sign-in-methods.js';
import './step-up-dialog.js';
import './token-dialog.js';

const ENDED = { revoked: 'tokenRevoked', expired: 'tokenExpired' };

function modal(tag, properties) {
  return Object.assign(document.createElement(tag), properties);
}

/**
 * <scim-directory-sync>: the Directory Sync panel. It shows the state of the workspace's SCIM token and only the
 * actions that apply to it for the caller's role: no token yet, View Token (it creates the first one); an active
 * token, View Token (owners, super admins, admins), Rotate token and, apart in a danger zone, Revoke token (owners);
 * a revoked or expired token, Generate new token (owners). Each action is behind a step-up verification; below, the
 * workspace's OAuth clients for provisioning (oauth-clients.js), the caller's sign-in methods and the audit log. The
 * roles come from the JWT only to decide what to show.
 *
 * Set before connecting: context = {api, workspaceId, getAccessToken}.
 */
class DirectorySync extends HTMLElement {
  context;

  #claims = {};
  #facts = h('dl', { className: 'scim-facts' });
  #actions = h('div', { className: 'scim-actions' });
  #view = h('button', { type: 'button', className: 'scim-primary', hidden: true, onclick: () => this.#viewToken() },
    t('viewToken'));
  #rotate = h('button', { type: 'button', className: 'scim-secondary', hidden: true,
    onclick: () => this.#rotateToken() }, t('rotateToken'));
  #generate = h('button', { type: 'button', className: 'scim-primary', hidden: true,
    onclick: () => this.#generateToken() }, t('generateNewToken'));
  #revoke = h('button', { type: 'button', className: 'scim-danger', onclick: () => this.#revokeToken() },
    t('revokeToken'));
  #dangerZone = null;
  #ownersOnly = h('p', { className: 'scim-note', hidden: true });
  #status = liveRegion();
  #failure = liveRegion({ assertive: true });
  #oauthClients = h('scim-oauth-clients');
  #signInMethods = h('scim-sign-in-methods');
  #auditLog = h('scim-audit-log');

  async connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    const heading = h('h2', { id: uid('scim-directory-sync'), className: 'scim-title' }, t('directorySync'));
    const section = h('section', { className: 'scim-console', 'aria-labelledby': heading.id }, heading,
      h('p', {}, t('panelIntro')));
    this.append(section);
    try {
      this.#claims = claimsOf(await this.context.getAccessToken());
    } catch {
      section.append(h('p', { role: 'alert' }, t('sessionUnreadable')));
      return;
    }
    if (!canViewToken(this.#claims)) {
      section.append(h('p', { className: 'scim-note' }, t('notAllowedToSee')));
      return;
    }
    this.#actions.append(this.#view);
    if (canManageToken(this.#claims)) {
      this.#actions.append(this.#rotate, this.#generate);
      const dangerHeading = h('h3', { id: uid('scim-danger-zone'), className: 'scim-subheading' }, t('dangerZone'));
      this.#dangerZone = h('section', { className: 'scim-danger-zone', 'aria-labelledby': dangerHeading.id,
        hidden: true }, dangerHeading, h('p', {}, t('dangerZoneIntro')), h('p', {}, this.#revoke));
    }
    this.#auditLog.context = this.context;
    this.#oauthClients.context = { ...this.context, email: this.#claims.email,
      canManage: canManageToken(this.#claims) };
    this.#oauthClients.addEventListener('scim-clients-changed', () => this.#auditLog.reload());
    this.#signInMethods.context = { ...this.context, email: this.#claims.email };
    this.#signInMethods.addEventListener('scim-factors-changed', () => this.#auditLog.reload());
    this.#signInMethods.addEventListener('scim-passkeys-changed', () => this.#auditLog.reload());
    // Only owners have a danger zone: append() would write a missing one as the text "null".
    section.append(...[this.#facts, this.#actions, this.#ownersOnly, this.#status, this.#failure, this.#dangerZone,
      this.#oauthClients, this.#signInMethods, this.#auditLog].filter(Boolean));
    await this.refresh();
  }

  /** Reads the token's state and the newest audit events again. */
  async refresh() {
    try {
      this.#showFacts(await this.context.api.tokenMetadata(this.context.workspaceId));
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
    await this.#auditLog.reload();
  }

  /** The token's facts and the actions that apply to its state ("none", "active", "revoked" or "expired"). */
  #showFacts(metadata) {
    const owner = canManageToken(this.#claims);
    const ended = ENDED[metadata.status] && t(ENDED[metadata.status]);
    this.#view.hidden = Boolean(ended);
    this.#rotate.hidden = metadata.status !== 'active';
    this.#generate.hidden = !ended;
    if (this.#dangerZone) {
      this.#dangerZone.hidden = metadata.status !== 'active';
    }
    this.#ownersOnly.hidden = owner;
    this.#ownersOnly.textContent = ended ? t('onlyOwnersGenerate') : t('onlyOwnersManage');
    if (!metadata.hint) {
      this.#facts.replaceChildren(this.#fact(t('factToken'), ended ?? t('noTokenYet')));
      return;
    }
    this.#facts.replaceChildren(...[
      ended && this.#fact(t('factStatus'), ended),
      this.#fact(t('factToken'), h('code', {}, metadata.hint)),
      this.#fact(t('factCreated'), t('createdBy', { when: formatDateTime(metadata.createdAt),
        who: metadata.createdBy })),
      this.#fact(t('factLastUsed'), metadata.lastUsedAt ? formatDateTime(metadata.lastUsedAt) : t('never')),
      this.#fact(t('factExpires'), metadata.expiresAt ? formatDateTime(metadata.expiresAt) : t('never')),
      metadata.previous && this.#fact(t('factPreviousToken'), h('code', {}, metadata.previous.hint),
        t('previousKeepsWorking', { when: formatDateTime(metadata.previous.expiresAt) })),
    ].filter(Boolean));
  }

  #fact(term, ...description) {
    return h('div', {}, h('dt', {}, term), h('dd', {}, description));
  }

  async #viewToken() {
    this.#clearMessages();
    const verificationId = await this.#verify('reveal');
    if (!verificationId) {
      return;
    }
    try {
      const revealed = await this.context.api.reveal(this.context.workspaceId, verificationId);
      this.append(modal('scim-token-dialog', { token: revealed.token }));
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
    await this.refresh();
  }

  async #rotateToken() {
    this.#clearMessages();
    const choice = await ask(this, modal('scim-rotate-dialog'));
    if (choice) {
      await this.#issue(choice.gracePeriodSeconds);
    }
  }

  /** After a revocation or expiry no token works, so there is no grace period to ask about. */
  async #generateToken() {
    this.#clearMessages();
    await this.#issue(0);
  }

  /** An owner's rotation: a new token behind a verification, shown once. */
  async #issue(gracePeriodSeconds) {
    const verificationId = await this.#verify('rotate');
    if (!verificationId) {
      return;
    }
    try {
      const rotated = await this.context.api.rotate(this.context.workspaceId, verificationId, gracePeriodSeconds);
      this.append(modal('scim-token-dialog', {
        token: rotated.token, rotated: true, previousTokenExpiresAt: rotated.previousTokenExpiresAt,
      }));
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
    await this.refresh();
  }

  async #revokeToken() {
    this.#clearMessages();
    const confirmed = await ask(this, modal('scim-revoke-dialog', { workspaceId: this.context.workspaceId }));
    const verificationId = confirmed && await this.#verify('revoke');
    if (!verificationId) {
      return;
    }
    try {
      await this.context.api.revoke(this.context.workspaceId, verificationId);
      this.#status.textContent = t('revokedAnnouncement');
    } catch (error) {
      this.#failure.textContent = problemSentence(error);
    }
    await this.refresh();
  }

  /** The id of an approved verification for the action, or null; the audit log then shows what happened. */
  async #verify(action) {
    const verificationId = await ask(this, modal('scim-step-up-dialog', {
      context: { ...this.context, email: this.#claims.email }, action,
    }));
    if (!verificationId) {
      this.#auditLog.reload();
    }
    return verificationId;
  }

  #clearMessages() {
    this.#status.replaceChildren();
    this.#failure.replaceChildren();
  }
}

customElements.define('scim-directory-sync', DirectorySync);

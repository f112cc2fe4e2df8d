import { canManageToken, canViewToken, claimsOf } from './claims.js';
import { h, liveRegion, uid } from './dom.js';
import { formatDateTime, problemSentence } from './messages.js';
import { ask } from './modal.js';
import './audit-log.js';
import './revoke-dialog.js';
import './rotate-dialog.js';
import './sign-in-methods.js';
import './step-up-dialog.js';
import './token-dialog.js';

const ENDED = {
  revoked: 'The token was revoked. An owner must rotate it to issue a new one.',
  expired: 'The token has expired. An owner must rotate it to issue a new one.',
};

function modal(tag, properties) {
  return Object.assign(document.createElement(tag), properties);
}

/**
 * <scim-directory-sync>: the Directory Sync panel. It shows the state of the workspace's SCIM token and, by the
 * caller's role, View Token (owners, super admins, admins), Rotate token and Revoke token (owners), each behind a
 * step-up verification; below, the caller's sign-in methods and the audit log. The roles come from the JWT only to decide
 * what to show.
 *
 * Set before connecting: context = {api, workspaceId, getAccessToken}.
 */
class DirectorySync extends HTMLElement {
  context;

  #claims = {};
  #facts = h('dl', { className: 'scim-facts' });
  #actions = h('div', { className: 'scim-actions' });
  #view = h('button', { type: 'button', onclick: () => this.#viewToken() }, 'View Token');
  #rotate = h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#rotateToken() },
    'Rotate token');
  #revoke = h('button', { type: 'button', className: 'scim-warning', onclick: () => this.#revokeToken() },
    'Revoke token');
  #status = liveRegion();
  #failure = liveRegion({ assertive: true });
  #signInMethods = h('scim-sign-in-methods');
  #auditLog = h('scim-audit-log');

  async connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    const heading = h('h2', { id: uid('scim-directory-sync'), className: 'scim-title' }, 'Directory Sync');
    const section = h('section', { className: 'scim-console', 'aria-labelledby': heading.id }, heading,
      h('p', {}, 'Identity providers such as Okta and Microsoft Entra ID use the SCIM token to provision users and '
        + 'groups into this workspace.'));
    this.append(section);
    try {
      this.#claims = claimsOf(await this.context.getAccessToken());
    } catch {
      section.append(h('p', { role: 'alert' }, 'Your session could not be read. Sign in again.'));
      return;
    }
    if (!canViewToken(this.#claims)) {
      section.append(h('p', { className: 'scim-note' },
        'Only workspace owners, super admins and admins can see the Directory Sync settings.'));
      return;
    }
    this.#actions.append(this.#view);
    if (canManageToken(this.#claims)) {
      this.#actions.append(this.#rotate, this.#revoke);
    }
    this.#auditLog.context = this.context;
    this.#signInMethods.context = { ...this.context, email: this.#claims.email };
    this.#signInMethods.addEventListener('scim-factors-changed', () => this.#auditLog.reload());
    this.#signInMethods.addEventListener('scim-passkeys-changed', () => this.#auditLog.reload());
    section.append(this.#facts, this.#actions);
    if (!canManageToken(this.#claims)) {
      section.append(h('p', { className: 'scim-note' }, 'Only workspace owners can rotate or revoke the token.'));
    }
    section.append(this.#status, this.#failure, this.#signInMethods, this.#auditLog);
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

  /** The token's facts; a revoked or expired token (metadata "status") is said so, and View Token is gone. */
  #showFacts(metadata) {
    const ended = ENDED[metadata.status];
    this.#view.hidden = Boolean(ended);
    if (!metadata.hint) {
      this.#facts.replaceChildren(this.#fact('Token', ended ?? 'No token yet. View Token creates one.'));
      return;
    }
    this.#facts.replaceChildren(...[
      ended && this.#fact('Status', ended),
      this.#fact('Token', h('code', {}, metadata.hint)),
      this.#fact('Created', `${formatDateTime(metadata.createdAt)} by ${metadata.createdBy}`),
      this.#fact('Last used', metadata.lastUsedAt ? formatDateTime(metadata.lastUsedAt) : 'Never'),
      this.#fact('Expires', metadata.expiresAt ? formatDateTime(metadata.expiresAt) : 'Never'),
      metadata.previous && this.#fact('Previous token', h('code', {}, metadata.previous.hint),
        ` keeps working until ${formatDateTime(metadata.previous.expiresAt)}`),
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
    const verificationId = choice && await this.#verify('rotate');
    if (!verificationId) {
      return;
    }
    try {
      const rotated = await this.context.api.rotate(this.context.workspaceId, verificationId,
        choice.gracePeriodSeconds);
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
      this.#status.textContent = 'The token was revoked: it no longer works.';
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

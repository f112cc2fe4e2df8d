import { h, liveRegion, uid } from './dom.js';
import { formatDateTime } from './messages.js';
import { ModalElement } from './modal.js';

/**
 * <scim-token-dialog>: "Show Token". The token, masked until shown, with Copy. It stays open until the person
 * closes it; then the token leaves the page. It is never written anywhere else.
 *
 * Set before connecting: token, and after a rotation previousTokenExpiresAt (null when the old token stopped).
 */
class TokenDialog extends ModalElement {
  token;
  rotated = false;
  previousTokenExpiresAt = null;

  #field = h('input', {
    id: uid('scim-token'), type: 'password', readOnly: true, autocomplete: 'off', spellcheck: false,
    className: 'scim-token-value',
  });
  #toggle = h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#toggleVisibility() },
    'Show token');
  #copied = liveRegion();

  render() {
    this.#field.value = this.token;
    this.token = null;
    return {
      heading: 'Show Token',
      content: [
        this.rotated ? h('p', {}, this.#previousTokenSentence()) : null,
        h('p', {}, 'Paste it into your identity provider\'s provisioning settings. To see it again later, you will '
          + 'need a new verification.'),
        h('label', { htmlFor: this.#field.id }, 'SCIM token'),
        h('div', { className: 'scim-token-row' }, this.#field, this.#toggle),
        h('div', { className: 'scim-actions' },
          h('button', { type: 'button', onclick: () => this.#copy() }, 'Copy'),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, 'Close')),
        this.#copied,
      ],
    };
  }

  closing() {
    this.#field.value = '';
    this.#field.remove();
  }

  #previousTokenSentence() {
    return this.previousTokenExpiresAt
      ? `This is the new token. The previous token keeps working until ${formatDateTime(this.previousTokenExpiresAt)}.`
      : 'This is the new token. The previous token no longer works.';
  }

  #toggleVisibility() {
    const hidden = this.#field.type === 'password';
    this.#field.type = hidden ? 'text' : 'password';
    this.#toggle.textContent = hidden ? 'Hide token' : 'Show token';
  }

  async #copy() {
    this.#copied.textContent = '';
    try {
      await navigator.clipboard.writeText(this.#field.value);
      this.#copied.textContent = 'Copied';
    } catch {
      this.#copied.textContent = 'Copying is not allowed here: show the token, select it and copy it yourself.';
    }
  }
}

customElements.define('scim-token-dialog', TokenDialog);

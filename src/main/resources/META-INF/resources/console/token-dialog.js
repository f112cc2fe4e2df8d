import { h, liveRegion, uid } from './dom.js';
import { formatDateTime, t } from './messages.js';
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
    t('showToken'));
  #copied = liveRegion();

  render() {
    this.#field.value = this.token;
    this.token = null;
    return {
      heading: t('showTokenTitle'),
      content: [
        this.rotated ? h('p', {}, this.#previousTokenSentence()) : null,
        h('p', {}, t('pasteIntoIdentityProvider')),
        h('label', { htmlFor: this.#field.id }, t('scimToken')),
        h('div', { className: 'scim-token-row' }, this.#field, this.#toggle),
        h('div', { className: 'scim-actions' },
          h('button', { type: 'button', onclick: () => this.#copy() }, t('copy')),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, t('close'))),
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
      ? t('newTokenPreviousKeepsWorking', { when: formatDateTime(this.previousTokenExpiresAt) })
      : t('newTokenPreviousStopped');
  }

  #toggleVisibility() {
    const hidden = this.#field.type === 'password';
    this.#field.type = hidden ? 'text' : 'password';
    this.#toggle.textContent = hidden ? t('hideToken') : t('showToken');
  }

  async #copy() {
    this.#copied.textContent = '';
    try {
      await navigator.clipboard.writeText(this.#field.value);
      this.#copied.textContent = t('copied');
    } catch {
      this.#copied.textContent = t('copyNotAllowed');
    }
  }
}

customElements.define('scim-token-dialog', TokenDialog);

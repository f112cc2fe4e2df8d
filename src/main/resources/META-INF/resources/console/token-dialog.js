import { h } from './dom.js';
import { formatDateTime, t } from './messages.js';
import { ModalElement } from './modal.js';
import { SecretField } from './secret-field.js';

const TOKEN_WORDS = { label: 'scimToken', show: 'showToken', hide: 'hideToken', copyNotAllowed: 'copyNotAllowed' };

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

  #shown;

  render() {
    this.#shown = new SecretField(this.token, TOKEN_WORDS);
    this.token = null;
    return {
      heading: t('showTokenTitle'),
      content: [
        this.rotated ? h('p', {}, this.#previousTokenSentence()) : null,
        h('p', {}, t('pasteIntoIdentityProvider')),
        ...this.#shown.elements(() => this.close()),
      ],
    };
  }

  closing() {
    this.#shown.forget();
  }

  #previousTokenSentence() {
    return this.previousTokenExpiresAt
      ? t('newTokenPreviousKeepsWorking', { when: formatDateTime(this.previousTokenExpiresAt) })
      : t('newTokenPreviousStopped');
  }
}

customElements.define('scim-token-dialog', TokenDialog);

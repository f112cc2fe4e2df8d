import { h, liveRegion, uid } from './dom.js';
import { t } from './messages.js';

/**
 * A secret shown once (the SCIM token, a new client secret): masked until shown, with Copy and Close. It lives in
 * this field only; forget() empties it when the dialog closes, and it is never written anywhere else.
 *
 * words: the message keys for its label, the show and hide button and the sentence when copying is not allowed.
 */
export class SecretField {
  #words;
  #field;
  #toggle;
  #copied = liveRegion();

  constructor(value, words) {
    this.#words = words;
    this.#field = h('input', {
      id: uid('scim-secret'), type: 'password', readOnly: true, autocomplete: 'off', spellcheck: false,
      className: 'scim-token-value',
    });
    this.#field.value = value;
    this.#toggle = h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.#toggleVisibility() },
      t(words.show));
  }

  /** The label, the field with its toggle, Copy and Close (which calls close), and the live region. */
  elements(close) {
    return [
      h('label', { htmlFor: this.#field.id }, t(this.#words.label)),
      h('div', { className: 'scim-token-row' }, this.#field, this.#toggle),
      h('div', { className: 'scim-actions' },
        h('button', { type: 'button', onclick: () => this.#copy() }, t('copy')),
        h('button', { type: 'button', className: 'scim-secondary', onclick: close }, t('close'))),
      this.#copied,
    ];
  }

  forget() {
    this.#field.value = '';
    this.#field.remove();
  }

  #toggleVisibility() {
    const hidden = this.#field.type === 'password';
    this.#field.type = hidden ? 'text' : 'password';
    this.#toggle.textContent = hidden ? t(this.#words.hide) : t(this.#words.show);
  }

  async #copy() {
    this.#copied.textContent = '';
    try {
      await navigator.clipboard.writeText(this.#field.value);
      this.#copied.textContent = t('copied');
    } catch {
      this.#copied.textContent = t(this.#words.copyNotAllowed);
    }
  }
}

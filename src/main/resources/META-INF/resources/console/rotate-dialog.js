import { h, uid } from './dom.js';
import { ModalElement } from './modal.js';

const GRACE_PERIODS = [
  { label: 'None: it stops working at once', seconds: 0 },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86400 },
  { label: '7 days', seconds: 604800 },
];

/**
 * <scim-rotate-dialog>: asks how long the current token keeps working after a rotation. Closes with
 * {gracePeriodSeconds}, or null.
 */
class RotateDialog extends ModalElement {
  #error = h('p', { id: uid('scim-grace-error'), className: 'scim-error-message', hidden: true });
  #fieldset = h('fieldset', { className: 'scim-fieldset', 'aria-describedby': this.#error.id });

  render() {
    const name = uid('scim-grace');
    this.#fieldset.append(
      h('legend', {}, 'How long should the current token keep working?'),
      this.#error,
      ...GRACE_PERIODS.map(({ label, seconds }) => {
        const id = uid('scim-grace-option');
        return h('div', { className: 'scim-radio' },
          h('input', { type: 'radio', id, name, value: String(seconds) }),
          h('label', { htmlFor: id }, label));
      }),
    );
    return {
      heading: 'Rotate token',
      content: h('form', { noValidate: true, onsubmit: (event) => this.#submit(event) },
        h('p', {}, 'Rotating issues a new token. Give your identity provider the new token before the current one '
          + 'stops working.'),
        this.#fieldset,
        h('div', { className: 'scim-actions' },
          h('button', { type: 'submit' }, 'Continue'),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, 'Cancel'))),
    };
  }

  #submit(event) {
    event.preventDefault();
    const chosen = this.#fieldset.querySelector('input:checked');
    if (!chosen) {
      this.#error.replaceChildren(h('span', { className: 'scim-visually-hidden' }, 'Error: '),
        'Choose how long the current token keeps working.');
      this.#error.hidden = false;
      this.#fieldset.querySelector('input').focus();
      return;
    }
    this.close({ gracePeriodSeconds: Number(chosen.value) });
  }
}

customElements.define('scim-rotate-dialog', RotateDialog);

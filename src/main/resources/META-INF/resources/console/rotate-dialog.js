import { h, uid } from './dom.js';
import { t } from './messages.js';
import { ModalElement } from './modal.js';

/** The grace periods offered, each with the message key of its label. */
const GRACE_PERIODS = [
  { label: 'graceNone', seconds: 0 },
  { label: 'graceOneHour', seconds: 3600 },
  { label: 'graceOneDay', seconds: 86400 },
  { label: 'graceSevenDays', seconds: 604800 },
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
      h('legend', {}, t('graceQuestion')),
      this.#error,
      ...GRACE_PERIODS.map(({ label, seconds }) => {
        const id = uid('scim-grace-option');
        return h('div', { className: 'scim-radio' },
          h('input', { type: 'radio', id, name, value: String(seconds) }),
          h('label', { htmlFor: id }, t(label)));
      }),
    );
    return {
      heading: t('rotateToken'),
      content: h('form', { noValidate: true, onsubmit: (event) => this.#submit(event) },
        h('p', {}, t('rotateIntro')),
        this.#fieldset,
        h('div', { className: 'scim-actions' },
          h('button', { type: 'submit' }, t('continue')),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, t('cancel')))),
    };
  }

  #submit(event) {
    event.preventDefault();
    const chosen = this.#fieldset.querySelector('input:checked');
    if (!chosen) {
      this.#error.replaceChildren(h('span', { className: 'scim-visually-hidden' }, t('errorPrefix')),
        t('chooseGracePeriod'));
      this.#error.hidden = false;
      this.#fieldset.querySelector('input').focus();
      return;
    }
    this.close({ gracePeriodSeconds: Number(chosen.value) });
  }
}

customElements.define('scim-rotate-dialog', RotateDialog);

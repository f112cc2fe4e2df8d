import { field, h } from './dom.js';
import { t } from './messages.js';
import { ModalElement } from './modal.js';

/**
 * <scim-revoke-dialog>: revoking stops the token at once, so the person types the workspace id to confirm.
 * Closes with true, or null. Set before connecting: workspaceId.
 */
class RevokeDialog extends ModalElement {
  workspaceId;

  #confirmation = field({
    label: t('workspaceId'),
    control: h('input', { type: 'text', autocomplete: 'off', spellcheck: false }),
  });

  render() {
    return {
      heading: t('revokeToken'),
      content: h('form', { noValidate: true, onsubmit: (event) => this.#submit(event) },
        h('p', {}, t('revokeIntro')),
        h('p', {}, t('typeWorkspaceIdBefore'), h('strong', {}, this.workspaceId), t('typeWorkspaceIdAfter')),
        this.#confirmation.root,
        h('div', { className: 'scim-actions' },
          h('button', { type: 'submit', className: 'scim-warning' }, t('continue')),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, t('cancel')))),
    };
  }

  #submit(event) {
    event.preventDefault();
    if (this.#confirmation.control.value.trim() !== this.workspaceId) {
      this.#confirmation.showError(t('typeWorkspaceIdExactly', { workspaceId: this.workspaceId }));
      this.#confirmation.control.focus();
      return;
    }
    this.close(true);
  }
}

customElements.define('scim-revoke-dialog', RevokeDialog);

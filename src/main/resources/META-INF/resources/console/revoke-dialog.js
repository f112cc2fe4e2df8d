import { field, h } from './dom.js';
import { ModalElement } from './modal.js';

/**
 * <scim-revoke-dialog>: revoking stops the token at once, so the person types the workspace id to confirm.
 * Closes with true, or null. Set before connecting: workspaceId.
 */
class RevokeDialog extends ModalElement {
  workspaceId;

  #confirmation = field({
    label: 'Workspace id',
    control: h('input', { type: 'text', autocomplete: 'off', spellcheck: false }),
  });

  render() {
    return {
      heading: 'Revoke token',
      content: h('form', { noValidate: true, onsubmit: (event) => this.#submit(event) },
        h('p', {}, 'The token stops working at once: your identity provider can no longer provision users until an '
          + 'owner rotates the token to issue a new one.'),
        h('p', {}, 'To confirm, type the workspace id ', h('strong', {}, this.workspaceId), '.'),
        this.#confirmation.root,
        h('div', { className: 'scim-actions' },
          h('button', { type: 'submit', className: 'scim-warning' }, 'Continue'),
          h('button', { type: 'button', className: 'scim-secondary', onclick: () => this.close() }, 'Cancel'))),
    };
  }

  #submit(event) {
    event.preventDefault();
    if (this.#confirmation.control.value.trim() !== this.workspaceId) {
      this.#confirmation.showError(`Type ${this.workspaceId} exactly to confirm.`);
      this.#confirmation.control.focus();
      return;
    }
    this.close(true);
  }
}

customElements.define('scim-revoke-dialog', RevokeDialog);

import { h, uid } from './dom.js';

/**
 * A modal dialog named by its heading. Opening it makes the rest of the page inert and moves focus to the heading;
 * Tab and Shift+Tab wrap around inside it; Escape closes it like its Cancel or Close button. When it closes, the
 * element reports its result (null when cancelled) in a bubbling "scim-close" event and leaves the page.
 *
 * Subclasses implement render() → {heading, content} and may implement opened() and closing(result).
 */
export class ModalElement extends HTMLElement {
  #dialog = null;
  #heading = null;
  #result = null;

  connectedCallback() {
    if (this.#dialog) {
      return;
    }
    const { heading, content } = this.render();
    this.#heading = h('h2', { id: uid('scim-dialog-title'), className: 'scim-dialog__title', tabIndex: -1 }, heading);
    this.#dialog = h('dialog', {
      className: 'scim-dialog',
      'aria-labelledby': this.#heading.id,
      onkeydown: (event) => this.#keepFocusInside(event),
      onclose: () => this.#closed(),
    }, this.#heading, content);
    this.append(this.#dialog);
    this.#dialog.showModal();
    this.#heading.focus();
    this.opened?.();
  }

  /** Closes the dialog with a result for whoever opened it. */
  close(result = null) {
    this.#result = result;
    this.#dialog.close();
  }

  /** Moves focus to the heading, e.g. when the control that had it goes away. */
  focusHeading() {
    this.#heading.focus();
  }

  #closed() {
    this.closing?.(this.#result);
    this.dispatchEvent(new CustomEvent('scim-close', { bubbles: true, detail: this.#result }));
    this.remove();
  }

  #keepFocusInside(event) {
    if (event.key !== 'Tab') {
      return;
    }
    const focusable = [...this.#dialog.querySelectorAll('a[href], button, input, select, textarea')]
      .filter((element) => !element.disabled && element.getClientRects().length > 0);
    if (focusable.length === 0) {
      return;
    }
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === this.#heading)) {
      last.focus();
      event.preventDefault();
    } else if (!event.shiftKey && active === last) {
      first.focus();
      event.preventDefault();
    }
  }
}

/** Shows a modal element inside host and answers the result it closes with. */
export function ask(host, modal) {
  return new Promise((resolve) => {
    modal.addEventListener('scim-close', (event) => resolve(event.detail), { once: true });
    host.append(modal);
  });
}

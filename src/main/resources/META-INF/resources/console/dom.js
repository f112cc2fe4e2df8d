import { t } from './messages.js';

/** Small helpers that build the console's DOM without innerHTML, so no markup is ever made from data. */

let lastId = 0;

/** A page-unique id for label, hint and heading references. */
export function uid(prefix) {
  lastId += 1;
  return `${prefix}-${lastId}`;
}

/**
 * An element with properties (or attributes, for names the element has no property for, such as aria-*), "on…"
 * listeners and children; null, undefined and false children are left out.
 */
export function h(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (name in node) {
      node[name] = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/**
 * A labelled form field with an optional hint and an error message tied to the control (GOV.UK's pattern): the
 * control's description names both, and an error marks it invalid.
 */
export function field({ label, hint, control }) {
  const id = uid('scim-field');
  control.id = id;
  const hintText = hint ? h('p', { id: `${id}-hint`, className: 'scim-hint' }, hint) : null;
  const error = h('p', { id: `${id}-error`, className: 'scim-error-message', hidden: true });
  control.setAttribute('aria-describedby', [hintText?.id, error.id].filter(Boolean).join(' '));
  const root = h('div', { className: 'scim-field' }, h('label', { htmlFor: id }, label), hintText, error, control);
  return {
    root,
    control,
    showError(text) {
      error.replaceChildren(h('span', { className: 'scim-visually-hidden' }, t('errorPrefix')), text);
      error.hidden = false;
      root.classList.add('scim-field--error');
      control.setAttribute('aria-invalid', 'true');
    },
    clearError() {
      error.replaceChildren();
      error.hidden = true;
      root.classList.remove('scim-field--error');
      control.removeAttribute('aria-invalid');
    },
  };
}

/** A region whose changes screen readers announce: polite for progress, assertive (alert) for failures. */
export function liveRegion({ assertive = false } = {}) {
  return h('div', { role: assertive ? 'alert' : 'status', className: 'scim-live' });
}

import { mintLocalJwt } from '../api.js';
import { field, h, liveRegion, uid } from '../dom.js';
import { problemSentence, t } from '../messages.js';

const ROLES = [['owner', 'localRoleOwner'], ['super_admin', 'localRoleSuperAdmin'], ['admin', 'localRoleAdmin'],
  ['user', 'localRoleUser']];
const SUGGESTED_USER = 'alice';
const FIELD_OF_MEMBER = { sub: 'user', workspaceId: 'workspace', roles: 'role', email: 'email' };

function text(value, properties = {}) {
  return h('input', { type: 'text', value, autocomplete: 'off', spellcheck: false, ...properties });
}

/**
 * <scim-local-sign-in>: the "Sign in (local mode)" form. It mints a JWT with the service's local key
 * (POST /local/jwt, which exists in local mode only) and reports the session in a bubbling "scim-signed-in"
 * event: {token, userId, workspaceId}. The JWT stays in memory.
 */
class LocalSignIn extends HTMLElement {
  #fields = {
    user: field({
      label: t('localUser'), hint: t('localUserHint', { example: SUGGESTED_USER }), control: text(SUGGESTED_USER),
    }),
    workspace: field({ label: t('localWorkspace'), control: text('acme') }),
    role: field({
      label: t('localRole'),
      control: h('select', {}, ROLES.map(([value, label]) => h('option', { value }, t(label)))),
    }),
    email: field({
      label: t('localEmail'),
      hint: t('localEmailHint'),
      control: text(`${SUGGESTED_USER}@example.com`, { type: 'email' }),
    }),
  };
  #failure = liveRegion({ assertive: true });

  connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    const heading = h('h2', { id: uid('scim-sign-in') }, t('localSignIn'));
    this.append(h('form', { 'aria-labelledby': heading.id, noValidate: true, onsubmit: (event) => this.#submit(event) },
      heading,
      h('p', { className: 'scim-hint' }, t('localSignInIntro')),
      Object.values(this.#fields).map((each) => each.root),
      this.#failure,
      h('button', { type: 'submit' }, t('localSignInButton'))));
  }

  async #submit(event) {
    event.preventDefault();
    Object.values(this.#fields).forEach((each) => each.clearError());
    this.#failure.replaceChildren();
    const value = (name) => this.#fields[name].control.value.trim();
    const claims = {
      sub: value('user'), workspaceId: value('workspace'), roles: [value('role')], email: value('email') || undefined,
    };
    try {
      const { token } = await mintLocalJwt(location.origin, claims);
      this.dispatchEvent(new CustomEvent('scim-signed-in', {
        bubbles: true, detail: { token, userId: claims.sub, workspaceId: claims.workspaceId },
      }));
    } catch (error) {
      for (const { field: member, message } of error.errors ?? []) {
        this.#fields[FIELD_OF_MEMBER[member]]?.showError(message);
      }
      this.#failure.textContent = problemSentence(error);
    }
  }
}

customElements.define('scim-local-sign-in', LocalSignIn);

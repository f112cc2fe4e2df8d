import { createApi } from './api.js';
import { configureMessages } from './messages.js';
import './directory-sync.js';

const STYLESHEET = new URL('console.css', import.meta.url).href;

/** The console's stylesheet, added to the host page once. */
function addStylesheet() {
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.href === STYLESHEET)) {
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: STYLESHEET }));
  }
}

/**
 * Mounts the Directory Sync console into element, replacing its content.
 *
 *   workspaceId     the workspace of the signed-in user
 *   getAccessToken  () => Promise<string>: the user's current JWT, asked for before every call
 *   apiBaseUrl      where the service answers; by default the origin this module was loaded from
 *   emailActions    the actions "Email me a code" is offered for: the service's scim-token.email.actions, by
 *                   default ["reveal"]
 *   messages        overrides of the console's words by key (messages.js: MESSAGES), e.g. { viewToken: 'Show key' }
 *
 * The look follows the custom properties --scim-accent, --scim-font and the others console.css lists, set on the
 * element or any ancestor.
 *
 * Answers {unmount(), refresh()}.
 */
export function mount(element, {
  workspaceId, getAccessToken, apiBaseUrl = new URL('/', import.meta.url).href, emailActions, messages,
}) {
  if (!(element instanceof HTMLElement) || !workspaceId || typeof getAccessToken !== 'function') {
    throw new TypeError('mount(element, { workspaceId, getAccessToken }) needs an element, a workspace id and a '
      + 'function that answers the access token');
  }
  addStylesheet();
  configureMessages(messages);
  const panel = document.createElement('scim-directory-sync');
  panel.context = {
    api: createApi({ baseUrl: apiBaseUrl, getAccessToken }), workspaceId, getAccessToken, emailActions,
  };
  element.replaceChildren(panel);
  return {
    unmount: () => panel.remove(),
    refresh: () => panel.refresh(),
  };
}

import { createApi } from '../api.js';
import { claimsOf } from '../claims.js';
import { h } from '../dom.js';
import { t } from '../messages.js';
import './phone.js';
import './sign-in.js';

/*
 * The local-mode phone page: signed in with the local form, or with the session of the console page that opened
 * it (asked for over postMessage, same origin only, so the JWT never goes into a URL or web storage).
 */

const signIn = document.querySelector('scim-local-sign-in');
const place = document.getElementById('phone');

function start(session) {
  if (signIn.hidden) {
    return;
  }
  signIn.hidden = true;
  const phone = document.createElement('scim-phone');
  phone.context = {
    api: createApi({ baseUrl: window.location.origin, getAccessToken: async () => session.token }),
    userId: session.userId,
    workspaceId: session.workspaceId,
    email: claimsOf(session.token).email,
  };
  place.append(h('p', { className: 'scim-session' }, t('localSignedInAs', { userId: session.userId })), phone);
}

signIn.addEventListener('scim-signed-in', ({ detail }) => start(detail));

if (window.opener) {
  window.addEventListener('message', (event) => {
    if (event.origin === window.location.origin && event.source === window.opener
        && event.data?.type === 'scim-phone-session') {
      start(event.data.session);
    }
  });
  window.opener.postMessage({ type: 'scim-phone-session-request' }, window.location.origin);
}

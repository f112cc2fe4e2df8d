import { mount } from '../console.js';
import { h } from '../dom.js';
import { t } from '../messages.js';
import './sign-in.js';

/*
 * The local-mode console page: sign in with a locally minted JWT, then the console, mounted the way a host web app
 * mounts it. A phone page opened from here asks this page for the session over postMessage (same origin only), so
 * the JWT never goes into a URL or web storage.
 */

const signIn = document.querySelector('scim-local-sign-in');
const place = document.getElementById('console');
let session = null;

signIn.addEventListener('scim-signed-in', ({ detail }) => {
  session = detail;
  signIn.hidden = true;
  place.before(h('div', { className: 'scim-session' },
    h('p', {}, t('localSignedIn', { userId: detail.userId, workspaceId: detail.workspaceId })),
    h('a', { href: 'phone.html', target: 'scim-phone', rel: 'opener' }, t('localOpenPhonePage')),
    h('a', { href: './' }, t('localSignOut'))));
  mount(place, { workspaceId: detail.workspaceId, getAccessToken: async () => detail.token });
});

window.addEventListener('message', (event) => {
  if (session && event.origin === window.location.origin && event.data?.type === 'scim-phone-session-request') {
    event.source.postMessage({ type: 'scim-phone-session', session }, window.location.origin);
  }
});

import { mountConfirm, takeConfirmLink } from './confirm.js';

/*
 * The service's own confirm page, /console/confirm.html, where the email's link leads by default
 * (scim-token.email.link-base-url). The link's fragment leaves the address bar first. "This wasn't me" needs the
 * user's session: in local mode the page asks for it with the local sign-in form; elsewhere a host that has the
 * session serves its own page that mounts confirm.js with getAccessToken.
 */

const link = takeConfirmLink();
const place = document.getElementById('confirm');

/** Local mode's sign-in form, when this service has one: answers getAccessToken, or null. */
async function signIn() {
  try {
    await import('./local/sign-in.js');
  } catch {
    return null;
  }
  const form = document.createElement('scim-local-sign-in');
  place.after(form);
  form.querySelector('input')?.focus();
  const { token } = await new Promise((resolve) => {
    form.addEventListener('scim-signed-in', ({ detail }) => resolve(detail), { once: true });
  });
  form.remove();
  return async () => token;
}

mountConfirm(place, { link, signIn });

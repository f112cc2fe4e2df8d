/**
 * Passkeys in this browser (WebAuthn): the one module that calls navigator.credentials. It takes the service's
 * options in their JSON form and answers the credential in its JSON form (PublicKeyCredential.toJSON()), as the
 * service sends and wants them. Whatever keeps a passkey from being made or used, the browser's refusal or the
 * person closing its prompt, becomes a PasskeyError with a code that messages.js has a sentence for.
 */

/** A passkey that could not be made or used, because of the browser or the page: a code, and facts for its sentence. */
class PasskeyError extends Error {
  constructor(code, facts = {}) {
    super(code);
    this.name = 'PasskeyError';
    this.code = code;
    Object.assign(this, facts);
  }
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Why passkeys cannot work on this page, as a PasskeyError, or null when they can. Browsers refuse an IP address as
 * relying party id, so a page opened at 127.0.0.1 is told the same address with localhost.
 */
export function passkeyObstacle(location = window.location) {
  const host = location.hostname;
  if (IPV4.test(host) || host.startsWith('[')) {
    const loopback = host.startsWith('127.') || host === '[::1]';
    const atLocalhost = new URL(location.href);
    atLocalhost.hostname = 'localhost';
    return new PasskeyError('passkeys_need_a_domain', { host, suggestion: loopback ? atLocalhost.href : null });
  }
  if (!window.isSecureContext) {
    return new PasskeyError('passkeys_need_https');
  }
  if (typeof PublicKeyCredential === 'undefined'
      || typeof PublicKeyCredential.parseCreationOptionsFromJSON !== 'function'
      || typeof PublicKeyCredential.parseRequestOptionsFromJSON !== 'function') {
    return new PasskeyError('passkeys_unsupported');
  }
  return null;
}

/** The browser's refusal as a PasskeyError; an AbortError (the page stopped waiting) stays as it is. */
function refusal(failure, { creating, rpId }) {
  switch (failure?.name) {
    case 'AbortError':
      return failure;
    case 'NotAllowedError':
      // The person closed the prompt, it timed out, or no passkey on this device answered: nothing was sent.
      return new PasskeyError(creating ? 'passkey_not_created' : 'passkey_not_used');
    case 'InvalidStateError':
      return new PasskeyError('passkey_already_on_this_device');
    case 'SecurityError':
      return new PasskeyError('passkey_wrong_domain', { host: window.location.hostname, rpId });
    case 'NotSupportedError':
      return new PasskeyError('passkey_not_supported');
    default:
      return new PasskeyError('passkey_failed', { browserError: failure?.name ?? String(failure) });
  }
}

function requireUsable() {
  const obstacle = passkeyObstacle();
  if (obstacle) {
    throw obstacle;
  }
}

/** A new passkey for the creation options (POST /api/v1/me/passkeys/options): its PublicKeyCredential JSON. */
export async function createPasskey(options, { signal } = {}) {
  requireUsable();
  try {
    const credential = await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options), signal,
    });
    return credential.toJSON();
  } catch (failure) {
    throw refusal(failure, { creating: true, rpId: options.rp?.id });
  }
}

/** The assertion of one of the caller's passkeys for a verification's request options: its PublicKeyCredential JSON. */
export async function usePasskey(options, { signal } = {}) {
  requireUsable();
  try {
    const credential = await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options), signal,
    });
    return credential.toJSON();
  } catch (failure) {
    throw refusal(failure, { creating: false, rpId: options.rpId });
  }
}

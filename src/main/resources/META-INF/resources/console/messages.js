/**
 * What a person reads: a sentence for every problem code and every way a verification can end. A code this map
 * does not know reads as the problem's own detail.
 */

/**
 * The console's words, one entry per key (camelCase). An entry is a string, in which {name} is replaced by a value, or
 * a function of the values. mount(element, {messages}) overrides any entry by key; the list of keys is in README.md.
 */
export const MESSAGES = {
  // The panel
  directorySync: 'Directory Sync',
  panelIntro: 'Identity providers such as Okta and Microsoft Entra ID use the SCIM token to provision users and '
    + 'groups into this workspace.',
  sessionUnreadable: 'Your session could not be read. Sign in again.',
  notAllowedToSee: 'Only workspace owners, super admins and admins can see the Directory Sync settings.',
  onlyOwnersManage: 'Only workspace owners can rotate or revoke the token.',
  onlyOwnersGenerate: 'Only a workspace owner can generate a new token.',
  viewToken: 'View Token',
  rotateToken: 'Rotate token',
  revokeToken: 'Revoke token',
  generateNewToken: 'Generate new token',
  dangerZone: 'Danger zone',
  dangerZoneIntro: 'Revoking stops the token at once. Your identity provider cannot provision users until an owner '
    + 'generates a new token.',
  factToken: 'Token',
  factStatus: 'Status',
  factCreated: 'Created',
  factLastUsed: 'Last used',
  factExpires: 'Expires',
  factPreviousToken: 'Previous token',
  noTokenYet: 'No token yet. View Token creates one.',
  tokenRevoked: 'The token was revoked. An owner can generate a new one.',
  tokenExpired: 'The token has expired. An owner can generate a new one.',
  createdBy: '{when} by {who}',
  never: 'Never',
  previousKeepsWorking: ' keeps working until {when}',
  revokedAnnouncement: 'The token was revoked: it no longer works.',

  // Confirm your identity to continue
  findingWays: 'Finding your ways to confirm…',
  waysUnreadable: 'Your ways to confirm could not be read. {reason}',
  sendingToPhone: 'Sending a request to your phone…',
  sendingEmail: 'Sending you an email…',
  waitingForPhone: 'Waiting for your phone…',
  waitingForPasskey: 'Waiting for your passkey…',
  emailSent: 'We emailed a code to {email}. Type it below, or open the email\'s link in this browser: this window '
    + 'continues by itself.',
  busyWaiting: 'Waiting',
  expiresIn: 'Expires in {minutes}:{seconds}',
  tryAgain: 'Try again',
};

let overrides = {};

/** Replaces the overrides of the page's console (mount's messages option); unknown keys are kept for later use. */
export function configureMessages(messages = {}) {
  overrides = { ...messages };
}

/** The words for key, with {name} replaced by values[name]; an override given to mount wins. */
export function t(key, values = {}) {
  const entry = Object.hasOwn(overrides, key) ? overrides[key] : MESSAGES[key];
  if (typeof entry === 'function') {
    return entry(values);
  }
  if (typeof entry !== 'string') {
    throw new Error(`No message ${key}`);
  }
  return entry.replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
}

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso) {
  return dateAndTime.format(new Date(iso));
}

/** "after 10:42 (in 15 minutes)", from the answer's Retry-After; "later" when the service did not say. */
function after(error) {
  if (!error.retryAt) {
    return 'later';
  }
  const seconds = error.retryAfterSeconds;
  const wait = seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.round(seconds / 60)} minutes`;
  return `after ${clock.format(error.retryAt)} (in ${wait})`;
}

const PROBLEMS = {
  'method_not_enrolled:push': () => 'You have no phone set up for approvals. Enroll one in the mobile app (in '
    + 'local mode: open the phone page and choose "Enroll this browser as a phone"), set up another way under '
    + '"Sign-in methods", or use another way below.',
  'method_not_enrolled:totp': () => 'You have no authenticator app set up. Use another way below.',
  'method_not_enrolled:email': () => 'Your account has no email address for codes. Use another way below.',
  'method_not_enrolled:passkey': () => 'You have no passkey any more. Use another way below.',
  'method_not_enrolled:recovery_code': () => 'You have no recovery codes left. Use another way below.',
  method_not_allowed: () => 'This way of confirming cannot be used for this. Use another way below.',
  'method_not_allowed:email': () => 'An email code cannot confirm this: email is the easiest way to phish. Use your '
    + 'phone, a passkey or your authenticator app.',
  'method_not_allowed:recovery_code': () => 'A recovery code can only confirm a change to your sign-in methods.',
  client_binding_mismatch: () => 'This code works only in the browser window that asked for it. Type it into the '
    + '"Code from the email" field of that window.',
  email_blocked: (error) => 'Email codes are paused because one was reported with "This wasn\'t me". You can use '
    + `email again ${after(error)}; until then, use another way.`,
  no_factor: () => 'Recovery codes are a way back to your other sign-in methods: set up a phone, an authenticator '
    + 'app or a passkey first.',
  enrollment_expired: () => 'The setup took too long and has expired. Start it again.',
  totp_already_enrolled: () => 'You already have an authenticator app. Remove it first to set up another.',
  device_not_found: () => 'That phone was already removed.',
  push_blocked: (error) => 'Requests to your phone are paused because you reported one as suspicious. You can use '
    + `your phone again ${after(error)}; until then, use another way below.`,
  too_many_verifications: (error) => `You have started too many requests. Try again ${after(error)}.`,
  too_many_attempts: (error) => `Too many wrong codes. Codes are locked; try again ${after(error)}.`,
  'too_many_attempts:passkey': (error) => 'Too many failed attempts. Passkeys and codes are locked; try again '
    + `${after(error)}.`,
  rate_limited: (error) => `Too many requests in a short time. Try again ${after(error)}.`,
  'invalid_code:recovery_code': (error) => (error.attemptsRemaining === 0
    ? 'That recovery code is not right or was already used, and it was the last attempt. Start again.'
    : `That recovery code is not right or was already used. ${attemptsLeft(error)}`),
  'invalid_code:email': (error) => (error.attemptsRemaining === 0
    ? 'That is not the code from the email, and it was the last attempt. Start again.'
    : `That is not the code from the email. ${attemptsLeft(error)}`),
  invalid_code: (error) => {
    if (error.attemptsRemaining === null || error.attemptsRemaining === undefined) {
      // Turning on an authenticator app counts no attempts: the code only proves that the app was set up right.
      return 'That code is not right. Type the code your app shows now for this service.';
    }
    return error.attemptsRemaining === 0 ? 'That code is not right, and it was the last attempt. Start again.'
      : `That code is not right. ${attemptsLeft(error)}`;
  },
  code_already_used: () => 'That code was already used. Wait for the next code in your authenticator app.',
  'invalid_assertion:passkey': (error) => (error.attemptsRemaining === 0
    ? 'Your passkey was not accepted, and that was the last attempt. Start again.'
    : `Your passkey was not accepted. ${error.detail ? `${error.detail} ` : ''}${attemptsLeft(error)}`),
  invalid_credential: (error) => `The passkey was not added. ${error.detail ? `${error.detail} ` : ''}Try again; if `
    + 'it keeps happening, tell your administrator what it says.',
  passkey_not_found: () => 'That passkey was already removed.',
  too_many_passkeys: () => 'You have the most passkeys allowed. Remove one first.',
  passkeys_not_configured: () => 'Passkeys are not set up on this service (its administrator sets '
    + 'scim-token.webauthn.rp-id). Use your phone or an authenticator app instead.',
  verification_not_pending: () => 'This request is already finished. Start again.',
  verification_expired: () => 'This request expired. Try again.',
  verification_required: () => 'Your approval is missing or too old. Start again.',
  verification_already_used: () => 'Each approval works once. Start again to see the token again.',
  token_revoked: () => 'The token was revoked. An owner must rotate it to issue a new one.',
  token_expired: () => 'The token has expired. An owner must rotate it to issue a new one.',
  role_not_allowed: () => 'Your workspace role does not allow this.',
  workspace_mismatch: () => 'You are signed in to another workspace.',
  unauthorized: () => 'Your session has ended. Sign in again.',
  login_too_old: () => 'You signed in too long ago for this. Sign in again, then try once more.',
  step_up_required: () => 'You already have a way to confirm it is you. Adding or removing one needs a '
    + 'confirmation with it first.',
  too_many_devices: () => 'You have the most phones allowed. Remove one first.',
  service_unavailable: (error) => `The service is briefly unavailable; nothing was changed. Try again ${after(error)}.`,
  email_not_sent: () => 'The email could not be sent. Try again in a moment, or use another way.',
  network_error: () => 'The service could not be reached. Check your connection and try again.',

  // The browser's side of passkeys (webauthn.js): nothing was sent to the service.
  passkey_not_created: () => 'No passkey was made: the browser\'s prompt was closed or timed out. Nothing was '
    + 'changed; add it again when you are ready.',
  passkey_not_used: () => 'No passkey was used: the browser\'s prompt was closed or timed out. Nothing was spent; '
    + 'choose "Use a passkey" again when you are ready.',
  passkey_already_on_this_device: () => 'This device or security key already holds one of your passkeys. Use '
    + 'another one, or remove the old passkey first.',
  passkey_wrong_domain: (error) => `The browser does not allow passkeys for ${error.rpId ?? 'this service'} on `
    + `${error.host}. Open this page at the domain the service's passkeys are set up for.`,
  passkey_not_supported: () => 'This device cannot make a passkey of a kind the service accepts. Try a security '
    + 'key or another device.',
  passkey_failed: (error) => `The browser could not use a passkey (${error.browserError}). Try again.`,
  passkeys_need_a_domain: (error) => `Passkeys need a domain name, and this page was opened at the IP address `
    + `${error.host}. ${error.suggestion ? `Open it at ${error.suggestion} instead.`
      : 'Open it at the domain name the service is set up for.'}`,
  passkeys_need_https: () => 'Passkeys need a secure page: open this page over https.',
  passkeys_unsupported: () => 'This browser cannot use passkeys. Use a current Chrome, Edge, Firefox or Safari.',
};

function attemptsLeft(error) {
  return `${error.attemptsRemaining ?? 'Some'} attempt${error.attemptsRemaining === 1 ? '' : 's'} left.`;
}

/**
 * The sentence for a failed call or passkey prompt; {method} tells apart "not enrolled" for push, TOTP, email and
 * passkey, and a refused passkey from a refused phone decision.
 */
export function problemSentence(error, { method } = {}) {
  const sentence = PROBLEMS[`${error.code}:${method}`] ?? PROBLEMS[error.code];
  if (sentence) {
    return sentence(error);
  }
  return error.detail ?? error.title ?? 'Something went wrong. Try again.';
}

const OUTCOMES = {
  'reported_suspicious:email': 'The email request was reported with "This wasn\'t me", so email codes are paused '
    + 'for 15 minutes. Use another way below.',
  user_denied: 'The request was denied on your phone.',
  number_mismatch: 'The number entered on your phone did not match the number shown here.',
  reported_suspicious: 'You reported the request as suspicious, so requests to your phone are paused for a while. '
    + 'Use another way below, or try again later.',
  too_many_attempts: 'Too many wrong codes. Start again.',
};

/** The sentence for a verification that ended without approval. */
export function outcomeSentence(verification) {
  switch (verification.status) {
    case 'expired':
      return 'The request expired before it was approved.';
    case 'cancelled':
      return 'The request was cancelled.';
    default:
      return OUTCOMES[`${verification.reason}:${verification.method}`] ?? OUTCOMES[verification.reason]
        ?? `The request ended: ${verification.status}.`;
  }
}

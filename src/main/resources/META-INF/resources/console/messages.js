/**
 * What a person reads: a sentence for every problem code and every way a verification can end. A code this map
 * does not know reads as the problem's own detail.
 */

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
    + 'local mode: open the phone page and choose "Enroll this browser as a phone"), or use another way below.',
  'method_not_enrolled:totp': () => 'You have no authenticator app set up. Use your phone or an email link instead.',
  'method_not_enrolled:email': () => 'Email links are not available for your account. Use your phone or an '
    + 'authenticator app instead.',
  push_blocked: (error) => 'Requests to your phone are paused because you reported one as suspicious. You can use '
    + `your phone again ${after(error)}; until then, use another way below.`,
  too_many_verifications: (error) => `You have started too many requests. Try again ${after(error)}.`,
  too_many_attempts: (error) => `Too many wrong codes. Codes are locked; try again ${after(error)}.`,
  rate_limited: (error) => `Too many requests in a short time. Try again ${after(error)}.`,
  invalid_code: (error) => (error.attemptsRemaining === 0
    ? 'That code is not right, and it was the last attempt. Start again.'
    : `That code is not right. ${error.attemptsRemaining ?? 'Some'} attempt${error.attemptsRemaining === 1 ? '' : 's'}`
      + ' left.'),
  code_already_used: () => 'That code was already used. Wait for the next code in your authenticator app.',
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
    + 'verification with it first.',
  too_many_devices: () => 'You have the most phones allowed. Remove one first.',
  service_unavailable: (error) => `The service is briefly unavailable; nothing was changed. Try again ${after(error)}.`,
  email_not_sent: () => 'The email could not be sent. Try again in a moment, or use another way.',
  network_error: () => 'The service could not be reached. Check your connection and try again.',
};

/** The sentence for a failed call; {method} tells apart "not enrolled" for push, TOTP and email. */
export function problemSentence(error, { method } = {}) {
  const sentence = PROBLEMS[`${error.code}:${method}`] ?? PROBLEMS[error.code];
  if (sentence) {
    return sentence(error);
  }
  return error.detail ?? error.title ?? 'Something went wrong. Try again.';
}

const OUTCOMES = {
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
      return OUTCOMES[verification.reason] ?? `The request ended: ${verification.status}.`;
  }
}

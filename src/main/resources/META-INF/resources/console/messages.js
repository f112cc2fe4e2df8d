/**
 * What a person reads: every sentence and label of the console, a sentence for every problem code and every way a
 * verification can end.
 */

/**
 * The console's words, one entry per key (camelCase). An entry is a string, in which {name} is replaced by a value, or
 * a function of the values. mount(element, {messages}) overrides any entry by key; the main keys are in
 * docs/console.md.
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
  confirmIdentity: 'Confirm your identity to continue',
  purposeReveal: 'view the SCIM token',
  purposeRotate: 'rotate the SCIM token',
  purposeRevoke: 'revoke the SCIM token',
  purposeManageFactors: 'change how you confirm it is you',
  purposeManageClients: 'change the OAuth clients for provisioning',
  noWayToConfirm: 'To {purpose}, you need a way to confirm it is you, and you have none yet. Set one up under '
    + '"Sign-in methods" first.',
  approveOnPhone: 'To {purpose}, approve the request on your phone.',
  approveOnPhoneOrAnotherWay: 'To {purpose}, approve the request on your phone, or use another way below.',
  confirmInOneOfTheseWays: 'To {purpose}, confirm it is you in one of these ways.',
  confirmThisWay: 'To {purpose}, confirm it is you this way.',
  otherWays: 'Other ways to confirm',
  typeThisNumber: 'Type this number on your phone',
  sentTo: 'Sent to {phones}.',
  sentToYourPhones: 'Sent to your phones.',
  usePasskey: 'Use a passkey',
  passkeyUnusableHere: 'You have a passkey, but it cannot be used on this page.',
  authenticatorCode: 'Authenticator code',
  authenticatorCodeHint: 'The 6-digit code from your authenticator app.',
  enterAuthenticatorCode: 'Enter the 6-digit code from your authenticator app.',
  verifyCode: 'Verify code',
  recoveryCode: 'Recovery code',
  recoveryCodeHint: 'One of the recovery codes you saved, such as 7hq2-m9xk. Each works once.',
  enterRecoveryCode: 'Enter one of your recovery codes, such as 7hq2-m9xk.',
  useRecoveryCode: 'Use a recovery code',
  verifyRecoveryCode: 'Verify recovery code',
  emailMeACode: 'Email me a code',
  emailCode: 'Code from the email',
  emailCodeHint: 'The 8-digit code in the email.',
  enterEmailCode: 'Enter the 8-digit code from the email.',
  verifyEmailCode: 'Verify emailed code',
  // Show Token
  showTokenTitle: 'Show Token',
  pasteIntoIdentityProvider: 'Paste it into your identity provider\'s provisioning settings. To see it again later, '
    + 'you will need a new verification.',
  scimToken: 'SCIM token',
  showToken: 'Show token',
  hideToken: 'Hide token',
  copy: 'Copy',
  copied: 'Copied',
  copyNotAllowed: 'Copying is not allowed here: show the token, select it and copy it yourself.',
  newTokenPreviousKeepsWorking: 'This is the new token. The previous token keeps working until {when}.',
  newTokenPreviousStopped: 'This is the new token. The previous token no longer works.',

  // Rotate token
  rotateIntro: 'Rotating issues a new token. Give your identity provider the new token before the current one stops '
    + 'working.',
  graceQuestion: 'How long should the current token keep working?',
  graceNone: 'None: it stops working at once',
  graceOneHour: '1 hour',
  graceOneDay: '1 day',
  graceSevenDays: '7 days',
  chooseGracePeriod: 'Choose how long the current token keeps working.',

  // Revoke token
  revokeIntro: 'The token stops working at once: your identity provider can no longer provision users until an owner '
    + 'generates a new token.',
  typeWorkspaceIdBefore: 'To confirm, type the workspace id ',
  typeWorkspaceIdAfter: '.',
  workspaceId: 'Workspace id',
  typeWorkspaceIdExactly: 'Type {workspaceId} exactly to confirm.',

  // OAuth clients
  oauthClients: 'OAuth clients',
  oauthClientsIntro: 'Instead of the SCIM token, an identity provider can get short-lived access tokens: with '
    + 'a client ID and a secret, or, in Microsoft Entra ID, with a federated credential and no secret at all.',
  oauthClientsUnreadable: 'The OAuth clients could not be listed. {reason}',
  onlyOwnersManageClients: 'Only workspace owners can create and change OAuth clients.',
  noOauthClients: 'No OAuth clients yet.',
  createClient: 'Create client',
  createClientTitle: 'Create an OAuth client',
  createClientIntro: 'A client is one identity provider\'s way in: after creating it, add a secret or a federated '
    + 'credential.',
  clientName: 'Name',
  clientNameHint: 'How the list names it, such as "Microsoft Entra ID".',
  enterClientName: 'Enter a name for the client.',
  clientNameTooLong: 'Use at most 100 characters.',
  clientCreated: 'OAuth client "{name}" created. Add a secret or a federated credential next.',
  clientCreatedBy: 'Created {when} by {who}',
  valuesToPaste: 'Values to paste into Microsoft Entra ID',
  valuesToPasteIntro: 'Under Provisioning, choose OAuth 2.0 client credentials and paste these, with a secret from '
    + 'below.',
  clientIdLabel: 'Client ID',
  tokenUrlLabel: 'Token URL',
  scimUrlLabel: 'SCIM URL (Tenant URL)',
  tokenUrlUnknown: 'Not known yet: the service\'s administrator sets scim-token.oauth.issuer to its public URL.',
  scimUrlUnknown: 'Use your SCIM server\'s URL, where the identity provider sends users and groups.',
  copyValue: 'Copy',
  copiedValue: '{label} copied.',
  copyValueNotAllowed: 'Copying is not allowed here: select the {label} and copy it yourself.',
  clientSecrets: 'Secrets',
  noClientSecrets: 'No active secrets.',
  secretCreatedExpires: 'added {when}, expires {expires}',
  secretCreatedNeverExpires: 'added {when}, does not expire',
  addSecret: 'Add secret',
  twoSecretsAtMost: 'A client has at most two active secrets. To rotate, revoke the old one once the identity '
    + 'provider uses the new one.',
  revokeSecret: 'Revoke',
  revokeSecretTitle: 'Revoke secret',
  revokeSecretIntro: 'Secret {hint} stops working at once, and so do the access tokens issued with it.',
  revokeSecretOtherWorks: 'The other secret, {hint}, keeps working.',
  revokeSecretLast: 'It is this client\'s last secret: the identity provider cannot get access tokens with a secret '
    + 'until you add a new one.',
  secretRevoked: 'Secret {hint} revoked: it no longer works.',
  addSecretTitle: 'Add a client secret',
  addSecretIntro: 'To rotate without downtime: add a second secret, give it to the identity provider, then revoke '
    + 'the first.',
  secretExpiresInDays: 'Expires after (days)',
  secretExpiresInDaysHint: '1 to 1095 days (three years). Leave it empty for a secret that does not expire.',
  enterSecretDays: 'Enter a number of days from 1 to 1095, or leave it empty.',
  secretAdded: 'Secret {hint} added.',
  clientSecretTitle: 'New client secret',
  clientSecretIntro: 'Paste it into your identity provider with the client ID of "{name}". This is the only time it '
    + 'is shown: once you close this, nobody can see it again.',
  clientSecretRotationNote: 'The client now has two secrets, and both work. Once the identity provider uses this one, '
    + 'revoke the other.',
  clientSecretLabel: 'Client secret',
  showSecret: 'Show secret',
  hideSecret: 'Hide secret',
  copySecretNotAllowed: 'Copying is not allowed here: show the secret, select it and copy it yourself.',
  federatedCredentials: 'Federated credentials',
  federatedCredentialsIntro: 'With a federated credential the identity provider signs in with its own signed token: '
    + 'no secret exists that could leak.',
  noFederatedCredentials: 'No federated credentials.',
  federatedIssuer: 'Issuer',
  federatedSubject: 'Subject',
  federatedAudience: 'Audience',
  federatedJwksUri: 'JWKS URL',
  federatedAudienceDefault: 'the token URL',
  federatedAdded: 'added {when}',
  addFederatedCredential: 'Add federated credential',
  removeFederatedCredential: 'Remove',
  federatedCredentialTitle: 'Add a federated credential',
  federatedProvider: 'Identity provider',
  presetEntra: 'Microsoft Entra ID',
  presetCustom: 'Custom issuer',
  entraTenantId: 'Tenant ID',
  entraTenantIdHint: 'Your Microsoft Entra tenant\'s ID, such as 72f988bf-86f1-41af-91ab-2d7cd011db47.',
  enterTenantId: 'Enter the tenant ID, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.',
  entraObjectId: 'Object ID of the provisioning workload',
  entraObjectIdHint: 'The object ID of the enterprise application\'s service principal that provisions: the token\'s '
    + 'subject.',
  enterObjectId: 'Enter the object ID, a GUID.',
  entraAudience: 'Audience (optional)',
  entraAudienceHint: 'Such as api://<application ID>. Leave it empty to use the token URL.',
  derivedIssuer: 'Issuer',
  derivedJwksUri: 'JWKS URL',
  derivedPending: 'appears when you enter the tenant ID',
  customIssuer: 'Issuer URL',
  customIssuerHint: 'The iss of the tokens it signs, such as https://issuer.example.com.',
  enterIssuer: 'Enter the issuer\'s URL, starting with https://.',
  customSubject: 'Subject',
  customSubjectHint: 'The sub of the tokens it signs.',
  enterSubject: 'Enter the subject.',
  customAudience: 'Audience (optional)',
  customAudienceHint: 'The aud the tokens must hold. Leave it empty to use the token URL.',
  customJwksUri: 'JWKS URL (optional)',
  customJwksUriHint: 'Where its signing keys are. Leave it empty to find them by the issuer\'s OpenID discovery.',
  enterJwksUri: 'Enter a URL starting with https://, or leave it empty.',
  valueTooLong: 'Use at most {max} characters.',
  federatedCredentialAdded: 'Federated credential for {issuer} added.',
  removeFederatedCredentialTitle: 'Remove federated credential',
  removeFederatedCredentialIntro: 'Tokens signed by {issuer} for {subject} no longer get access tokens, and the '
    + 'access tokens issued with them stop working at once.',
  federatedCredentialRemoved: 'Federated credential for {issuer} removed.',
  deleteClient: 'Delete client',
  deleteClientTitle: 'Delete OAuth client',
  deleteClientIntro: '"{name}" and its secrets and federated credentials stop working at once, and so do the access '
    + 'tokens issued to it. This cannot be undone.',
  clientDeleted: 'OAuth client "{name}" deleted.',

  // Sign-in methods
  signInMethods: 'Sign-in methods',
  signInMethodsIntro: 'The ways you confirm it is you before the token is shown or changed. Keep more than one, so '
    + 'that losing a phone does not lock you out.',
  signInMethodsUnreadable: 'Your sign-in methods could not be listed. {reason}',
  phones: 'Phones',
  noPhones: 'You have no phones. Enroll one in the mobile app (in local mode: on the phone page).',
  addedWhen: 'added {when}, {used}',
  lastUsed: 'last used {when}',
  notUsedYet: 'not used yet',
  remove: 'Remove',
  phoneRemoved: 'Phone "{name}" removed. It can no longer approve requests.',
  authenticatorApp: 'Authenticator app',
  authenticatorAppIntro: 'An app such as Google Authenticator, Microsoft Authenticator or 1Password shows a new '
    + '6-digit code every 30 seconds.',
  setUpAuthenticatorApp: 'Set up an authenticator app',
  authenticatorOnSince: 'Your authenticator app is on, since {when}.',
  removeAuthenticatorApp: 'Remove authenticator app',
  scanQrCode: 'Scan the QR code with your authenticator app, then type the code it shows.',
  authenticatorSetupHint: 'The 6-digit code your app shows for this service.',
  qrCodeAlt: 'QR code for your authenticator app',
  typeKeyInstead: 'Cannot scan it? Type this key into the app instead:',
  turnOn: 'Turn on',
  cancelSetup: 'Cancel setup',
  authenticatorTurnedOn: 'Your authenticator app is on. When you are asked to confirm it is you, type the code it '
    + 'shows.',
  authenticatorRemoved: 'Authenticator app removed. Its codes no longer work.',
  recoveryCodes: 'Recovery codes',
  recoveryCodesIntro: 'If you lose your phone, a recovery code lets you confirm it is you once, to remove the phone '
    + 'and add a new one. You have none yet.',
  recoveryCodesLeft: ({ count }) => `${count} recovery code${count === 1 ? '' : 's'} left`,
  recoveryCodesMade: '(made {when}).',
  generateRecoveryCodes: 'Generate recovery codes',
  generateNewRecoveryCodes: 'Generate new recovery codes',
  recoveryCodesGenerated: ({ count }) => `${count} new recovery code${count === 1 ? '' : 's'} made. Any older codes `
    + 'no longer work.',
  saveRecoveryCodes: 'Save your recovery codes',
  saveRecoveryCodesIntro: 'Each code confirms it is you once, for a change of your sign-in methods, such as removing '
    + 'a lost phone. Keep them somewhere safe, apart from your devices: this is the only time they are shown.',
  recoveryCodesFileHeading: 'Recovery codes for {host}. Each works once.',
  copyCodesNotAllowed: 'Copying is not allowed here: use Download, or write the codes down.',
  download: 'Download',
  downloadedAs: 'Downloaded as {file}',

  // Passkeys
  passkeys: 'Passkeys',
  passkeysIntro: 'A passkey confirms that it is you with this device\'s screen lock or a security key, without a '
    + 'phone. It works on this site only, so a look-alike site cannot use it.',
  passkeysUnreadable: 'Your passkeys could not be listed. {reason}',
  noPasskeys: 'You have no passkeys yet.',
  passkeyName: 'Passkey name',
  passkeyNameHint: 'How the list names it, such as "Work laptop".',
  enterPasskeyName: 'Enter a name for the passkey.',
  addPasskey: 'Add a passkey',
  passkeyAdded: 'Passkey "{name}" added. When you are asked to confirm it is you, choose "Use a passkey".',
  noPasskeyAdded: 'No passkey was added.',
  confirmThenMakePasskeyAgain: 'You already have a way to confirm it is you: confirm with it, then make the passkey '
    + 'again.',
  followBrowserPrompt: 'Follow your browser\'s prompt to make the passkey…',
  passkeyRemoved: 'Passkey "{name}" removed.',

  // The email's confirm page (confirm.js)
  emailConfirmation: 'Email confirmation',
  linkIncomplete: 'This link is not complete. Open the link from the email again, or type the code from the email in '
    + 'the window that asked for it.',
  lookingForWindow: 'Looking for the window that asked…',
  confirmingInWindow: 'Confirming in the window that asked…',
  confirmedInWindow: 'Done: the window that asked continues. You can close this page.',
  windowDidNotAnswer: 'The window that asked did not answer. Type the code there.',
  notAskedHere: 'This browser did not ask for this email, so opening the link confirms nothing here.',
  typeCodeInWindow: 'If you asked for it, type this code in the window that asked',
  notYouSaySo: 'If you did not ask for it, someone else is trying to confirm it is you: say so, and the request is '
    + 'denied.',
  thisWasntMe: 'This wasn\'t me',
  signInToReport: 'Sign in to the web app where you manage Directory Sync, then open the link again to report it.',
  reportedThankYou: 'Thank you. The request was denied, and email codes for your account are paused for 15 minutes. '
    + 'If you did not ask for it, tell your administrator: someone may be using your account.',

  // Audit log: an event is audit + its type in camelCase (scim_token.revealed: auditScimTokenRevealed)
  auditLog: 'Audit log',
  auditShow: 'Show',
  auditShowAll: 'All events',
  auditShowToken: 'Token',
  auditShowVerifications: 'Verifications',
  auditShowSignInMethods: 'Sign-in methods',
  auditShowOauthClients: 'OAuth clients',
  auditWhen: 'When',
  auditEvent: 'Event',
  auditWho: 'Who',
  auditDetails: 'Details',
  auditEmpty: 'No events yet.',
  auditUnreadable: 'The audit log could not be loaded. {reason}',
  loadMore: 'Load more',
  auditSomeone: 'The service',
  auditBy: 'by {method}',
  auditAPhone: 'a phone',
  auditGrace: 'the previous token kept working for {duration}',
  auditNoGrace: 'no time',
  auditTo: 'to {to}',
  auditFrom: 'from {address}',
  auditPurposeReveal: 'to view the token',
  auditPurposeRotate: 'to rotate the token',
  auditPurposeRevoke: 'to revoke the token',
  auditPurposeManageFactors: 'to change sign-in methods',
  auditPurposeManageClients: 'to change OAuth clients',
  auditMethodPush: 'phone',
  auditMethodTotp: 'authenticator app',
  auditMethodEmail: 'email',
  auditMethodPasskey: 'passkey',
  auditMethodRecoveryCode: 'recovery code',
  auditReasonUserDenied: 'denied on the phone',
  auditReasonNumberMismatch: 'the number did not match',
  auditReasonReportedSuspicious: 'reported as suspicious',
  auditReasonTooManyAttempts: 'too many wrong codes',
  auditVerificationStarted: 'Verification started',
  auditVerificationStartRefused: 'Verification refused',
  auditVerificationApproved: 'Verification approved',
  auditVerificationDenied: 'Verification denied',
  auditVerificationReported: 'Verification reported as suspicious',
  auditVerificationCancelled: 'Verification cancelled',
  auditVerificationExpired: 'Verification expired',
  auditVerificationFailed: 'Verification failed',
  auditVerificationCodeFailed: 'Wrong code entered',
  auditVerificationEmailSent: 'Verification email sent',
  auditVerificationAssertionRejected: 'Phone decision rejected',
  auditVerificationPasskeyFailed: 'Passkey not accepted',
  auditVerificationClientBindingMismatch: 'Code typed in another browser window',
  auditScimTokenCreated: 'Token created',
  auditScimTokenRevealed: 'Token viewed',
  auditScimTokenRevealRefused: 'Token view refused',
  auditScimTokenRotated: 'Token rotated',
  auditScimTokenRotateRefused: 'Rotation refused',
  auditScimTokenRevoked: 'Token revoked',
  auditScimTokenRevokeRefused: 'Revocation refused',
  auditScimTokenLeakReported: 'Token reported as leaked',
  auditDeviceEnrolled: 'Phone enrolled',
  auditDeviceRemoved: 'Phone removed',
  auditTotpEnrolled: 'Authenticator app set up',
  auditTotpRemoved: 'Authenticator app removed',
  auditTotpCodeFailed: 'Wrong authenticator code',
  auditPasskeyRegistered: 'Passkey added',
  auditPasskeyRemoved: 'Passkey removed',
  auditPasskeyCounterRegressed: 'Passkey counter went backwards (a cloned passkey?)',
  auditFactorChangeRefused: 'Sign-in method change refused',
  auditFactorReset: 'Sign-in methods reset by an operator',
  auditRecoveryCodeUsed: 'Recovery code used',
  auditRecoveryCodesGenerated: 'Recovery codes generated',
  auditUserCodesLocked: 'Codes locked after wrong attempts',
  auditOauthClientCreated: 'OAuth client created',
  auditOauthClientDeleted: 'OAuth client deleted',
  auditOauthClientSecretAdded: 'Client secret added',
  auditOauthClientSecretRevoked: 'Client secret revoked',
  auditOauthClientChangeRefused: 'OAuth client change refused',
  auditOauthClientFederatedCredentialAdded: 'Federated credential added',
  auditOauthClientFederatedCredentialRemoved: 'Federated credential removed',

  // Shared
  cancel: 'Cancel',
  close: 'Close',
  continue: 'Continue',
  errorPrefix: 'Error: ',
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

  // Problems: a sentence per problem code (problem<Code>, or problem<Code>For<Method> for one way of confirming).
  // The values: the problem's fields (detail, attemptsRemaining, ...), after ("after 10:42 (in 15 minutes)") and
  // attemptsLeft ("4 attempts left.").
  problemMethodNotEnrolledForPush: () => 'You have no phone set up for approvals. Enroll one in the mobile app (in '
    + 'local mode: open the phone page and choose "Enroll this browser as a phone"), set up another way under '
    + '"Sign-in methods", or use another way below.',
  problemMethodNotEnrolledForTotp: () => 'You have no authenticator app set up. Use another way below.',
  problemMethodNotEnrolledForEmail: () => 'Your account has no email address for codes. Use another way below.',
  problemMethodNotEnrolledForPasskey: () => 'You have no passkey any more. Use another way below.',
  problemMethodNotEnrolledForRecoveryCode: () => 'You have no recovery codes left. Use another way below.',
  problemMethodNotAllowed: () => 'This way of confirming cannot be used for this. Use another way below.',
  problemMethodNotAllowedForEmail: () => 'An email code cannot confirm this: email is the easiest way to phish. Use your '
    + 'phone, a passkey or your authenticator app.',
  problemMethodNotAllowedForRecoveryCode: () => 'A recovery code can only confirm a change to your sign-in methods.',
  problemClientBindingMismatch: () => 'This code works only in the browser window that asked for it. Type it into the '
    + '"Code from the email" field of that window.',
  problemEmailBlocked: (error) => 'Email codes are paused because one was reported with "This wasn\'t me". You can use '
    + `email again ${error.after}; until then, use another way.`,
  problemNoFactor: () => 'Recovery codes are a way back to your other sign-in methods: set up a phone, an authenticator '
    + 'app or a passkey first.',
  problemEnrollmentExpired: () => 'The setup took too long and has expired. Start it again.',
  problemTotpAlreadyEnrolled: () => 'You already have an authenticator app. Remove it first to set up another.',
  problemDeviceNotFound: () => 'That phone was already removed.',
  problemPushBlocked: (error) => 'Requests to your phone are paused because you reported one as suspicious. You can use '
    + `your phone again ${error.after}; until then, use another way below.`,
  problemTooManyVerifications: (error) => `You have started too many requests. Try again ${error.after}.`,
  problemTooManyAttempts: (error) => `Too many wrong codes. Codes are locked; try again ${error.after}.`,
  problemTooManyAttemptsForPasskey: (error) => 'Too many failed attempts. Passkeys and codes are locked; try again '
    + `${error.after}.`,
  problemRateLimited: (error) => `Too many requests in a short time. Try again ${error.after}.`,
  problemInvalidCodeForRecoveryCode: (error) => (error.attemptsRemaining === 0
    ? 'That recovery code is not right or was already used, and it was the last attempt. Start again.'
    : `That recovery code is not right or was already used. ${error.attemptsLeft}`),
  problemInvalidCodeForEmail: (error) => (error.attemptsRemaining === 0
    ? 'That is not the code from the email, and it was the last attempt. Start again.'
    : `That is not the code from the email. ${error.attemptsLeft}`),
  problemInvalidCode: (error) => {
    if (error.attemptsRemaining === null || error.attemptsRemaining === undefined) {
      // Turning on an authenticator app counts no attempts: the code only proves that the app was set up right.
      return 'That code is not right. Type the code your app shows now for this service.';
    }
    return error.attemptsRemaining === 0 ? 'That code is not right, and it was the last attempt. Start again.'
      : `That code is not right. ${error.attemptsLeft}`;
  },
  problemCodeAlreadyUsed: () => 'That code was already used. Wait for the next code in your authenticator app.',
  problemInvalidAssertionForPasskey: (error) => (error.attemptsRemaining === 0
    ? 'Your passkey was not accepted, and that was the last attempt. Start again.'
    : `Your passkey was not accepted. ${error.detail ? `${error.detail} ` : ''}${error.attemptsLeft}`),
  problemInvalidCredential: (error) => `The passkey was not added. ${error.detail ? `${error.detail} ` : ''}Try again; if `
    + 'it keeps happening, tell your administrator what it says.',
  problemPasskeyNotFound: () => 'That passkey was already removed.',
  problemTooManyPasskeys: () => 'You have the most passkeys allowed. Remove one first.',
  problemPasskeysNotConfigured: () => 'Passkeys are not set up on this service (its administrator sets '
    + 'scim-token.webauthn.rp-id). Use your phone or an authenticator app instead.',
  problemVerificationNotPending: () => 'This request is already finished. Start again.',
  problemVerificationExpired: () => 'This request expired. Try again.',
  problemVerificationRequired: () => 'Your approval is missing or too old. Start again.',
  problemVerificationAlreadyUsed: () => 'Each approval works once. Start again to see the token again.',
  problemTokenRevoked: () => 'The token was revoked. An owner must rotate it to issue a new one.',
  problemTokenExpired: () => 'The token has expired. An owner must rotate it to issue a new one.',
  problemRoleNotAllowed: () => 'Your workspace role does not allow this.',
  problemWorkspaceMismatch: () => 'You are signed in to another workspace.',
  problemUnauthorized: () => 'Your session has ended. Sign in again.',
  problemLoginTooOld: () => 'You signed in too long ago for this. Sign in again, then try once more.',
  problemStepUpRequired: () => 'You already have a way to confirm it is you. Adding or removing one needs a '
    + 'confirmation with it first.',
  problemTooManyDevices: () => 'You have the most phones allowed. Remove one first.',
  problemTooManyClients: () => 'This workspace has the most OAuth clients allowed. Delete one first.',
  problemTooManySecrets: () => 'This client already has two active secrets. Revoke one first.',
  problemClientNotFound: () => 'That OAuth client was already deleted.',
  problemSecretNotFound: () => 'That secret was already revoked.',
  problemFederatedCredentialNotFound: () => 'That federated credential was already removed.',
  problemTooManyFederatedCredentials: () => 'This client has the most federated credentials allowed. Remove one '
    + 'first.',
  problemFederatedCredentialExists: () => 'This client already trusts that issuer and subject.',
  problemServiceUnavailable: (error) => `The service is briefly unavailable; nothing was changed. Try again ${error.after}.`,
  problemEmailNotSent: () => 'The email could not be sent. Try again in a moment, or use another way.',
  problemNetworkError: () => 'The service could not be reached. Check your connection and try again.',

  // The browser's side of passkeys (webauthn.js): nothing was sent to the service.
  problemPasskeyNotCreated: () => 'No passkey was made: the browser\'s prompt was closed or timed out. Nothing was '
    + 'changed; add it again when you are ready.',
  problemPasskeyNotUsed: () => 'No passkey was used: the browser\'s prompt was closed or timed out. Nothing was spent; '
    + 'choose "Use a passkey" again when you are ready.',
  problemPasskeyAlreadyOnThisDevice: () => 'This device or security key already holds one of your passkeys. Use '
    + 'another one, or remove the old passkey first.',
  problemPasskeyWrongDomain: (error) => `The browser does not allow passkeys for ${error.rpId ?? 'this service'} on `
    + `${error.host}. Open this page at the domain the service's passkeys are set up for.`,
  problemPasskeyNotSupported: () => 'This device cannot make a passkey of a kind the service accepts. Try a security '
    + 'key or another device.',
  problemPasskeyFailed: (error) => `The browser could not use a passkey (${error.browserError}). Try again.`,
  problemPasskeysNeedADomain: (error) => `Passkeys need a domain name, and this page was opened at the IP address `
    + `${error.host}. ${error.suggestion ? `Open it at ${error.suggestion} instead.`
      : 'Open it at the domain name the service is set up for.'}`,
  problemPasskeysNeedHttps: () => 'Passkeys need a secure page: open this page over https.',
  problemPasskeysUnsupported: () => 'This browser cannot use passkeys. Use a current Chrome, Edge, Firefox or Safari.',

  somethingWentWrong: 'Something went wrong. Try again.',
  retryLater: 'later',
  retryAfter: 'after {time} (in {wait})',
  waitSeconds: ({ count }) => `${count} second${count === 1 ? '' : 's'}`,
  waitMinutes: ({ count }) => `${count} minutes`,
  attemptsLeft: ({ count }) => (count === null || count === undefined ? 'Some attempts left.'
    : `${count} attempt${count === 1 ? '' : 's'} left.`),

  // How a verification ended without approval: outcome<Reason>, or outcome<Reason>For<Method>.
  outcomeReportedSuspiciousForEmail: 'The email request was reported with "This wasn\'t me", so email codes are paused '
    + 'for 15 minutes. Use another way below.',
  outcomeUserDenied: 'The request was denied on your phone.',
  outcomeNumberMismatch: 'The number entered on your phone did not match the number shown here.',
  outcomeReportedSuspicious: 'You reported the request as suspicious, so requests to your phone are paused for a while. '
    + 'Use another way below, or try again later.',
  outcomeTooManyAttempts: 'Too many wrong codes. Start again.',

  outcomeExpired: 'The request expired before it was approved.',
  outcomeCancelled: 'The request was cancelled.',
  outcomeEnded: 'The request ended: {status}.',

  // Local mode's own pages (local/): the sign-in form, the session bar and the phone page.
  localSignIn: 'Sign in (local mode)',
  localSignInIntro: 'Signs you in with a JWT minted by this service\'s local key, for any user and role. Local mode '
    + 'only.',
  localUser: 'User',
  localUserHint: 'A user id such as {example}.',
  localWorkspace: 'Workspace',
  localRole: 'Role',
  localRoleOwner: 'Owner',
  localRoleSuperAdmin: 'Super Admin',
  localRoleAdmin: 'Admin',
  localRoleUser: 'User',
  localEmail: 'Email',
  localEmailHint: 'Optional: where verification emails go.',
  localSignInButton: 'Sign in',
  localSignedIn: 'Signed in as {userId} in workspace {workspaceId}.',
  localSignedInAs: 'Signed in as {userId}.',
  localOpenPhonePage: 'Open the phone page',
  localSignOut: 'Sign out',
  phonePageSection: 'This phone',
  phonePageIntro: 'This tab can be your phone: it makes a key pair whose private key never leaves this browser, and '
    + 'signs your answers with it.',
  phonePageName: 'Phone name',
  phonePageNameHint: 'How the web page names this phone when it sends a request.',
  phonePageDefaultName: 'Browser phone',
  phonePageEnroll: 'Enroll this browser as a phone',
  phonePageNotEnrolled: 'This browser was not enrolled.',
  phonePageEnrolledNow: 'This browser is now your phone.',
  phonePageEnrolled: 'This browser is enrolled as your phone "{name}". Keep this tab open to answer requests.',
  phonePageRequests: 'Requests waiting for you',
  phonePageNoRequests: 'No requests are waiting.',
  // What a request asks for: phonePageAction<Action>.
  phonePageActionReveal: 'View the SCIM token',
  phonePageActionRotate: 'Rotate the SCIM token',
  phonePageActionRevoke: 'Revoke the SCIM token',
  phonePageActionManageFactors: 'Change how you confirm it is you',
  phonePageRequester: 'Workspace {workspaceId}, asked from {address} with {browser}. Expires at {expiresAt}.',
  phonePageUnknownAddress: 'an unknown address',
  phonePageBrowser: '{browser} on {system}',
  phonePageUnknownBrowser: 'an unknown browser',
  phonePageUnknownSystem: 'an unknown system',
  phonePageNumber: 'Number',
  phonePageNumberHint: 'The number the web page shows.',
  phonePageNumberInvalid: 'Type the two-digit number the web page shows.',
  phonePageApprove: 'Approve',
  phonePageDeny: 'Deny',
  phonePageReport: 'Report suspicious',
  // How the phone's answer ended the request: phonePageDecided<Reason or status>, else phonePageDecided.
  phonePageDecidedApproved: 'Approved. The web page continues.',
  phonePageDecidedUserDenied: 'Denied.',
  phonePageDecidedNumberMismatch: 'The number did not match, so the request was denied.',
  phonePageDecidedReportedSuspicious: 'Reported as suspicious. Requests to your phone are paused for a while.',
  phonePageDecided: 'The request is {status}.',
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

/** Whether the table (or an override) has an entry for key. */
t.has = (key) => has(key);

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso) {
  return dateAndTime.format(new Date(iso));
}

/** "after 10:42 (in 15 minutes)", from the answer's Retry-After; "later" when the service did not say. */
function after(error) {
  if (!error.retryAt) {
    return t('retryLater');
  }
  const seconds = error.retryAfterSeconds;
  const wait = seconds < 90 ? t('waitSeconds', { count: seconds })
    : t('waitMinutes', { count: Math.round(seconds / 60) });
  return t('retryAfter', { time: clock.format(error.retryAt), wait });
}

function camel(name) {
  return name.replace(/[_:]([a-z])/g, (separator, letter) => letter.toUpperCase());
}

function has(key) {
  return Object.hasOwn(overrides, key) || Object.hasOwn(MESSAGES, key);
}

/**
 * The sentence for a failed call or passkey prompt; {method} tells apart "not enrolled" for push, TOTP, email and
 * passkey, and a refused passkey from a refused phone decision. A code the table does not know reads as the
 * problem's own detail.
 */
export function problemSentence(error, { method } = {}) {
  const values = {
    ...error, detail: error.detail, after: after(error), attemptsLeft: t('attemptsLeft', { count: error.attemptsRemaining }),
  };
  const key = [method && camel(`problem_${error.code}_for_${method}`), camel(`problem_${error.code}`)]
    .find((candidate) => candidate && error.code && has(candidate));
  return key ? t(key, values) : error.detail ?? error.title ?? t('somethingWentWrong');
}

/** The sentence for a verification that ended without approval. */
export function outcomeSentence(verification) {
  switch (verification.status) {
    case 'expired':
      return t('outcomeExpired');
    case 'cancelled':
      return t('outcomeCancelled');
    default: {
      const key = [camel(`outcome_${verification.reason}_for_${verification.method}`),
        camel(`outcome_${verification.reason}`)].find((candidate) => verification.reason && has(candidate));
      return key ? t(key) : t('outcomeEnded', { status: verification.status });
    }
  }
}

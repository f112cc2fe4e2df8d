/**
 * The one module that talks to the service. It sends the caller's JWT as a bearer token (never a cookie) and turns
 * every failure into an ApiError that carries the problem's code, detail and Retry-After.
 */

const AUDIT_PAGE_SIZE = 20;

/** A failed call: the problem+json answer, or code "network_error" when the service could not be reached. */
class ApiError extends Error {
  constructor({ status, code = null, detail = null, title = null, retryAfterSeconds = null, attemptsRemaining = null,
    errors = [] }) {
    super(detail ?? title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
    this.retryAt = retryAfterSeconds === null ? null : new Date(Date.now() + retryAfterSeconds * 1000);
    this.attemptsRemaining = attemptsRemaining;
    this.errors = errors;
  }
}

/** Retry-After is either a number of seconds or an HTTP date. */
function retryAfterSeconds(header) {
  if (header === null) {
    return null;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim());
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function request(baseUrl, method, path, { token, body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(new URL(path, baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch (failure) {
    if (failure.name === 'AbortError') {
      throw failure;
    }
    throw new ApiError({ status: 0, code: 'network_error' });
  }
  if (response.status === 204) {
    return null;
  }
  const answer = await response.json().catch(() => null);
  if (response.ok) {
    return answer;
  }
  const problem = answer ?? {};
  throw new ApiError({
    status: response.status,
    code: problem.code ?? null,
    detail: problem.detail ?? null,
    title: problem.title ?? null,
    retryAfterSeconds: retryAfterSeconds(response.headers.get('Retry-After')),
    attemptsRemaining: problem.attemptsRemaining ?? null,
    errors: problem.errors ?? [],
  });
}

/** The API as the signed-in user: getAccessToken() answers (a promise of) the current JWT. */
export function createApi({ baseUrl, getAccessToken }) {
  async function call(method, path, options = {}) {
    return request(baseUrl, method, path, { ...options, token: await getAccessToken() });
  }
  const token = (workspaceId) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/scim-token`;
  const verification = (workspaceId, id) => `${token(workspaceId)}/verifications/${encodeURIComponent(id)}`;
  const clients = (workspaceId) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/scim-clients`;
  const client = (workspaceId, clientId) => `${clients(workspaceId)}/${encodeURIComponent(clientId)}`;

  return {
    tokenMetadata: (workspaceId) => call('GET', token(workspaceId)),
    auditEvents: (workspaceId, cursor) => call('GET', `/api/v1/workspaces/${encodeURIComponent(workspaceId)}`
      + `/audit-events?limit=${AUDIT_PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),

    startVerification: (workspaceId, action, method) =>
      call('POST', `${token(workspaceId)}/verifications`, { body: { action, method } }),
    /** Answers when the verification leaves pending, or after waitSeconds with its state then. */
    followVerification: (workspaceId, id, waitSeconds, signal) =>
      call('GET', `${verification(workspaceId, id)}?waitSeconds=${waitSeconds}`, { signal }),
    cancelVerification: (workspaceId, id) => call('DELETE', verification(workspaceId, id)),
    /**
     * Completes a code verification: an authenticator code, a recovery code, or the code from an email, which also
     * needs the completionSecret its start answered (only the client that asked can complete it).
     */
    submitCode: (workspaceId, id, code, completionSecret) => call('POST', `${verification(workspaceId, id)}/code`,
      { body: { code, completionSecret: completionSecret ?? undefined } }),
    /** credential: the PublicKeyCredential JSON of navigator.credentials.get for the verification's options. */
    submitPasskey: (workspaceId, id, credential) =>
      call('POST', `${verification(workspaceId, id)}/passkey`, { body: { credential } }),

    reveal: (workspaceId, verificationId) => call('POST', `${token(workspaceId)}/reveal`, { body: { verificationId } }),
    rotate: (workspaceId, verificationId, gracePeriodSeconds) =>
      call('POST', `${token(workspaceId)}/rotate`, { body: { verificationId, gracePeriodSeconds } }),
    revoke: (workspaceId, verificationId) => call('POST', `${token(workspaceId)}/revoke`, { body: { verificationId } }),

    /** {items: [{clientId, name, createdAt, createdBy, secrets, federatedCredentials}], tokenUrl?, scimUrl?}. */
    scimClients: (workspaceId) => call('GET', clients(workspaceId)),
    createScimClient: (workspaceId, name, verificationId) =>
      call('POST', clients(workspaceId), { body: { name, verificationId } }),
    deleteScimClient: (workspaceId, clientId, verificationId) => call('DELETE',
      `${client(workspaceId, clientId)}?verificationId=${encodeURIComponent(verificationId)}`),
    /** The new secret, answered once (Cache-Control: no-store): {clientSecret, hint, ...}. Nothing keeps it. */
    addClientSecret: (workspaceId, clientId, verificationId, expiresInDays) => call('POST',
      `${client(workspaceId, clientId)}/secrets`, { body: { verificationId, expiresInDays: expiresInDays ?? undefined } }),
    revokeClientSecret: (workspaceId, clientId, secretId, verificationId) => call('DELETE',
      `${client(workspaceId, clientId)}/secrets/${encodeURIComponent(secretId)}`
      + `?verificationId=${encodeURIComponent(verificationId)}`),
    /** credential: {issuer, subject, audience?, jwksUri?}. */
    addFederatedCredential: (workspaceId, clientId, credential, verificationId) => call('POST',
      `${client(workspaceId, clientId)}/federated-credentials`, { body: { ...credential, verificationId } }),
    removeFederatedCredential: (workspaceId, clientId, credentialId, verificationId) => call('DELETE',
      `${client(workspaceId, clientId)}/federated-credentials/${encodeURIComponent(credentialId)}`
      + `?verificationId=${encodeURIComponent(verificationId)}`),

    /** {devices, totp: {confirmedAt} | null, passkeys, recoveryCodes: {remaining, createdAt} | null}. */
    myFactors: () => call('GET', '/api/v1/me/factors'),
    myDevices: () => call('GET', '/api/v1/me/devices'),
    /** verificationId: an approved manage_factors verification, unless the phone is the caller's first factor. */
    enrollDevice: (name, publicKey, verificationId) => call('POST', '/api/v1/me/devices',
      { body: { name, publicKey, verificationId: verificationId ?? undefined } }),
    removeDevice: (id, verificationId) => call('DELETE',
      `/api/v1/me/devices/${encodeURIComponent(id)}?verificationId=${encodeURIComponent(verificationId)}`),
    /** Starts an authenticator app's enrollment: {secret, otpauthUri, qrCode, ...}. */
    enrollTotp: (verificationId) => call('POST', '/api/v1/me/totp',
      verificationId ? { body: { verificationId } } : {}),
    confirmTotp: (code, verificationId) => call('POST', '/api/v1/me/totp/confirm',
      { body: { code, verificationId: verificationId ?? undefined } }),
    removeTotp: (verificationId) => call('POST', '/api/v1/me/totp/remove', { body: { verificationId } }),
    /** Ten new single-use recovery codes, answered once: {codes, createdAt}. They replace the old ones. */
    generateRecoveryCodes: (verificationId) => call('POST', '/api/v1/me/recovery-codes', { body: { verificationId } }),
    /** "This wasn't me": denies an email verification by the code its mail carried and pauses email codes. */
    reportEmailVerification: (id, code) =>
      call('POST', `/api/v1/me/verifications/${encodeURIComponent(id)}/report`, { body: { code } }),
    myPendingVerifications: () => call('GET', '/api/v1/me/verifications'),
    myPasskeys: () => call('GET', '/api/v1/me/passkeys'),
    passkeyOptions: () => call('POST', '/api/v1/me/passkeys/options'),
    /** verificationId: an approved manage_factors verification, unless the passkey is the caller's first factor. */
    registerPasskey: (name, credential, verificationId) =>
      call('POST', '/api/v1/me/passkeys', { body: { name, credential, verificationId: verificationId ?? undefined } }),
    removePasskey: (id, verificationId) => call('DELETE',
      `/api/v1/me/passkeys/${encodeURIComponent(id)}?verificationId=${encodeURIComponent(verificationId)}`),
    decide: (id, assertion) =>
      call('POST', `/api/v1/me/verifications/${encodeURIComponent(id)}/decision`, { body: { assertion } }),
  };
}

/** Local mode only: a JWT signed with the service's local key, for {sub, workspaceId, roles, email}. */
export function mintLocalJwt(baseUrl, claims) {
  return request(baseUrl, 'POST', '/local/jwt', { body: claims });
}

import { decodeText } from './base64url.js';

/**
 * The claims of a JWT, read without checking its signature: only to decide what to show. The service checks the
 * JWT on every call and refuses what the roles do not allow.
 */
export function claimsOf(jwt) {
  try {
    return JSON.parse(decodeText(jwt.split('.')[1]));
  } catch {
    return {};
  }
}

function rolesOf(claims) {
  return Array.isArray(claims.groups) ? claims.groups : [];
}

/** Owners, super admins and admins see the token; only owners rotate and revoke it. */
export function canViewToken(claims) {
  return rolesOf(claims).some((role) => ['owner', 'super_admin', 'admin'].includes(role));
}

export function canManageToken(claims) {
  return rolesOf(claims).includes('owner');
}

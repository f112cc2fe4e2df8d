import { encode, encodeText } from '../base64url.js';

/**
 * The phone's key: a P-256 key pair made by WebCrypto whose private half cannot be exported, kept in IndexedDB
 * with the device id the service gave it (one device per user id), and the ES256 decisions it signs.
 */

const DATABASE = 'scim-token-phone';
const STORE = 'devices';

function openDatabase() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, work) {
  const database = await openDatabase();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

/** {deviceId, name, privateKey} of the user's device in this browser, or undefined. */
export function loadDevice(userId) {
  return inStore('readonly', (store) => store.get(userId));
}

export function saveDevice(userId, device) {
  return inStore('readwrite', (store) => store.put(device, userId));
}

export function forgetDevice(userId) {
  return inStore('readwrite', (store) => store.delete(userId));
}

/** A new key pair: the private key stays inside WebCrypto; the public one leaves as the JWK enrollment sends. */
export async function newKeyPair() {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return { privateKey: keys.privateKey, publicJwk: { kty, crv, x, y } };
}

/** The decision as an ES256 compact JWS: header {alg, kid: deviceId}, payload {vid, decision, number?, iat}. */
export async function signDecision(device, verificationId, decision, number) {
  const header = encodeText(JSON.stringify({ alg: 'ES256', kid: device.deviceId }));
  const payload = encodeText(JSON.stringify({
    vid: verificationId, decision, number, iat: Math.floor(Date.now() / 1000),
  }));
  const signingInput = `${header}.${payload}`;
  // WebCrypto's ECDSA signature is already the 64-byte r || s that JWS wants (not DER as in Java).
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.privateKey,
    new TextEncoder().encode(signingInput));
  return `${signingInput}.${encode(signature)}`;
}

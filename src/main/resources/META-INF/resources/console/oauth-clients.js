import { field, h, liveRegion, uid } from './dom.js';
import { formatDateTime, problemSentence, t } from './messages.js';
import { ask, ModalElement } from './modal.js';
import { SecretField } from './secret-field.js';
import './step-up-dialog.js';

/** What the service accepts (api-v1 §14): a client's name, and a secret's lifetime in days. */
const NAME_MAX = 100;
const SECRET_DAYS_MAX = 1095;
const SECRETS_MAX = 2;
/** A federated credential's issuer, audience and JWKS URL, and its subject. */
const URL_MAX = 512;
const SUBJECT_MAX = 256;
const SECRET_WORDS = {
  label: 'clientSecretLabel', show: 'showSecret', hide: 'hideSecret', copyNotAllowed: 'copySecretNotAllowed',
};
/** A Microsoft Entra tenant id and a service principal's object id are GUIDs; Entra's tokens write them lower-case. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Microsoft Entra ID's issuer and signing keys for a tenant (its workload identity federation for SCIM). */
export function entraIssuer(tenantId) {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

export function entraJwksUri(tenantId) {
  return `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;
}

function modal(tag, properties) {
  return Object.assign(document.createElement(tag), properties);
}

function textField(label, hint, { maxLength, inputMode } = {}) {
  return field({
    label,
    hint,
    control: h('input', { type: 'text', autocomplete: 'off', spellcheck: false, maxLength, inputMode }),
  });
}

function isWebUrl(text) {
  try {
    return ['https:', 'http:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The buttons at the bottom of a dialog's form: the confirming one first, Cancel last. */
function formActions(dialog, label, className) {
  return h('div', { className: 'scim-actions' },
    h('button', { type: 'submit', className }, label),
    h('button', { type: 'button', className: 'scim-secondary', onclick: () => dialog.close() }, t('cancel')));
}

/** <scim-create-client-dialog>: "Create an OAuth client", asks for its name. Closes with {name}, or null. */
class CreateClientDialog extends ModalElement {
  #name = textField(t('clientName'), t('clientNameHint'), { maxLength: NAME_MAX });

  render() {
    return {
      heading: t('createClientTitle'),
      content: h('form', { className: 'scim-wide-fields', noValidate: true, onsubmit: (event) => this.#submit(event) },
        h('p', {}, t('createClientIntro')),
        this.#name.root,
        formActions(this, t('continue'))),
    };
  }

  opened() {
    this.#name.control.focus();
  }

  #submit(event) {
    event.preventDefault();
    const name = this.#name.control.value.trim();
    if (!name || name.length > NAME_MAX) {
      this.#name.showError(name ? t('clientNameTooLong') : t('enterClientName'));
      this.#name.control.focus();
      return;
    }
    this.close({ name });
  }
}

customElements.define('scim-create-client-dialog', CreateClientDialog);

/**
 * <scim-add-secret-dialog>: "Add a client secret", asks how many days it works (a year unless changed; empty: it does
 * not expire). Closes with {expiresInDays} (a number or null), or null.
 */
class AddSecretDialog extends ModalElement {
  #days = textField(t('secretExpiresInDays'), t('secretExpiresInDaysHint'), { maxLength: 4, inputMode: 'numeric' });

  render() {
    this.#days.control.value = '365';
    return {
      heading: t('addSecretTitle'),
      content: h('form', { noValidate: true, onsubmit: (event) => this.#submit(event) },
        h('p', {}, t('addSecretIntro')),
        this.#days.root,
        formActions(this, t('continue'))),
    };
  }

  #submit(event) {
    event.preventDefault();
    const typed = this.#days.control.value.trim();
    const days = Number(typed);
    if (typed && !(/^\d+$/.test(typed) && days >= 1 && days <= SECRET_DAYS_MAX)) {
      this.#days.showError(t('enterSecretDays'));
      this.#days.control.focus();
      return;
    }
    this.close({ expiresInDays: typed ? days : null });
  }
}

customElements.define('scim-add-secret-dialog', AddSecretDialog);

/**
 * <scim-client-secret-dialog>: "New client secret". The secret, masked until shown, with Copy: this is the only time
 * anyone sees it. Closing the dialog drops it from the page; it is never written anywhere else (no storage, no
 * address, no log).
 *
 * Set before connecting: secret, clientName, and rotation (true when the client now has two secrets).
 */
class ClientSecretDialog extends ModalElement {
  secret;
  clientName = '';
  rotation = false;

  #shown;

  render() {
    this.#shown = new SecretField(this.secret, SECRET_WORDS);
    this.secret = null;
    return {
      heading: t('clientSecretTitle'),
      content: [
        h('p', {}, t('clientSecretIntro', { name: this.clientName })),
        this.rotation ? h('p', {}, t('clientSecretRotationNote')) : null,
        ...this.#shown.elements(() => this.close()),
      ],
    };
  }

  closing() {
    this.#shown.forget();
  }
}

customElements.define('scim-client-secret-dialog', ClientSecretDialog);

/**
 * <scim-confirm-change-dialog>: asks before a change that stops something working (revoke a secret, remove a
 * federated credential, delete a client). Closes with true, or null.
 *
 * Set before connecting: headingText, sentences and confirmLabel.
 */
class ConfirmChangeDialog extends ModalElement {
  headingText;
  sentences = [];
  confirmLabel;

  render() {
    return {
      heading: this.headingText,
      content: h('form', { noValidate: true, onsubmit: (event) => { event.preventDefault(); this.close(true); } },
        this.sentences.filter(Boolean).map((sentence) => h('p', {}, sentence)),
        formActions(this, this.confirmLabel, 'scim-warning')),
    };
  }
}

customElements.define('scim-confirm-change-dialog', ConfirmChangeDialog);

/**
 * <scim-federated-credential-dialog>: "Add a federated credential". The "Microsoft Entra ID" preset asks for the
 * tenant id and fills in Entra's issuer and JWKS URL from it, then the provisioning workload's object id (the
 * subject) and an optional audience (such as api://<app id>); "Custom issuer" asks for the issuer, subject, audience
 * and JWKS URL as they are. Closes with {issuer, subject, audience?, jwksUri?}, or null.
 */
class FederatedCredentialDialog extends ModalElement {
  #presetName = uid('scim-preset');
  #entra = h('input', { type: 'radio', id: uid('scim-preset-entra'), name: this.#presetName, value: 'entra',
    checked: true, onchange: () => this.#showPreset() });
  #custom = h('input', { type: 'radio', id: uid('scim-preset-custom'), name: this.#presetName, value: 'custom',
    onchange: () => this.#showPreset() });
  #tenant = textField(t('entraTenantId'), t('entraTenantIdHint'), { maxLength: 36 });
  #objectId = textField(t('entraObjectId'), t('entraObjectIdHint'), { maxLength: 36 });
  #entraAudience = textField(t('entraAudience'), t('entraAudienceHint'), { maxLength: URL_MAX });
  #derivedIssuer = h('code');
  #derivedJwksUri = h('code');
  #issuer = textField(t('customIssuer'), t('customIssuerHint'), { maxLength: URL_MAX });
  #subject = textField(t('customSubject'), t('customSubjectHint'), { maxLength: SUBJECT_MAX });
  #audience = textField(t('customAudience'), t('customAudienceHint'), { maxLength: URL_MAX });
  #jwksUri = textField(t('customJwksUri'), t('customJwksUriHint'), { maxLength: URL_MAX });
  #entraPart = h('div', { className: 'scim-preset' });
  #customPart = h('div', { className: 'scim-preset', hidden: true });

  render() {
    this.#tenant.control.addEventListener('input', () => this.#derive());
    this.#derive();
    this.#entraPart.append(this.#tenant.root,
      h('dl', { className: 'scim-facts scim-derived' },
        h('div', {}, h('dt', {}, t('derivedIssuer')), h('dd', {}, this.#derivedIssuer)),
        h('div', {}, h('dt', {}, t('derivedJwksUri')), h('dd', {}, this.#derivedJwksUri))),
      this.#objectId.root, this.#entraAudience.root);
    this.#customPart.append(this.#issuer.root, this.#subject.root, this.#audience.root, this.#jwksUri.root);
    const radio = (input, label) => h('div', { className: 'scim-radio' }, input, h('label', { htmlFor: input.id },
      label));
    return {
      heading: t('federatedCredentialTitle'),
      content: h('form', { className: 'scim-wide-fields', noValidate: true, onsubmit: (event) => this.#submit(event) },
        h('p', {}, t('federatedCredentialsIntro')),
        h('fieldset', { className: 'scim-fieldset' },
          h('legend', {}, t('federatedProvider')),
          radio(this.#entra, t('presetEntra')),
          radio(this.#custom, t('presetCustom'))),
        this.#entraPart,
        this.#customPart,
        formActions(this, t('continue'))),
    };
  }

  /** Entra's issuer and JWKS URL for the tenant typed so far, once it is a tenant id. */
  #derive() {
    const tenant = this.#tenant.control.value.trim().toLowerCase();
    const known = GUID.test(tenant);
    this.#derivedIssuer.textContent = known ? entraIssuer(tenant) : t('derivedPending');
    this.#derivedJwksUri.textContent = known ? entraJwksUri(tenant) : t('derivedPending');
    this.#derivedIssuer.classList.toggle('scim-note', !known);
    this.#derivedJwksUri.classList.toggle('scim-note', !known);
    if (known) {
      this.#tenant.clearError();
    }
  }

  #showPreset() {
    this.#entraPart.hidden = !this.#entra.checked;
    this.#customPart.hidden = this.#entra.checked;
  }

  #submit(event) {
    event.preventDefault();
    const fields = this.#entra.checked ? [this.#tenant, this.#objectId, this.#entraAudience]
      : [this.#issuer, this.#subject, this.#audience, this.#jwksUri];
    fields.forEach((one) => one.clearError());
    const credential = this.#entra.checked ? this.#entraCredential() : this.#customCredential();
    if (credential) {
      this.close(credential);
    }
  }

  #entraCredential() {
    const tenant = this.#tenant.control.value.trim().toLowerCase();
    const subject = this.#objectId.control.value.trim().toLowerCase();
    const audience = this.#entraAudience.control.value.trim();
    const invalid = [
      !GUID.test(tenant) && [this.#tenant, t('enterTenantId')],
      !GUID.test(subject) && [this.#objectId, t('enterObjectId')],
      audience.length > URL_MAX && [this.#entraAudience, t('valueTooLong', { max: URL_MAX })],
    ].filter(Boolean);
    if (this.#refuse(invalid)) {
      return null;
    }
    return { issuer: entraIssuer(tenant), subject, audience: audience || undefined, jwksUri: entraJwksUri(tenant) };
  }

  #customCredential() {
    const issuer = this.#issuer.control.value.trim();
    const subject = this.#subject.control.value.trim();
    const audience = this.#audience.control.value.trim();
    const jwksUri = this.#jwksUri.control.value.trim();
    const invalid = [
      !(isWebUrl(issuer) && issuer.length <= URL_MAX) && [this.#issuer, t('enterIssuer')],
      !subject && [this.#subject, t('enterSubject')],
      subject.length > SUBJECT_MAX && [this.#subject, t('valueTooLong', { max: SUBJECT_MAX })],
      audience.length > URL_MAX && [this.#audience, t('valueTooLong', { max: URL_MAX })],
      jwksUri && !(isWebUrl(jwksUri) && jwksUri.length <= URL_MAX) && [this.#jwksUri, t('enterJwksUri')],
    ].filter(Boolean);
    if (this.#refuse(invalid)) {
      return null;
    }
    return { issuer, subject, audience: audience || undefined, jwksUri: jwksUri || undefined };
  }

  /** Shows each field's error and moves the focus to the first; answers whether there was any. */
  #refuse(invalid) {
    for (const [one, sentence] of invalid) {
      one.showError(sentence);
    }
    invalid[0]?.[0].control.focus();
    return invalid.length > 0;
  }
}

customElements.define('scim-federated-credential-dialog', FederatedCredentialDialog);

/**
 * <scim-oauth-clients>: "OAuth clients", the workspace's clients for SCIM provisioning (GET …/scim-clients: owners,
 * super admins and admins). Each client shows the values to paste into Microsoft Entra ID with Copy (client id,
 * token URL, SCIM URL), its active secrets by hint and its federated credentials. Owners create clients, add a
 * secret (shown once), revoke one (a rotation without downtime: add the second, then revoke the first), add a
 * federated credential (with a Microsoft Entra ID preset) or remove one, and delete a client; every change takes
 * an approved "manage_clients" verification first and is reported in a bubbling "scim-clients-changed" event.
 *
 * Set before connecting: context = {api, workspaceId, email, emailActions?, canManage}.
 */
class OAuthClients extends HTMLElement {
  context;

  #heading = h('h3', { id: uid('scim-oauth-clients'), className: 'scim-subheading', tabIndex: -1 }, t('oauthClients'));
  #section = null;
  #clients = h('div', { className: 'scim-clients' });
  #empty = h('p', { hidden: true }, t('noOauthClients'));
  #create = h('button', { type: 'button', onclick: () => this.#createClient() }, t('createClient'));
  #status = liveRegion();
  #failure = liveRegion({ assertive: true });
  /** Each shown client's heading by client id, to give it the focus after a change. */
  #headings = new Map();
  #busy = false;

  connectedCallback() {
    if (this.childElementCount > 0) {
      return;
    }
    this.#section = h('section', { className: 'scim-oauth-clients', 'aria-labelledby': this.#heading.id,
      'aria-busy': 'true' },
    this.#heading,
    h('p', {}, t('oauthClientsIntro')),
    this.context.canManage ? h('p', {}, this.#create) : h('p', { className: 'scim-note' }, t('onlyOwnersManageClients')),
    this.#status,
    this.#failure,
    this.#empty,
    this.#clients);
    this.append(this.#section);
    this.reload();
  }

  /** Lists the clients again. */
  async reload() {
    this.#section.setAttribute('aria-busy', 'true');
    try {
      const page = await this.context.api.scimClients(this.context.workspaceId);
      this.#headings.clear();
      this.#clients.replaceChildren(...page.items.map((client) => this.#client(client, page)));
      this.#empty.hidden = page.items.length > 0;
    } catch (error) {
      this.#failure.textContent = t('oauthClientsUnreadable', { reason: problemSentence(error) });
    } finally {
      this.#section.setAttribute('aria-busy', 'false');
    }
  }

  #client(client, page) {
    const heading = h('h4', { id: uid('scim-client'), className: 'scim-client__name', tabIndex: -1 }, client.name);
    this.#headings.set(client.clientId, heading);
    const owner = this.context.canManage;
    const secrets = client.secrets ?? [];
    const credentials = client.federatedCredentials ?? [];
    const part = (name, ...content) => {
      const title = h('h5', { id: uid('scim-client-part') }, name);
      return h('section', { className: 'scim-client__part', 'aria-labelledby': title.id }, title, ...content);
    };
    return h('section', { className: 'scim-client', 'aria-labelledby': heading.id },
      heading,
      h('p', { className: 'scim-note' }, t('clientCreatedBy', { when: formatDateTime(client.createdAt),
        who: client.createdBy })),
      part(t('valuesToPaste'),
        h('p', {}, t('valuesToPasteIntro')),
        h('dl', { className: 'scim-facts scim-values' },
          this.#value(t('clientIdLabel'), client.clientId),
          this.#value(t('tokenUrlLabel'), page.tokenUrl, t('tokenUrlUnknown')),
          this.#value(t('scimUrlLabel'), page.scimUrl, t('scimUrlUnknown')))),
      part(t('clientSecrets'),
        secrets.length > 0
          ? h('ul', { className: 'scim-passkey-list' }, secrets.map((secret) => this.#secret(client, secret)))
          : h('p', {}, t('noClientSecrets')),
        owner && (secrets.length < SECRETS_MAX
          ? h('p', {}, h('button', { type: 'button', className: 'scim-secondary',
            onclick: () => this.#addSecret(client) }, t('addSecret')))
          : h('p', { className: 'scim-note' }, t('twoSecretsAtMost')))),
      part(t('federatedCredentials'),
        credentials.length > 0
          ? h('ul', { className: 'scim-passkey-list' }, credentials.map((one) => this.#credential(client, one)))
          : h('p', {}, t('noFederatedCredentials')),
        owner && h('p', {}, h('button', { type: 'button', className: 'scim-secondary',
          onclick: () => this.#addFederatedCredential(client) }, t('addFederatedCredential')))),
      owner && h('p', { className: 'scim-client__delete' }, h('button', { type: 'button', className: 'scim-danger',
        onclick: () => this.#deleteClient(client) }, t('deleteClient'),
      h('span', { className: 'scim-visually-hidden' }, ` ${client.name}`))));
  }

  /** One value to paste, with Copy; without a value, the sentence that says where to find it. */
  #value(label, value, unknown) {
    return h('div', {}, h('dt', {}, label), h('dd', {}, value
      ? h('span', { className: 'scim-copy-row' }, h('code', {}, value),
        h('button', { type: 'button', className: 'scim-secondary scim-small', onclick: () => this.#copy(label, value) },
          t('copyValue'), h('span', { className: 'scim-visually-hidden' }, ` ${label}`)))
      : h('span', { className: 'scim-note' }, unknown)));
  }

  async #copy(label, value) {
    this.#clearMessages();
    try {
      await navigator.clipboard.writeText(value);
      this.#status.textContent = t('copiedValue', { label });
    } catch {
      this.#status.textContent = t('copyValueNotAllowed', { label });
    }
  }

  #secret(client, secret) {
    const when = formatDateTime(secret.createdAt);
    return h('li', {},
      h('span', {}, h('code', {}, secret.hint), h('span', { className: 'scim-note' }, ` ${secret.expiresAt
        ? t('secretCreatedExpires', { when, expires: formatDateTime(secret.expiresAt) })
        : t('secretCreatedNeverExpires', { when })}`)),
      this.context.canManage && h('button', { type: 'button', className: 'scim-secondary',
        onclick: () => this.#revokeSecret(client, secret) }, t('revokeSecret'),
      h('span', { className: 'scim-visually-hidden' }, ` ${secret.hint}`)));
  }

  #credential(client, credential) {
    const row = (term, value) => h('div', {}, h('dt', {}, term), h('dd', {}, value));
    return h('li', {},
      h('div', { className: 'scim-credential' },
        h('dl', {},
          row(t('federatedIssuer'), h('code', {}, credential.issuer)),
          row(t('federatedSubject'), h('code', {}, credential.subject)),
          row(t('federatedAudience'), credential.audience ? h('code', {}, credential.audience)
            : t('federatedAudienceDefault')),
          credential.jwksUri ? row(t('federatedJwksUri'), h('code', {}, credential.jwksUri)) : null),
        credential.createdAt && h('p', { className: 'scim-note' }, t('federatedAdded', {
          when: formatDateTime(credential.createdAt) }))),
      this.context.canManage && h('button', { type: 'button', className: 'scim-secondary',
        onclick: () => this.#removeFederatedCredential(client, credential) }, t('removeFederatedCredential'),
      h('span', { className: 'scim-visually-hidden' }, ` ${credential.issuer} ${credential.subject}`)));
  }

  // ---- Changes -------------------------------------------------------------------------------------------------

  async #createClient() {
    if (this.#busy) {
      return;
    }
    const answer = await ask(this, modal('scim-create-client-dialog'));
    if (answer) {
      await this.#change(async (verificationId) => {
        const created = await this.context.api.createScimClient(this.context.workspaceId, answer.name,
          verificationId);
        return { sentence: t('clientCreated', { name: created.name }), focus: created.clientId };
      });
    }
  }

  async #addSecret(client) {
    if (this.#busy) {
      return;
    }
    const answer = await ask(this, modal('scim-add-secret-dialog'));
    if (answer) {
      await this.#change(async (verificationId) => {
        const added = await this.context.api.addClientSecret(this.context.workspaceId, client.clientId,
          verificationId, answer.expiresInDays);
        const shown = modal('scim-client-secret-dialog', {
          secret: added.clientSecret, clientName: client.name, rotation: (client.secrets ?? []).length > 0,
        });
        added.clientSecret = null;
        await ask(this, shown);
        return { sentence: t('secretAdded', { hint: added.hint }), focus: client.clientId };
      });
    }
  }

  async #revokeSecret(client, secret) {
    if (this.#busy) {
      return;
    }
    const other = (client.secrets ?? []).find((one) => one.secretId !== secret.secretId);
    const confirmed = await ask(this, modal('scim-confirm-change-dialog', {
      headingText: t('revokeSecretTitle'),
      sentences: [t('revokeSecretIntro', { hint: secret.hint }),
        other ? t('revokeSecretOtherWorks', { hint: other.hint }) : t('revokeSecretLast')],
      confirmLabel: t('revokeSecret'),
    }));
    if (confirmed) {
      await this.#change(async (verificationId) => {
        await this.context.api.revokeClientSecret(this.context.workspaceId, client.clientId, secret.secretId,
          verificationId);
        return { sentence: t('secretRevoked', { hint: secret.hint }), focus: client.clientId };
      });
    }
  }

  async #addFederatedCredential(client) {
    if (this.#busy) {
      return;
    }
    const credential = await ask(this, modal('scim-federated-credential-dialog'));
    if (credential) {
      await this.#change(async (verificationId) => {
        await this.context.api.addFederatedCredential(this.context.workspaceId, client.clientId, credential,
          verificationId);
        return { sentence: t('federatedCredentialAdded', { issuer: credential.issuer }), focus: client.clientId };
      });
    }
  }

  async #removeFederatedCredential(client, credential) {
    if (this.#busy) {
      return;
    }
    const confirmed = await ask(this, modal('scim-confirm-change-dialog', {
      headingText: t('removeFederatedCredentialTitle'),
      sentences: [t('removeFederatedCredentialIntro', { issuer: credential.issuer, subject: credential.subject })],
      confirmLabel: t('removeFederatedCredential'),
    }));
    if (confirmed) {
      await this.#change(async (verificationId) => {
        await this.context.api.removeFederatedCredential(this.context.workspaceId, client.clientId,
          credential.credentialId, verificationId);
        return { sentence: t('federatedCredentialRemoved', { issuer: credential.issuer }), focus: client.clientId };
      });
    }
  }

  async #deleteClient(client) {
    if (this.#busy) {
      return;
    }
    const confirmed = await ask(this, modal('scim-confirm-change-dialog', {
      headingText: t('deleteClientTitle'),
      sentences: [t('deleteClientIntro', { name: client.name })],
      confirmLabel: t('deleteClient'),
    }));
    if (confirmed) {
      await this.#change(async (verificationId) => {
        await this.context.api.deleteScimClient(this.context.workspaceId, client.clientId, verificationId);
        return { sentence: t('clientDeleted', { name: client.name }), focus: null };
      });
    }
  }

  /**
   * One change: "Confirm your identity to continue" for manage_clients first, then the change, which answers
   * {sentence, focus: the client id whose heading takes the focus, or null for the section's}; then the list again.
   */
  async #change(makeChange) {
    this.#busy = true;
    this.#clearMessages();
    try {
      const verificationId = await ask(this, modal('scim-step-up-dialog', {
        context: this.context, action: 'manage_clients',
      }));
      if (verificationId) {
        let done = { sentence: null, focus: null };
        try {
          done = await makeChange(verificationId);
        } catch (error) {
          this.#failure.textContent = problemSentence(error);
        }
        await this.reload();
        // The control that was pressed may be gone (a revoked secret's row): the heading of what changed takes over,
        // and then the change is announced.
        (this.#headings.get(done.focus) ?? this.#heading).focus();
        this.#status.textContent = done.sentence ?? '';
      }
      this.dispatchEvent(new CustomEvent('scim-clients-changed', { bubbles: true }));
    } finally {
      this.#busy = false;
    }
  }

  #clearMessages() {
    this.#status.replaceChildren();
    this.#failure.replaceChildren();
  }
}

customElements.define('scim-oauth-clients', OAuthClients);

package com.cerby.scimtoken.common.problem;

/** Every problem the API can answer, with its stable {@code code}, HTTP status and title. */
public enum ProblemType {
    VALIDATION_FAILED(400, "The request is not valid"),
    MALFORMED_JSON(400, "The request body is not valid JSON"),
    INVALID_PUBLIC_KEY(400, "The public key is not an EC P-256 public JWK"),
    INVALID_CODE(400, "The code is not valid"),
    CODE_ALREADY_USED(400, "The code has already been used"),
    INVALID_CREDENTIAL(400, "The passkey credential is not valid"),
    INVALID_PATH(400, "The request path is not in canonical form"),
    BAD_REQUEST(400, "Bad request"),
    UNAUTHORIZED(401, "Authentication required"),
    INVALID_SIGNATURE(401, "The report's signature is not valid"),
    ROLE_NOT_ALLOWED(403, "Your role does not allow this operation"),
    WORKSPACE_MISMATCH(403, "The token belongs to another workspace"),
    INVALID_ASSERTION(403, "The signed decision or passkey assertion is not valid"),
    VERIFICATION_REQUIRED(403, "An approved verification is required"),
    STEP_UP_REQUIRED(403, "Changing your factors requires step-up verification"),
    LOGIN_TOO_OLD(403, "Your sign-in is too old for this change"),
    LOOPBACK_ONLY(403, "Only callers on this machine may do this"),
    /** An email verification's code sent without the secret that only the client which started it holds. */
    CLIENT_BINDING_MISMATCH(403, "Only the client that started this verification can complete it"),
    /** A verification method the action does not allow; shares its code with the HTTP 405, as the contract says. */
    VERIFICATION_METHOD_NOT_ALLOWED(403, "This verification method is not allowed for this action",
            "method_not_allowed"),
    NOT_FOUND(404, "Not found"),
    VERIFICATION_NOT_FOUND(404, "Verification not found"),
    DEVICE_NOT_FOUND(404, "Device not found"),
    PASSKEY_NOT_FOUND(404, "Passkey not found"),
    CLIENT_NOT_FOUND(404, "OAuth client not found"),
    SECRET_NOT_FOUND(404, "Client secret not found"),
    FEDERATED_CREDENTIAL_NOT_FOUND(404, "Federated credential not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    METHOD_NOT_ENROLLED(409, "The verification method is not set up"),
    VERIFICATION_NOT_PENDING(409, "The verification is no longer pending"),
    VERIFICATION_EXPIRED(409, "The verification has expired"),
    VERIFICATION_ALREADY_USED(409, "The verification has already been used"),
    TOO_MANY_DEVICES(409, "Too many devices"),
    TOO_MANY_PASSKEYS(409, "Too many passkeys"),
    TOO_MANY_CLIENTS(409, "Too many OAuth clients"),
    TOO_MANY_SECRETS(409, "Too many active client secrets"),
    TOO_MANY_FEDERATED_CREDENTIALS(409, "Too many federated credentials"),
    FEDERATED_CREDENTIAL_EXISTS(409, "The client already trusts this issuer and subject"),
    PASSKEYS_NOT_CONFIGURED(409, "Passkeys are not set up on this service"),
    TOTP_ALREADY_ENROLLED(409, "A TOTP authenticator is already enrolled"),
    ENROLLMENT_EXPIRED(409, "The unfinished enrollment has expired"),
    NO_FACTOR(409, "You have no sign-in factor that recovery codes could stand in for"),
    WRONG_METHOD(409, "The verification is not completed this way"),
    TOKEN_REVOKED(409, "The token was revoked"),
    TOKEN_EXPIRED(409, "The token has expired"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    URI_TOO_LONG(414, "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    HEADERS_TOO_LARGE(431, "The request headers are too large"),
    PUSH_BLOCKED(429, "Push verifications are blocked for a while"),
    EMAIL_BLOCKED(429, "Email verifications are blocked for a while"),
    TOO_MANY_VERIFICATIONS(429, "Too many verifications"),
    TOO_MANY_ATTEMPTS(429, "Too many wrong codes"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    EMAIL_NOT_SENT(503, "The verification email could not be sent"),
    SERVICE_UNAVAILABLE(503, "The service is unavailable for a moment");

    public static final String TYPE_PREFIX = "urn:scim-token-service:problem:";

    private final int status;
    private final String title;
    private final String code;

    ProblemType(int status, String title) {
        this(status, title, null);
    }

    ProblemType(int status, String title, String code) {
        this.status = status;
        this.title = title;
        this.code = code != null ? code : name().toLowerCase(java.util.Locale.ROOT);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String code() {
        return code;
    }

    public String typeUri() {
        return TYPE_PREFIX + code();
    }

    /** The problem type for a framework answer that carries only a status. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> ROLE_NOT_ALLOWED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}

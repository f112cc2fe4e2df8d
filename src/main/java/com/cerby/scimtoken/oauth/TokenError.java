package com.cerby.scimtoken.oauth;

/** An RFC 6749 §5.2 error of the token endpoint: its own JSON, never problem+json. */
final class TokenError extends RuntimeException {

    private final int status;
    private final String error;
    private final boolean basic;

    TokenError(int status, String error, String description, boolean basic) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.basic = basic;
    }

    static TokenError invalidRequest(String description) {
        return new TokenError(400, "invalid_request", description, false);
    }

    static TokenError invalidClient(boolean basic) {
        return new TokenError(401, "invalid_client", "Client authentication failed.", basic);
    }

    /** A client assertion refused after its signature verified: the description says which claim is wrong. */
    static TokenError invalidClient(String description) {
        return new TokenError(401, "invalid_client", description, false);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    /** Whether the client authenticated with HTTP Basic: a 401 then names the scheme (RFC 6749 §5.2). */
    boolean basic() {
        return basic;
    }
}

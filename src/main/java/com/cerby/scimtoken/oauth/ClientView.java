package com.cerby.scimtoken.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An OAuth client as the API shows it: never a secret, only the hints of its active secrets. */
public record ClientView(UUID clientId, String name, Instant createdAt, String createdBy, List<SecretView> secrets) {

    static ClientView of(OAuthClient client, List<SecretView> secrets) {
        return new ClientView(client.id(), client.name(), client.createdAt(), client.createdBy(), secrets);
    }

    /** An active secret: the prefix and last four characters, and when it stops working (null: never). */
    public record SecretView(UUID secretId, String hint, Instant createdAt, Instant expiresAt) {

        static SecretView of(ClientSecret secret) {
            return new SecretView(secret.id(), secret.hint(), secret.createdAt(), secret.expiresAt());
        }
    }

    /**
     * The clients, and what an identity provider is given besides a client's id: the token endpoint's URL (absent
     * while the issuer is unknown) and the SCIM server's URL ({@code scim-token.oauth.scim-url}, absent when unset).
     */
    public record Page(List<ClientView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String tokenUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String scimUrl) {
    }
}

package com.cerby.scimtoken.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An OAuth client as the API shows it: never a secret, only the hints of its active secrets. */
public record ClientView(UUID clientId, String name, Instant createdAt, String createdBy, List<SecretView> secrets,
        List<FederatedCredentialView> federatedCredentials) {

    static ClientView of(OAuthClient client, List<SecretView> secrets,
            List<FederatedCredentialView> federatedCredentials) {
        return new ClientView(client.id(), client.name(), client.createdAt(), client.createdBy(), secrets,
                federatedCredentials);
    }

    /** An active secret: the prefix and last four characters, and when it stops working (null: never). */
    public record SecretView(UUID secretId, String hint, Instant createdAt, Instant expiresAt) {

        static SecretView of(ClientSecret secret) {
            return new SecretView(secret.id(), secret.hint(), secret.createdAt(), secret.expiresAt());
        }
    }

    /**
     * A federated credential: the issuer and subject an assertion must name, the audience it must hold (null: the
     * token endpoint's URL) and where its keys come from (null: the issuer's OIDC discovery).
     */
    public record FederatedCredentialView(UUID credentialId, String issuer, String subject, String audience,
            String jwksUri, Instant createdAt, String createdBy) {

        static FederatedCredentialView of(FederatedCredential credential) {
            return new FederatedCredentialView(credential.id(), credential.issuer(), credential.subject(),
                    credential.audience(), credential.jwksUri(), credential.createdAt(), credential.createdBy());
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

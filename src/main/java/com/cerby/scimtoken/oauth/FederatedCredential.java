package com.cerby.scimtoken.oauth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A federated credential of an OAuth client (workload identity federation): a JWT signed by {@code issuer}'s keys,
 * about {@code subject}, for {@code audience}, authenticates the client (RFC 7523 §2.2). Nothing secret is stored.
 */
@Entity
@Table(name = "federated_credential")
public class FederatedCredential {

    @Id
    private UUID id;

    @Column(name = "client_id", nullable = false, updatable = false)
    private UUID clientId;

    @Column(nullable = false, updatable = false)
    private String issuer;

    @Column(nullable = false, updatable = false)
    private String subject;

    /** Null: the token endpoint's URL. */
    @Column(updatable = false)
    private String audience;

    /** Null: found by the issuer's OIDC discovery. */
    @Column(name = "jwks_uri", updatable = false)
    private String jwksUri;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    protected FederatedCredential() {
    }

    static FederatedCredential create(UUID clientId, String issuer, String subject, String audience, String jwksUri,
            String createdBy, Instant now) {
        FederatedCredential credential = new FederatedCredential();
        credential.id = UUID.randomUUID();
        credential.clientId = clientId;
        credential.issuer = issuer;
        credential.subject = subject;
        credential.audience = audience;
        credential.jwksUri = jwksUri;
        credential.createdBy = createdBy;
        credential.createdAt = now;
        return credential;
    }

    public UUID id() {
        return id;
    }

    public UUID clientId() {
        return clientId;
    }

    public String issuer() {
        return issuer;
    }

    public String subject() {
        return subject;
    }

    public String audience() {
        return audience;
    }

    public String jwksUri() {
        return jwksUri;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}

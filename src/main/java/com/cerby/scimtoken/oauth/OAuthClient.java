package com.cerby.scimtoken.oauth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A workspace's OAuth client for SCIM provisioning: its id is the {@code client_id} the identity provider sends. */
@Entity
@Table(name = "oauth_client")
public class OAuthClient {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    protected OAuthClient() {
    }

    static OAuthClient create(String workspaceId, String name, String createdBy, Instant now) {
        OAuthClient client = new OAuthClient();
        client.id = UUID.randomUUID();
        client.workspaceId = workspaceId;
        client.name = name;
        client.createdBy = createdBy;
        client.createdAt = now;
        return client;
    }

    public UUID id() {
        return id;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}

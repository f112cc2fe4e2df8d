package com.cerby.scimtoken.scimtoken;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * RFC 7662 introspection answers, written once per token and kept with its cache entry, so that the hot path
 * serialises nothing: exactly {@code {"active":false}} for any token that does not work, and for an active one
 * {@code {"active":true,"workspace_id","token_id","iat","exp"?}}. Workspace ids and token ids need no escaping.
 */
final class IntrospectionResult {

    static final byte[] INACTIVE = "{\"active\":false}".getBytes(StandardCharsets.US_ASCII);

    private IntrospectionResult() {
    }

    static byte[] active(String workspaceId, UUID tokenId, Instant createdAt, Instant expiresAt) {
        return ("{\"active\":true,\"workspace_id\":\"" + workspaceId + "\",\"token_id\":\"" + tokenId
                + "\",\"iat\":" + createdAt.getEpochSecond()
                + (expiresAt == null ? "" : ",\"exp\":" + expiresAt.getEpochSecond()) + "}")
                .getBytes(StandardCharsets.US_ASCII);
    }
}

package com.cerby.scimtoken.scimtoken;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An RFC 7662 introspection answer: exactly {@code {"active": false}} for any token that does not work. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResult(boolean active, @JsonProperty("workspace_id") String workspaceId,
        @JsonProperty("token_id") String tokenId, Long iat, Long exp) {

    static final IntrospectionResult INACTIVE = new IntrospectionResult(false, null, null, null, null);
}

package com.cerby.scimtoken.leak;

import com.fasterxml.jackson.annotation.JsonProperty;

/** GitHub's feedback on one reported match: the SHA-256 of the string, its type, and whether it is a real token. */
public record LeakFeedback(
        @JsonProperty("token_hash") String tokenHash,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("label") String label) {

    static final String TRUE_POSITIVE = "true_positive";
    static final String FALSE_POSITIVE = "false_positive";
}

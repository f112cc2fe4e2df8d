package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A new secret for a client: the approved {@code manage_clients} verification, and optionally its lifetime in days
 * (1 to 1095, three years: what identity providers accept); without it the secret does not expire.
 */
public record AddSecretRequest(
        @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId,
        @Min(1) @Max(AddSecretRequest.MAX_DAYS) Integer expiresInDays) {

    static final int MAX_DAYS = 1095;
}

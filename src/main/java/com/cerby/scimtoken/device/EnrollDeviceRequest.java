package com.cerby.scimtoken.device;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A phone's enrollment: a display name, its EC P-256 public key as a JWK, optionally its push token, and, unless it
 * is the user's first factor, the approved {@code manage_factors} verification that allows it.
 */
public record EnrollDeviceRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull Map<String, Object> publicKey,
        @Size(min = 1, max = 4096) String pushToken,
        @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {
}

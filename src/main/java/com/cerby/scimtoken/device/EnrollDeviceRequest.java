package com.cerby.scimtoken.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A phone's enrollment: a display name, its EC P-256 public key as a JWK, and optionally its push token. */
public record EnrollDeviceRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull Map<String, Object> publicKey,
        @Size(min = 1, max = 4096) String pushToken) {
}

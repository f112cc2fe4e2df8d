package com.cerby.scimtoken.totp;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The first code of a new authenticator and, when the enrollment began as a first factor but the user has another
 * factor by now, the approved {@code manage_factors} verification that lets it become one.
 */
public record ConfirmTotpRequest(
        @NotBlank @Size(max = 128) String code,
        @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {
}

package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new OAuth client: a name people recognise, and the approved {@code manage_clients} verification. */
public record CreateClientRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {
}

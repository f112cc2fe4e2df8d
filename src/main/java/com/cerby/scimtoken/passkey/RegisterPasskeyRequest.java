package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A passkey's registration: a display name, the browser's {@code PublicKeyCredential} in its JSON form, and, unless
 * it is the user's first factor, the approved {@code manage_factors} verification that allows it.
 */
public record RegisterPasskeyRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull Map<String, Object> credential,
        @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {
}

package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The approved verification to spend on a token operation (reveal, revoke). */
public record VerificationIdRequest(
        @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {
}

package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The approved verification to spend on this operation. */
public record RevealRequest(
        @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {
}

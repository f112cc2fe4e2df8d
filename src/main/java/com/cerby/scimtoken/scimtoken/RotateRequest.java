package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An approved {@code rotate} verification, and how long the old token keeps working (default: not at all). */
public record RotateRequest(
        @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId,
        @Min(0) @Max(604800) Integer gracePeriodSeconds) {
}

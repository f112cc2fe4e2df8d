package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/** The body of a factor change that carries nothing but its proof: an approved {@code manage_factors} verification. */
public record FactorChangeRequest(
        @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {

    /** The verification's id; null when the request names none (or there was no body). */
    public static UUID verificationIdOf(FactorChangeRequest request) {
        return request == null ? null : Ids.optionalUuid(request.verificationId());
    }
}

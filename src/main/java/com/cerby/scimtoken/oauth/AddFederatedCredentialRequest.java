package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.web.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new federated credential: the JWT issuer (an https URL, compared exactly with the assertion's {@code iss}), the
 * subject (its {@code sub}, e.g. Entra's object id of the provisioning workload), optionally the audience its
 * {@code aud} must hold (default: the token endpoint's URL) and the JWKS URL (default: by the issuer's OIDC
 * discovery), and the approved {@code manage_clients} verification. Compared exactly, so nothing is trimmed.
 */
public record AddFederatedCredentialRequest(
        @NotBlank @Size(max = 512) String issuer,
        @NotNull @Size(min = 1, max = 256) @Pattern(regexp = TRIMMED, message = TRIMMED_MESSAGE) String subject,
        @Size(min = 1, max = 512) @Pattern(regexp = TRIMMED, message = TRIMMED_MESSAGE) String audience,
        @Size(max = 512) String jwksUri,
        @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {

    /** Not blank, and no white space at either end: a value compared exactly must not hide a stray space. */
    static final String TRIMMED = "^\\S(.*\\S)?$";
    static final String TRIMMED_MESSAGE = "must not be blank nor start or end with white space";
}

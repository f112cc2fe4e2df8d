package com.cerby.scimtoken.verification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A code for a verification: a TOTP code, or the code of a verification email together with the completion secret
 * that the start answer gave the client which started it.
 */
public record CodeSubmission(@NotBlank @Size(max = 128) String code, @Size(max = 128) String completionSecret) {
}

package com.cerby.scimtoken.verification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The device's decision: a compact JWS signed with its private key. */
public record DecisionRequest(@NotBlank @Size(max = 8192) String assertion) {
}

package com.cerby.scimtoken.common.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A one-time code typed or clicked by the user: a TOTP code or the code of a verification email. */
public record CodeRequest(@NotBlank @Size(max = 128) String code) {
}

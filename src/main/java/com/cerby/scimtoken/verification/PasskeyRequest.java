package com.cerby.scimtoken.verification;

import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** A passkey's answer to a verification: the browser's {@code PublicKeyCredential} in its JSON form. */
public record PasskeyRequest(@NotNull Map<String, Object> credential) {
}

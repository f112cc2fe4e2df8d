package com.cerby.scimtoken.passkey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record PasskeyView(UUID id, String name, Instant createdAt, Instant lastUsedAt) {

    static PasskeyView of(Passkey passkey) {
        return new PasskeyView(passkey.id(), passkey.name(), passkey.createdAt(), passkey.lastUsedAt());
    }

    public record Page(List<PasskeyView> items) {
    }
}

package com.cerby.scimtoken.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** An opaque keyset position: the time and id of the last event of a page. */
record AuditCursor(Instant occurredAt, UUID id) {

    String encode() {
        String position = occurredAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names, or empty when it is not one this service issued. */
    static Optional<AuditCursor> decode(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = position.indexOf('|');
            return Optional.of(new AuditCursor(Instant.parse(position.substring(0, separator)),
                    UUID.fromString(position.substring(separator + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

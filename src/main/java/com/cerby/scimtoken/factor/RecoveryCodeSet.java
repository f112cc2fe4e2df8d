package com.cerby.scimtoken.factor;

import java.time.Instant;
import java.util.List;

/** A new set of recovery codes, shown this once: the service keeps only their keyed hashes. */
public record RecoveryCodeSet(List<String> codes, Instant createdAt) {
}

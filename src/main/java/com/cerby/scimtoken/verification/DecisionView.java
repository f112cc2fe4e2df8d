package com.cerby.scimtoken.verification;

import java.util.UUID;

/** The outcome of a device's decision. */
public record DecisionView(UUID id, VerificationStatus status, VerificationReason reason) {
}

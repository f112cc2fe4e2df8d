package com.cerby.scimtoken.totp;

import java.time.Instant;

public record TotpConfirmation(Instant confirmedAt) {
}

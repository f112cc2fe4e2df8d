package com.cerby.scimtoken.factor;

import java.time.Instant;

/** How many of the user's recovery codes are left, and when the set was generated (null: none ever generated). */
public record RecoveryCodesStatus(int remaining, Instant createdAt) {

    static final RecoveryCodesStatus NONE = new RecoveryCodesStatus(0, null);
}

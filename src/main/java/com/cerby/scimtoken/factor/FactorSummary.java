package com.cerby.scimtoken.factor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The user's factors as {@code GET /api/v1/me/factors} shows them, filled in by each {@link FactorInventory} (this
 * package knows no kind's own types), then {@link #view() viewed}.
 */
public final class FactorSummary {

    private List<Owned> devices = List.of();
    private Totp totp;
    private List<Owned> passkeys = List.of();
    private RecoveryCodesStatus recoveryCodes;

    /** A factor that a user owns several of: a phone or a passkey. */
    public record Owned(UUID id, String name, Instant createdAt, Instant lastUsedAt) {

        static Owned of(OwnedFactor factor) {
            return new Owned(factor.id(), factor.name(), factor.createdAt(), factor.lastUsedAt());
        }
    }

    /** The confirmed TOTP authenticator. */
    public record Totp(Instant confirmedAt) {
    }

    /** The response: a kind the user has none of is an empty list or null. */
    public record View(List<Owned> devices, Totp totp, List<Owned> passkeys, RecoveryCodesStatus recoveryCodes) {
    }

    public void devices(List<? extends OwnedFactor> owned) {
        devices = owned.stream().map(Owned::of).toList();
    }

    public void passkeys(List<? extends OwnedFactor> owned) {
        passkeys = owned.stream().map(Owned::of).toList();
    }

    /** The confirmed authenticator; an unfinished enrollment is not a factor and is not shown. */
    public void totp(Instant confirmedAt) {
        totp = new Totp(confirmedAt);
    }

    void recoveryCodes(RecoveryCodesStatus status) {
        recoveryCodes = status;
    }

    View view() {
        return new View(devices, totp, passkeys, recoveryCodes);
    }
}

package com.cerby.scimtoken.factor;

import java.util.Arrays;
import java.util.List;

/** Every change of a user's factors, with the event that records it and the words that tell the user. */
public enum FactorChange {
    ENROLL_DEVICE("device.enrolled", "a phone", "added"),
    REMOVE_DEVICE("device.removed", "a phone", "removed"),
    ENROLL_TOTP("totp.enrolled", "an authenticator app", "added"),
    REMOVE_TOTP("totp.removed", "an authenticator app", "removed"),
    REGISTER_PASSKEY("passkey.registered", "a passkey", "added"),
    REMOVE_PASSKEY("passkey.removed", "a passkey", "removed"),
    GENERATE_RECOVERY_CODES("recovery_codes.generated", "a new set of recovery codes", "generated"),
    /** Not a change that needs proof: the code itself is the proof. It is recorded and told like one. */
    USE_RECOVERY_CODE("recovery_code.used", "a recovery code", "used"),
    /** An operator removed every factor of the user; recorded by the user as actor, with the operator's id. */
    RESET_FACTORS("factor.reset", "every sign-in factor", "removed by an operator");

    /** The event of a factor change that was refused (no proof, an old login, an unusable verification). */
    public static final String REFUSED_EVENT = "factor.change_refused";

    private final String event;
    private final String factor;
    private final String verb;

    FactorChange(String event, String factor, String verb) {
        this.event = event;
        this.factor = factor;
        this.verb = verb;
    }

    public String event() {
        return event;
    }

    /** The factor in words, for the user: "a phone". */
    String factor() {
        return factor;
    }

    /** What happened to it: "added" or "removed". */
    String verb() {
        return verb;
    }

    boolean isDevice() {
        return this == ENROLL_DEVICE || this == REMOVE_DEVICE;
    }

    /** The events of the changes in a user's security feed ({@code kind=changes}), one per value of this enum. */
    static List<String> changeEvents() {
        return Arrays.stream(values()).map(FactorChange::event).toList();
    }

    /**
     * The events of the refusals in a user's security feed ({@code kind=refusals}): refused changes (collapsed per
     * kind and minute by the audit log) and a lock of the code methods. Kept apart from the changes, so that a
     * flood of refusals cannot push a change off the feed's first page.
     */
    static List<String> refusalEvents() {
        return List.of(REFUSED_EVENT, "user.codes_locked");
    }
}

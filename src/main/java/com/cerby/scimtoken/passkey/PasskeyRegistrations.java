package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.factor.FactorChange;
import com.cerby.scimtoken.factor.FactorEvents;
import com.cerby.scimtoken.factor.FactorGate;
import com.cerby.scimtoken.factor.FactorsConfig;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's passkeys: options for a new one, its registration (after webauthn4j's checks and the factor rules),
 * the list, and removal.
 */
@ApplicationScoped
public class PasskeyRegistrations {

    /** The most passkeys a user may register, as for phones. */
    static final int MAX_PASSKEYS_PER_USER = 20;
    static final int CHALLENGE_BYTES = 32;

    private final PasskeyRepository passkeys;
    private final RegistrationChallenges challenges;
    private final CredentialChecks checks;
    private final RelyingParty rp;
    private final FactorGate gate;
    private final FactorEvents events;
    private final Caller caller;
    private final SecureRandom random;
    private final Duration ttl;
    private final Clock clock;

    PasskeyRegistrations(PasskeyRepository passkeys, RegistrationChallenges challenges, CredentialChecks checks,
            RelyingParty rp, FactorGate gate, FactorEvents events, Caller caller, SecureRandom random,
            FactorsConfig factors, Clock clock) {
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.checks = checks;
        this.rp = rp;
        this.gate = gate;
        this.events = events;
        this.caller = caller;
        this.random = random;
        this.ttl = factors.pendingTtl();
        this.clock = clock;
    }

    /**
     * Creation options with a fresh challenge, which one registration may spend within the pending ttl of
     * unfinished enrollments ({@code scim-token.factors.pending-ttl}).
     */
    @Transactional
    public PasskeyOptions.Creation options() {
        rp.requireConfigured();
        Instant now = clock.instant();
        byte[] challenge = new byte[CHALLENGE_BYTES];
        random.nextBytes(challenge);
        challenges.issue(caller.userId(), challenge, now.plus(ttl));
        String user = caller.userId();
        PasskeyOptions.UserEntity entity = new PasskeyOptions.UserEntity(
                PasskeyOptions.base64Url(userHandle(user)), user, caller.email().orElse(user));
        return PasskeyOptions.creation(rp, entity, challenge, ttl.toMillis(), passkeys.listOwnedBy(user));
    }

    /** Registers a passkey of the caller: their first factor by the first-enrollment rule, any other with step-up. */
    @Transactional
    public PasskeyView register(String name, String credentialJson, UUID verificationId) {
        rp.requireConfigured();
        Instant now = clock.instant();
        RegistrationData registration;
        try {
            registration = checks.parseRegistration(credentialJson);
            byte[] challenge = CredentialChecks.challengeOf(registration);
            RegistrationChallenges.Presented presented = challenge == null ? RegistrationChallenges.Presented.UNKNOWN
                    : challenges.spend(caller.userId(), challenge, now);
            if (presented == RegistrationChallenges.Presented.EXPIRED) {
                throw new ProblemException(ProblemType.ENROLLMENT_EXPIRED, "This passkey was not registered within "
                        + ttl.toMinutes() + " minutes of its options; ask for new options and create it again.");
            }
            if (presented == RegistrationChallenges.Presented.UNKNOWN) {
                throw new CredentialRefused("The credential answers no current registration challenge of yours: ask"
                        + " for new options (POST /api/v1/me/passkeys/options) and create the passkey with them.");
            }
            checks.verify(registration, challenge);
        } catch (CredentialRefused e) {
            throw new ProblemException(ProblemType.INVALID_CREDENTIAL, e.getMessage());
        }
        AuthenticatorData<?> authenticator = registration.getAttestationObject().getAuthenticatorData();
        byte[] credentialId = authenticator.getAttestedCredentialData().getCredentialId();
        if (passkeys.isRegistered(credentialId)) {
            throw new ProblemException(ProblemType.INVALID_CREDENTIAL, "This passkey is already registered.");
        }
        gate.requireProof(FactorChange.REGISTER_PASSKEY, verificationId);
        if (passkeys.countOwnedBy(caller.userId()) >= MAX_PASSKEYS_PER_USER) {
            throw new ProblemException(ProblemType.TOO_MANY_PASSKEYS,
                    "A user can register at most " + MAX_PASSKEYS_PER_USER + " passkeys; remove one first.");
        }
        Passkey passkey = new Passkey(caller.userId(), name.strip(), credentialId,
                checks.serialize(authenticator.getAttestedCredentialData()), authenticator.getSignCount(),
                authenticator.isFlagBE(), authenticator.isFlagBS(),
                CredentialChecks.transports(registration.getTransports()), now);
        passkeys.persist(passkey);
        events.changed(FactorChange.REGISTER_PASSKEY, passkey.id(), passkey.name());
        return PasskeyView.of(passkey);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PasskeyView> list() {
        return passkeys.listOwnedBy(caller.userId()).stream().map(PasskeyView::of).toList();
    }

    /** Removes a passkey of the caller, with an approved {@code manage_factors} verification. */
    @Transactional
    public void remove(UUID passkeyId, UUID verificationId) {
        Passkey passkey = passkeys.findOwned(passkeyId, caller.userId()).orElseThrow(
                () -> new ProblemException(ProblemType.PASSKEY_NOT_FOUND, "You have no passkey with this id."));
        gate.requireProof(FactorChange.REMOVE_PASSKEY, verificationId);
        passkeys.delete(passkey);
        events.changed(FactorChange.REMOVE_PASSKEY, passkeyId, passkey.name());
    }

    /** The WebAuthn user handle: opaque and stable per user, without the user id in it. */
    static byte[] userHandle(String userId) {
        return Sha256.of("scim-token-service user " + userId);
    }
}

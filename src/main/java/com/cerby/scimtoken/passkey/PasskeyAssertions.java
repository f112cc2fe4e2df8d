package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.factor.EnrolledFactor;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * Passkeys as a verification method: the request options of a new verification (a challenge of its own and the
 * user's passkeys), and the check of the assertion that answers it.
 */
@ApplicationScoped
public class PasskeyAssertions {

    /** A verification's challenge and the options that carry it to the browser. */
    public record Challenge(byte[] value, PasskeyOptions.Request options) {
    }

    private final PasskeyRepository passkeys;
    private final CredentialChecks checks;
    private final RelyingParty rp;
    private final SecureRandom random;

    PasskeyAssertions(PasskeyRepository passkeys, CredentialChecks checks, RelyingParty rp, SecureRandom random) {
        this.passkeys = passkeys;
        this.checks = checks;
        this.rp = rp;
        this.random = random;
    }

    /** Whether the user has a passkey that can answer a verification now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean canVerify(String userId) {
        return rp.isConfigured() && passkeys.hasAny(userId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Challenge challenge(String userId, Duration ttl) {
        byte[] challenge = new byte[PasskeyRegistrations.CHALLENGE_BYTES];
        random.nextBytes(challenge);
        return new Challenge(challenge, PasskeyOptions.request(rp, challenge, ttl.toMillis(),
                passkeys.listOwnedBy(userId)));
    }

    /**
     * Checks the assertion against the challenge and the user's passkey, and records the passkey's use; refuses
     * a credential that is not one of the user's passkeys like any other that does not verify.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EnrolledFactor verify(String userId, String credentialJson, byte[] challenge, Instant now) {
        AuthenticationData assertion = checks.parseAssertion(credentialJson);
        Passkey passkey = passkeys.findOwnedByCredentialId(assertion.getCredentialId(), userId)
                .orElseThrow(() -> new CredentialRefused("The credential is not one of your passkeys."));
        checks.verify(assertion, challenge, passkey);
        AuthenticatorData<?> authenticator = assertion.getAuthenticatorData();
        passkey.used(authenticator.getSignCount(), authenticator.isFlagBS(), now);
        return passkey.factor();
    }
}

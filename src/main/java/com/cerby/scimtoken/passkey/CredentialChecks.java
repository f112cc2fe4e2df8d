package com.cerby.scimtoken.passkey;

import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.challenge.Challenge;
import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * webauthn4j's checks of what a browser's authenticator answered: a registration (challenge, origin, relying party
 * id hash, user presence and verification, algorithm, attestation) and an assertion (the same, the signature with
 * the stored public key, and a signature counter that only grows). Each refusal carries a reason a person can read.
 */
@ApplicationScoped
class CredentialChecks {

    private static final Map<Class<? extends WebAuthnException>, String> REASONS = Map.of(
            BadChallengeException.class, "it signs another challenge than this one",
            BadOriginException.class, "it was made on a web origin this service does not accept",
            BadRpIdException.class, "it is for another relying party id",
            UserNotVerifiedException.class, "the authenticator did not verify the user (PIN or biometrics)",
            UserNotPresentException.class, "the authenticator did not see the user",
            BadSignatureException.class, "its signature does not verify",
            NotAllowedAlgorithmException.class, "its key algorithm is not one of ES256, EdDSA or RS256");

    private static final List<PublicKeyCredentialParameters> ALGORITHMS = PasskeyOptions.ALGORITHMS.stream()
            .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                    COSEAlgorithmIdentifier.create(alg)))
            .toList();

    private final RelyingParty rp;
    private final AttestedCredentialDataConverter credentialData =
            new AttestedCredentialDataConverter(new ObjectConverter());

    CredentialChecks(RelyingParty rp) {
        this.rp = rp;
    }

    /**
     * The registration a browser sent, in its JSON form; its challenge is checked by {@link #verify}. A document of
     * another shape is refused however webauthn4j's parser fails on it (without a {@code response} it dereferences
     * null).
     */
    RegistrationData parseRegistration(String json) {
        try {
            return rp.webAuthn().parseRegistrationResponseJSON(json);
        } catch (WebAuthnException | JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new CredentialRefused("The credential is not a PublicKeyCredential in its JSON form"
                    + " (PublicKeyCredential.toJSON() of navigator.credentials.create).");
        }
    }

    void verify(RegistrationData registration, byte[] challenge) {
        try {
            rp.webAuthn().verify(registration, new RegistrationParameters(rp.expecting(challenge), ALGORITHMS, true,
                    true));
        } catch (WebAuthnException e) {
            throw new CredentialRefused("The passkey was refused: " + reason(e) + ".");
        }
    }

    /** The assertion a browser sent, in its JSON form. */
    AuthenticationData parseAssertion(String json) {
        try {
            return rp.webAuthn().parseAuthenticationResponseJSON(json);
        } catch (WebAuthnException | JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new CredentialRefused("The credential is not a PublicKeyCredential in its JSON form"
                    + " (PublicKeyCredential.toJSON() of navigator.credentials.get).");
        }
    }

    void verify(AuthenticationData assertion, byte[] challenge, Passkey passkey) {
        try {
            rp.webAuthn().verify(assertion, new AuthenticationParameters(rp.expecting(challenge), record(passkey),
                    null, true, true));
        } catch (MaliciousCounterValueException e) {
            throw new CredentialRefused("The passkey's signature counter went backwards, as a cloned authenticator's"
                    + " does.", passkey, OptionalLong.of(e.getPresentedCounter()));
        } catch (WebAuthnException e) {
            throw new CredentialRefused("The passkey was refused: " + reason(e) + ".");
        }
    }

    byte[] serialize(AttestedCredentialData data) {
        return credentialData.convert(data);
    }

    static String transports(Set<AuthenticatorTransport> transports) {
        return transports == null || transports.isEmpty() ? null
                : transports.stream().map(AuthenticatorTransport::getValue).sorted().collect(Collectors.joining(","));
    }

    private CredentialRecordImpl record(Passkey passkey) {
        Set<AuthenticatorTransport> transports = passkey.transports() == null ? null
                : Arrays.stream(passkey.transports().split(",")).map(AuthenticatorTransport::create)
                        .collect(Collectors.toSet());
        return new CredentialRecordImpl(new NoneAttestationStatement(), true, passkey.backupEligible(),
                passkey.backupState(), passkey.signCount(), credentialData.convert(passkey.attestedCredentialData()),
                null, null, null, transports);
    }

    private static String reason(WebAuthnException e) {
        return REASONS.entrySet().stream().filter(entry -> entry.getKey().isInstance(e)).map(Map.Entry::getValue)
                .findFirst().orElse("the authenticator's response is not valid (" + e.getClass().getSimpleName() + ")");
    }

    /** The challenge a response signed, as the browser reported it; null when it names none. */
    static byte[] challengeOf(RegistrationData registration) {
        Challenge challenge = registration.getCollectedClientData() == null ? null
                : registration.getCollectedClientData().getChallenge();
        return challenge == null ? null : challenge.getValue();
    }
}

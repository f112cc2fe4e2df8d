package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidsafetynet.AndroidSafetyNetAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.apple.AppleAnonymousAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.tpm.TPMAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This service as a WebAuthn relying party: its id, name and origins, checked when the service starts (a browser
 * refuses an origin outside the id's domain, and plain HTTP anywhere but on localhost), and webauthn4j's checks.
 * Attestation is verified when an authenticator sends one, without requiring a trusted certificate chain: a
 * passkey proves that the user holds it, not which model it is.
 */
@Startup
@ApplicationScoped
public class RelyingParty {

    private final String id;
    private final String name;
    private final Set<Origin> origins;
    /**
     * Every attestation format's statement is verified (its signature over the registration); certificate chains
     * are not required to reach a trust anchor, and self attestation is accepted.
     */
    private final WebAuthnManager webAuthn = new WebAuthnManager(List.of(new NoneAttestationStatementVerifier(),
            new PackedAttestationStatementVerifier(), new FIDOU2FAttestationStatementVerifier(),
            new TPMAttestationStatementVerifier(), new AndroidKeyAttestationStatementVerifier(),
            new AndroidSafetyNetAttestationStatementVerifier(), new AppleAnonymousAttestationStatementVerifier()),
            new NullCertPathTrustworthinessVerifier(), new DefaultSelfAttestationTrustworthinessVerifier());

    RelyingParty(WebAuthnConfig config) {
        this.id = config.rpId().map(value -> value.toLowerCase(Locale.ROOT)).orElse(null);
        this.name = config.rpName();
        List<String> configured = config.origins().orElse(id == null ? List.of() : List.of("https://" + id));
        this.origins = configured.stream().map(origin -> checkedOrigin(origin, id)).collect(Collectors.toSet());
    }

    static Origin checkedOrigin(String value, String rpId) {
        Origin origin;
        try {
            origin = new Origin(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("scim-token.webauthn.origins: " + value + " is not an origin", e);
        }
        String host = origin.getHost() == null ? "" : origin.getHost().toLowerCase(Locale.ROOT);
        if (rpId == null || !(host.equals(rpId) || host.endsWith("." + rpId))) {
            throw new IllegalStateException("scim-token.webauthn.origins: " + value + " is not on the relying party"
                    + " id's domain (scim-token.webauthn.rp-id=" + rpId + ")");
        }
        if (!"https".equals(origin.getScheme()) && !("http".equals(origin.getScheme()) && host.equals("localhost"))) {
            throw new IllegalStateException("scim-token.webauthn.origins: " + value + " must be https (plain http"
                    + " only on localhost)");
        }
        return origin;
    }

    /** Refuses passkey operations when the deployment has no relying party. */
    void requireConfigured() {
        if (id == null) {
            throw new ProblemException(ProblemType.PASSKEYS_NOT_CONFIGURED,
                    "Passkeys are not set up on this service (scim-token.webauthn.rp-id).");
        }
    }

    boolean isConfigured() {
        return id != null;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    /** What webauthn4j checks a response against: the origins, the id and the challenge it must sign. */
    ServerProperty expecting(byte[] challenge) {
        return ServerProperty.builder().origins(origins).rpId(id).challenge(new DefaultChallenge(challenge)).build();
    }

    WebAuthnManager webAuthn() {
        return webAuthn;
    }
}

package com.cerby.scimtoken.passkey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The options a browser passes to {@code navigator.credentials.create} and {@code get}, in the JSON form of WebAuthn
 * Level 3 ({@code PublicKeyCredentialCreationOptionsJSON}, {@code PublicKeyCredentialRequestOptionsJSON}): every
 * binary member as a base64url string, so that {@code PublicKeyCredential.parseCreationOptionsFromJSON} takes
 * them as they are.
 */
public final class PasskeyOptions {

    /** ES256, EdDSA and RS256: what platform authenticators and security keys create. */
    static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

    private PasskeyOptions() {
    }

    public record Creation(RelyingPartyEntity rp, UserEntity user, String challenge,
            List<CredentialParameters> pubKeyCredParams, long timeout, List<CredentialDescriptor> excludeCredentials,
            AuthenticatorSelection authenticatorSelection, String attestation, Map<String, Object> extensions) {
    }

    public record Request(String challenge, long timeout, String rpId, List<CredentialDescriptor> allowCredentials,
            String userVerification) {
    }

    public record RelyingPartyEntity(String id, String name) {
    }

    public record UserEntity(String id, String name, String displayName) {
    }

    public record CredentialParameters(String type, long alg) {
    }

    public record AuthenticatorSelection(String residentKey, boolean requireResidentKey, String userVerification) {
    }

    public record CredentialDescriptor(String type, String id,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> transports) {

        static CredentialDescriptor of(Passkey passkey) {
            List<String> transports = passkey.transports() == null ? List.of()
                    : Arrays.asList(passkey.transports().split(","));
            return new CredentialDescriptor("public-key", base64Url(passkey.credentialId()), transports);
        }
    }

    static Creation creation(RelyingParty rp, UserEntity user, byte[] challenge, long timeoutMillis,
            List<Passkey> existing) {
        return new Creation(new RelyingPartyEntity(rp.id(), rp.name()), user, base64Url(challenge),
                ALGORITHMS.stream().map(alg -> new CredentialParameters("public-key", alg)).toList(), timeoutMillis,
                existing.stream().map(CredentialDescriptor::of).toList(),
                new AuthenticatorSelection("preferred", false, "required"), "none", Map.of("credProps", true));
    }

    static Request request(RelyingParty rp, byte[] challenge, long timeoutMillis, List<Passkey> allowed) {
        return new Request(base64Url(challenge), timeoutMillis, rp.id(),
                allowed.stream().map(CredentialDescriptor::of).toList(), "required");
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

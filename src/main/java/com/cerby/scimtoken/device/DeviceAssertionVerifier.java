package com.cerby.scimtoken.device;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Checks a device's signed decision: a compact JWS, ES256 only, whose {@code kid} names one of the caller's
 * devices, whose signature verifies with that device's key, whose {@code vid} is the verification at hand and
 * whose {@code iat} is within two minutes of now.
 */
@ApplicationScoped
public class DeviceAssertionVerifier {

    static final Duration MAX_CLOCK_DIFFERENCE = Duration.ofSeconds(120);

    private final DeviceRepository devices;

    DeviceAssertionVerifier(DeviceRepository devices) {
        this.devices = devices;
    }

    public DeviceDecision verify(String assertion, String userId, UUID verificationId, Instant now)
            throws InvalidAssertionException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
        Map<String, Object> claims;
        Device device;
        try {
            jws.setCompactSerialization(assertion);
            device = deviceOf(jws.getKeyIdHeaderValue(), userId)
                    .orElseThrow(() -> new InvalidAssertionException("kid does not name a device of the caller"));
            jws.setKey(device.publicKey());
            if (!jws.verifySignature()) {
                throw new InvalidAssertionException("signature does not verify with the device key");
            }
            claims = JsonUtil.parseJson(jws.getUnverifiedPayload());
        } catch (JoseException e) {
            throw new InvalidAssertionException("not an ES256 compact JWS");
        }
        if (!verificationId.toString().equals(claims.get("vid"))) {
            throw new InvalidAssertionException("vid is not this verification");
        }
        // Compared as whole seconds: an absurd iat (1e20, a fraction) is refused, never turned into an Instant.
        long nowSeconds = now.getEpochSecond();
        long maxDifference = MAX_CLOCK_DIFFERENCE.toSeconds();
        if (!(claims.get("iat") instanceof Long issuedAt)
                || issuedAt < nowSeconds - maxDifference || issuedAt > nowSeconds + maxDifference) {
            throw new InvalidAssertionException("iat is missing, not whole seconds, or more than 120 s from the server"
                    + " clock");
        }
        DeviceDecision.Decision decision = decisionOf(claims.get("decision"))
                .orElseThrow(() -> new InvalidAssertionException("decision is not approve, deny or report"));
        Integer number = null;
        if (decision == DeviceDecision.Decision.APPROVE) {
            if (!(claims.get("number") instanceof Long typed) || typed < 0 || typed > 999) {
                throw new InvalidAssertionException("an approval must carry the number as an integer");
            }
            number = typed.intValue();
        }
        return new DeviceDecision(device, decision, number);
    }

    private Optional<Device> deviceOf(String kid, String userId) {
        try {
            return kid == null ? Optional.empty() : devices.findOwned(UUID.fromString(kid), userId);
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    private static Optional<DeviceDecision.Decision> decisionOf(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return text.equals(text.toLowerCase(Locale.ROOT))
                    ? Optional.of(DeviceDecision.Decision.valueOf(text.toUpperCase(Locale.ROOT)))
                    : Optional.empty();
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}

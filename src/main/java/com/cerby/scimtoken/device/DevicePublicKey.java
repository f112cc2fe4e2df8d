package com.cerby.scimtoken.device;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.EllipticCurve;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * A device's public key: an EC P-256 JWK, checked before it is trusted. A point off the curve would open the
 * door to invalid-curve attacks, and private members mean the private key left the phone.
 */
final class DevicePublicKey {

    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final int COORDINATE_BYTES = 32;

    private DevicePublicKey() {
    }

    /** Validates a JWK from a request and returns it in the canonical form that is stored. */
    static String canonical(Map<String, Object> jwk) {
        if (jwk.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw invalid("The key contains private key members; send only the public key (kty, crv, x, y).");
        }
        if (!"EC".equals(jwk.get("kty")) || !"P-256".equals(jwk.get("crv"))) {
            throw invalid("The key must have \"kty\": \"EC\" and \"crv\": \"P-256\".");
        }
        BigInteger x = coordinate(jwk.get("x"), "x");
        BigInteger y = coordinate(jwk.get("y"), "y");
        if (!isOnP256(x, y)) {
            throw invalid("The point (x, y) is not on the P-256 curve.");
        }
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + jwk.get("x") + "\",\"y\":\"" + jwk.get("y") + "\"}";
    }

    /** The Java key of a stored (canonical, validated) JWK. */
    static PublicKey parse(String canonicalJwk) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(canonicalJwk).getPublicKey();
        } catch (JoseException e) {
            throw new IllegalStateException("A stored device key is unreadable", e);
        }
    }

    private static BigInteger coordinate(Object value, String name) {
        if (!(value instanceof String text)) {
            throw invalid("The key's \"" + name + "\" must be a base64url string.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("The key's \"" + name + "\" is not base64url.");
        }
        if (bytes.length != COORDINATE_BYTES) {
            throw invalid("The key's \"" + name + "\" must encode 32 bytes.");
        }
        return new BigInteger(1, bytes);
    }

    /** y² = x³ + ax + b (mod p), with both coordinates inside the field. */
    static boolean isOnP256(BigInteger x, BigInteger y) {
        EllipticCurve curve = EllipticCurves.P256.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_PUBLIC_KEY, detail);
    }
}

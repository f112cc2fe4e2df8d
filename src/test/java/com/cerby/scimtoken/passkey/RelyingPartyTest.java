package com.cerby.scimtoken.passkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.webauthn4j.data.client.Origin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The relying party's settings are checked when the service starts, as a browser would judge them. */
class RelyingPartyTest {

    private static WebAuthnConfig config(String rpId, List<String> origins) {
        return new WebAuthnConfig() {
            @Override
            public Optional<String> rpId() {
                return Optional.ofNullable(rpId);
            }

            @Override
            public String rpName() {
                return "SCIM token service";
            }

            @Override
            public Optional<List<String>> origins() {
                return Optional.ofNullable(origins);
            }
        };
    }

    private static boolean accepts(RelyingParty rp, String origin) {
        return rp.expecting(new byte[32]).getOriginPredicate().test(new Origin(origin));
    }

    @Test
    void theOriginDefaultsToHttpsOnTheRelyingPartyId() {
        RelyingParty rp = new RelyingParty(config("Example.com", null));

        assertEquals("example.com", rp.id());
        assertTrue(accepts(rp, "https://example.com"));
        assertFalse(accepts(rp, "https://app.example.com"));
    }

    @Test
    void originsOnTheDomainOrItsSubdomainsAreAccepted() {
        RelyingParty rp = new RelyingParty(config("example.com", List.of("https://app.example.com",
                "https://example.com:8443")));

        assertTrue(accepts(rp, "https://app.example.com"));
        assertTrue(accepts(rp, "https://example.com:8443"));
        assertFalse(accepts(rp, "https://example.com"));
        assertTrue(accepts(new RelyingParty(config("localhost", List.of("http://localhost:8080"))),
                "http://localhost:8080"));
    }

    @Test
    void anOriginABrowserWouldRefuseStopsTheStart() {
        for (List<String> origins : List.of(List.of("https://evil-example.com"), List.of("https://example.org"),
                List.of("http://app.example.com"), List.of("not an origin"))) {
            assertThrows(IllegalStateException.class, () -> new RelyingParty(config("example.com", origins)),
                    origins.toString());
        }
        assertThrows(IllegalStateException.class,
                () -> new RelyingParty(config(null, List.of("https://example.com"))));
    }

    @Test
    void withoutARelyingPartyIdPasskeysAreOff() {
        RelyingParty rp = new RelyingParty(config(null, null));

        assertFalse(rp.isConfigured());
        ProblemException refused = assertThrows(ProblemException.class, rp::requireConfigured);
        assertEquals(ProblemType.PASSKEYS_NOT_CONFIGURED, refused.type());
        assertTrue(new RelyingParty(config("example.com", null)).isConfigured());
    }
}

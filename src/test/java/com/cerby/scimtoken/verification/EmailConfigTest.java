package com.cerby.scimtoken.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The email method's settings: the actions it may confirm, and the public base URL of the mailed links (an http(s)
 * origin with an optional path, nothing more).
 */
class EmailConfigTest {

    @Test
    void aBaseUrlLosesItsTrailingSlashes() {
        assertEquals("https://scim-token.example.com", VerificationMailer.checkedBase("https://scim-token.example.com/"));
        assertEquals("https://example.com/scim", VerificationMailer.checkedBase(" https://example.com/scim// "));
        assertEquals("http://localhost:8080", VerificationMailer.checkedBase("http://localhost:8080"));
    }

    @Test
    void aBaseUrlWithAQueryAFragmentAnotherSchemeOrNoHostStopsTheStart() {
        for (String wrong : new String[] { "https://example.com/verify?x=1", "https://example.com/#frag",
                "ftp://example.com", "/console", "https://", "not a url" }) {
            assertThrows(IllegalStateException.class, () -> VerificationMailer.checkedBase(wrong), wrong);
        }
    }

    @Test
    void actionsAreListedAsTheApiSpellsThemAndDefaultToRevealOnly() {
        assertEquals(List.of(VerificationAction.REVEAL), email(Map.of()).actions());
        assertEquals(List.of(VerificationAction.REVEAL, VerificationAction.MANAGE_FACTORS, VerificationAction.ROTATE),
                email(Map.of("scim-token.email.actions", "reveal,manage_factors,rotate")).actions());
    }

    private static EmailConfig email(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(EmailConfig.class)
                .withSources(new PropertiesConfigSource(settings, "test", 100)).build();
        return config.getConfigMapping(EmailConfig.class);
    }
}

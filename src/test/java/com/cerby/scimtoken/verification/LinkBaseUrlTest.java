package com.cerby.scimtoken.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The configured public base URL of the mailed links: an http(s) origin with an optional path, nothing more. */
class LinkBaseUrlTest {

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
}

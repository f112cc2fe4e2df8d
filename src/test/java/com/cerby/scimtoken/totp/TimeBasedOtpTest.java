package com.cerby.scimtoken.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TimeBasedOtpTest {

    /** RFC 6238 Appendix B seeds, with the 32- and 64-byte seeds of erratum 2866. */
    private static byte[] seed(TimeBasedOtp.Algorithm algorithm) {
        String ascii = switch (algorithm) {
            case SHA1 -> "12345678901234567890";
            case SHA256 -> "12345678901234567890123456789012";
            case SHA512 -> "1234567890123456789012345678901234567890123456789012345678901234";
        };
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{1} at {0}")
    @CsvSource({
            "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
            "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
            "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
            "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
            "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
            "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826" })
    void theRfc6238VectorsPass(long unixTime, TimeBasedOtp.Algorithm algorithm, String expected) {
        TimeBasedOtp otp = new TimeBasedOtp(algorithm, 8, Duration.ofSeconds(30));

        assertEquals(expected, otp.generate(seed(algorithm), otp.stepAt(Instant.ofEpochSecond(unixTime))));
    }

    @Test
    void aSixDigitCodeIsTheLastSixDigitsPaddedWithZeros() {
        TimeBasedOtp otp = new TimeBasedOtp(TimeBasedOtp.Algorithm.SHA1, 6, Duration.ofSeconds(30));

        assertEquals("081804", otp.generate(seed(TimeBasedOtp.Algorithm.SHA1), otp.stepAt(Instant.ofEpochSecond(1111111109))));
    }

    @Test
    void codesOfTheNeighbouringStepsMatchAndOthersDoNot() {
        TimeBasedOtp otp = new TimeBasedOtp(TimeBasedOtp.Algorithm.SHA1, 6, Duration.ofSeconds(30));
        byte[] secret = seed(TimeBasedOtp.Algorithm.SHA1);
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        long step = otp.stepAt(now);

        assertEquals(OptionalLong.of(step), otp.match(secret, otp.generate(secret, step), now, 1));
        assertEquals(OptionalLong.of(step - 1), otp.match(secret, otp.generate(secret, step - 1), now, 1));
        assertEquals(OptionalLong.of(step + 1), otp.match(secret, otp.generate(secret, step + 1), now, 1));
        assertTrue(otp.match(secret, otp.generate(secret, step - 2), now, 1).isEmpty());
        assertTrue(otp.match(secret, otp.generate(secret, step + 2), now, 1).isEmpty());
        assertTrue(otp.match(secret, "12345", now, 1).isEmpty());
    }
}

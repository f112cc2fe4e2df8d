package com.cerby.scimtoken.common.security;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** The one source of randomness for tokens, nonces and challenges. */
public class RandomProducer {

    @Produces
    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}

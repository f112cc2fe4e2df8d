package com.cerby.scimtoken.common.security;

import com.cerby.scimtoken.common.tracing.OutboundCalls;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.KeyLocationResolver;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.net.URI;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * SmallRye JWT's principal factory, as its default one, with one difference: the identity provider's JWKS is fetched
 * as a traced outbound call ({@link OutboundCalls}), like every other call the service makes. The parsing, the checks
 * and the key cache are SmallRye's own.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TracedKeysPrincipalFactory extends JWTCallerPrincipalFactory {

    private final DefaultJWTTokenParser parser;

    TracedKeysPrincipalFactory(OutboundCalls calls) {
        this.parser = new TracedParser(calls);
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
        JwtContext context = parser.parse(token, info);
        return new DefaultJWTCallerPrincipal(context.getJoseObjects().get(0).getHeader("typ"),
                context.getJwtClaims());
    }

    /**
     * SmallRye's parser with its key resolver made once, as SmallRye makes it (the resolver holds the key cache and
     * the refetch limit), but with a traced Get.
     */
    private static final class TracedParser extends DefaultJWTTokenParser {

        private final OutboundCalls calls;
        private volatile VerificationKeyResolver resolver;

        TracedParser(OutboundCalls calls) {
            this.calls = calls;
        }

        @Override
        protected VerificationKeyResolver getVerificationKeyResolver(JWTAuthContextInfo info)
                throws UnresolvableKeyException {
            if (resolver == null) {
                synchronized (this) {
                    if (resolver == null) {
                        // Anonymous: SmallRye's resolver asks for its Get while it is constructed, when the fields
                        // of a named subclass would not be set yet; this one reads the parser's.
                        resolver = new KeyLocationResolver(info) {
                            @Override
                            protected Get getHttpGet() {
                                return new TracedGet(super.getHttpGet(), calls);
                            }
                        };
                    }
                }
            }
            return resolver;
        }
    }

    /** SmallRye's configured Get (timeouts, TLS), each fetch within a CLIENT span. */
    private static final class TracedGet extends Get {

        private final Get configured;
        private final OutboundCalls calls;

        TracedGet(Get configured, OutboundCalls calls) {
            this.configured = configured;
            this.calls = calls;
        }

        @Override
        public SimpleResponse get(String location) throws IOException {
            return calls.call("GET", URI.create(location), () -> configured.get(location),
                    SimpleResponse::getStatusCode);
        }
    }
}

package com.cerby.scimtoken.local;

import com.cerby.scimtoken.common.problem.Problem;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.problem.RouteProblems;
import com.cerby.scimtoken.common.web.BodySizeLimit;
import com.cerby.scimtoken.common.web.Ids;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /local/jwt}: mints a JWT signed with the local key, so a developer can call the API without an
 * identity provider. The route is registered only in local mode; in production the path does not exist.
 */
public class LocalJwtRoute {

    static final String PATH = "/local/jwt";
    private static final Duration DEFAULT_TTL = Duration.ofHours(8);
    private static final Duration MAX_TTL = Duration.ofDays(1);

    /** What the developer asks for; {@code roles} are the JWT groups, {@code ttlSeconds} defaults to 8 hours. */
    record MintRequest(String sub, String workspaceId, List<String> roles, String email, Long ttlSeconds) {
    }

    record MintedJwt(String token, Instant expiresAt) {
    }

    private final ObjectMapper json;
    private final RouteProblems problems;
    private final Clock clock;
    private final Optional<String> issuer;
    private final String audience;

    LocalJwtRoute(ObjectMapper json, RouteProblems problems, Clock clock,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences) {
        this.json = json;
        this.problems = problems;
        this.clock = clock;
        this.issuer = issuer;
        this.audience = audiences.get(0);
    }

    void register(@Observes Router router, BodySizeLimit bodySizeLimit) {
        if (LocalMode.isActive()) {
            router.post(PATH).handler(BodyHandler.create().setBodyLimit(bodySizeLimit.maxBytes()))
                    .blockingHandler(this::mint);
        }
    }

    private void mint(RoutingContext context) {
        if (!Loopback.isLoopback(context.request().remoteAddress())) {
            problems.send(context, Problem.of(ProblemType.LOOPBACK_ONLY,
                    "Local JWTs are minted only for callers on this machine (the loopback interface).", PATH));
            return;
        }
        if (!Loopback.isLoopbackHostHeader(context.request().getHeader("Host"))) {
            problems.send(context, Problem.of(ProblemType.LOOPBACK_ONLY, "Local JWTs are minted only for requests"
                    + " addressed to localhost, 127.0.0.1 or [::1] (the Host header), never to another name.", PATH));
            return;
        }
        if (!isJson(context.request().getHeader("Content-Type"))) {
            problems.send(context, Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the request as application/json.", PATH));
            return;
        }
        MintRequest request;
        try {
            request = json.readValue(context.body().buffer().getBytes(), MintRequest.class);
        } catch (IOException | NullPointerException e) {
            problems.send(context, Problem.of(ProblemType.MALFORMED_JSON,
                    "Send {\"sub\", \"workspaceId\", \"roles\": [...], \"email\"?, \"ttlSeconds\"?}.", PATH));
            return;
        }
        List<Problem.FieldError> errors = validate(request);
        if (!errors.isEmpty()) {
            problems.send(context, Problem.of(ProblemType.VALIDATION_FAILED, "One or more fields are invalid.", PATH)
                    .withErrors(errors));
            return;
        }
        Instant issuedAt = clock.instant();
        Instant expiresAt = issuedAt.plusSeconds(request.ttlSeconds() == null
                ? DEFAULT_TTL.toSeconds()
                : request.ttlSeconds());
        var claims = Jwt.audience(audience)
                .subject(request.sub())
                .claim("workspace_id", request.workspaceId())
                .groups(Set.copyOf(request.roles()))
                .claim("auth_time", issuedAt.getEpochSecond())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt);
        issuer.ifPresent(claims::issuer);
        if (request.email() != null) {
            claims.claim("email", request.email());
        }
        try {
            context.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(json.writeValueAsBytes(new MintedJwt(claims.sign(), expiresAt))));
        } catch (IOException e) {
            context.fail(e);
        }
    }

    /**
     * Only JSON: a browser sends a cross-site form or text/plain body without asking first (no CORS preflight), never
     * an application/json one.
     */
    private static boolean isJson(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].strip().equalsIgnoreCase("application/json");
    }

    private static List<Problem.FieldError> validate(MintRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.sub() == null || !request.sub().matches(Ids.PATTERN)) {
            errors.add(new Problem.FieldError("sub", Ids.MESSAGE));
        }
        if (request.workspaceId() == null || !request.workspaceId().matches(Ids.PATTERN)) {
            errors.add(new Problem.FieldError("workspaceId", Ids.MESSAGE));
        }
        if (request.roles() == null || request.roles().isEmpty() || request.roles().contains(null)) {
            errors.add(new Problem.FieldError("roles", "must list at least one role, e.g. [\"owner\"]"));
        }
        if (request.ttlSeconds() != null && (request.ttlSeconds() < 1 || request.ttlSeconds() > MAX_TTL.toSeconds())) {
            errors.add(new Problem.FieldError("ttlSeconds", "must be between 1 and " + MAX_TTL.toSeconds()));
        }
        return errors;
    }
}

package com.cerby.scimtoken.common.problem;

import com.cerby.scimtoken.common.db.DatabaseOutage;
import com.cerby.scimtoken.common.web.ResourceRoutes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json}. Client errors are logged at debug,
 * server errors at warn or error, except a database outage, which {@link DatabaseOutage} logs once for all the
 * requests it fails; no exception message of a 5xx reaches the client.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /**
     * When to try again after a database outage: time for most restarts and failovers to finish (the service itself
     * notices the database's return within about 2 s).
     */
    private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(5);

    private final DatabaseOutage outage;
    private final ResourceRoutes routes;

    ProblemMapper(DatabaseOutage outage, ResourceRoutes routes) {
        this.outage = outage;
        this.routes = routes;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.toProblem(path(uri)));
        return e.retryAfter()
                .map(wait -> Response.fromResponse(response)
                        .header(HttpHeaders.RETRY_AFTER, Math.max(1, (wait.toMillis() + 999) / 1000))
                        .build())
                .orElse(response);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        Problem problem = Problem.of(ProblemType.VALIDATION_FAILED, "One or more fields are invalid.", path(uri));
        return respond(problem.withErrors(errors));
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        LOG.debugf("Unreadable JSON body: %s", e.getOriginalMessage());
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            Problem problem = Problem.of(ProblemType.VALIDATION_FAILED, "One or more fields are invalid.", path(uri));
            return respond(problem.withErrors(List.of(new Problem.FieldError(jsonPath(mismatch), mismatchMessage(mismatch)))));
        }
        return respond(Problem.of(ProblemType.MALFORMED_JSON,
                "The request body could not be read as the expected JSON document.", path(uri)));
    }

    private static String jsonPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(java.util.stream.Collectors.joining("."));
    }

    private static String mismatchMessage(MismatchedInputException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            return "must be one of " + java.util.Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase(java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        return "has the wrong type";
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        boolean tokenPresented = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        String detail = tokenPresented
                ? "The bearer token is invalid, expired or not meant for this service."
                : "A bearer token is required.";
        return Response.fromResponse(respond(Problem.of(ProblemType.UNAUTHORIZED, detail, path(uri))))
                .header(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.ROLE_NOT_ALLOWED,
                "Your workspace role does not allow this operation.", path(uri)));
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri, Request request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 || status == 405) {
            Optional<SortedSet<String>> allowed = routes.allowedAt(path(uri));
            if (allowed.isPresent() && !allowed.get().contains(request.getMethod())) {
                return Response.fromResponse(respond(Problem.of(ProblemType.METHOD_NOT_ALLOWED,
                                frameworkDetail(ProblemType.METHOD_NOT_ALLOWED), path(uri))))
                        .header(HttpHeaders.ALLOW, String.join(", ", allowed.get()))
                        .build();
            }
        }
        ProblemType type = ProblemType.forStatus(status);
        if (status >= 500) {
            LOG.warn("Framework failure", e);
        }
        return respond(Problem.of(type, frameworkDetail(type), path(uri)));
    }

    /** Everything else: a database that is unavailable (503, logged once per outage), or a failure of the service. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (outage.failed(uri.getPath(), e)) {
            return problem(new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "The database is unavailable for a moment; try again shortly.", RETRY_AFTER_OUTAGE), uri);
        }
        LOG.error("Unhandled failure", e);
        return respond(Problem.of(ProblemType.INTERNAL_ERROR,
                "The service could not complete the request.", path(uri)));
    }

    private static String frameworkDetail(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "No resource exists at this path.";
            case METHOD_NOT_ALLOWED -> "This resource does not support the request method.";
            case UNSUPPORTED_MEDIA_TYPE -> "This resource does not accept the request's Content-Type.";
            case NOT_ACCEPTABLE -> "This resource cannot answer in a media type the request accepts.";
            case PAYLOAD_TOO_LARGE -> "The request body exceeds 64 KiB.";
            case INTERNAL_ERROR -> "The service could not complete the request.";
            default -> "The request could not be processed.";
        };
    }

    /** The name of the offending field: the last bean or parameter node of the violation's path. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.RETURN_VALUE) {
                name = node.getName() == null ? name : node.getName();
            }
        }
        return name;
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

    static Response respond(Problem problem) {
        if (problem.status() >= 500 && !ProblemType.SERVICE_UNAVAILABLE.code().equals(problem.code())) {
            LOG.warnf("Answered %d %s", problem.status(), problem.code());
        } else {
            LOG.debugf("Answered %d %s", problem.status(), problem.code());
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

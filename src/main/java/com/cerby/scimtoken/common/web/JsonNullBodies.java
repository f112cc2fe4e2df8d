package com.cerby.scimtoken.common.web;

import com.cerby.scimtoken.common.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON body that is the literal {@code null} is a 400, not "no body": Jackson reads it as null, which a route
 * whose body is optional would take for an absent body (and a route that reads it further for a failure). An empty
 * body stays what it was: none.
 */
@Provider
public class JsonNullBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            return context.proceed();
        }
        byte[] raw = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(raw));
        Object body = context.proceed();
        if (body == null && !new String(raw, StandardCharsets.UTF_8).isBlank()) {
            throw nullBody();
        }
        return body;
    }

    /** The problem of a body that is JSON {@code null}. */
    static ProblemException nullBody() {
        return ProblemException.invalidField("body", "must be a JSON object, not null");
    }
}

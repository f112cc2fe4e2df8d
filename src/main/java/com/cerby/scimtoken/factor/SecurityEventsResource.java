package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.audit.AuditPage;
import com.cerby.scimtoken.audit.AuditService;
import com.cerby.scimtoken.common.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The caller's own security feed: every change of their factors, in any workspace they used, newest first. A
 * phone enrolled through another workspace's session shows up here, whichever workspace's audit log it went to.
 * Refusals are a list of their own ({@code kind=refusals}): someone holding a stolen session can cause as many as
 * they like, and the changes ({@code kind=changes}, the default) must stay on the first page.
 */
@Path("/api/v1/me/security-events")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityEventsResource {

    static final String CHANGES = "changes";
    static final String REFUSALS = "refusals";

    private final AuditService audit;
    private final Caller caller;

    SecurityEventsResource(AuditService audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Authenticated
    public AuditPage list(
            @QueryParam("limit") @DefaultValue(AuditPage.DEFAULT_LIMIT)
            @Pattern(regexp = AuditPage.LIMIT_PATTERN, message = AuditPage.LIMIT_MESSAGE) String limit,
            @QueryParam("cursor") @Size(max = AuditPage.MAX_CURSOR_LENGTH) String cursor,
            @QueryParam("kind") @DefaultValue(CHANGES)
            @Pattern(regexp = "^(" + CHANGES + "|" + REFUSALS + ")$", message = "must be changes or refusals") String kind) {
        return audit.pageOfActor(caller.userId(),
                REFUSALS.equals(kind) ? FactorChange.refusalEvents() : FactorChange.changeEvents(),
                Integer.parseInt(limit), cursor);
    }
}

package com.cerby.scimtoken.leak;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.web.JsonBodies;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * GitHub's secret-scanning partner endpoint: a signed JSON array of matches. The signature is the
 * authentication (no JWT): without a valid one nothing is looked up. The body is taken raw, because the signature
 * covers its exact bytes.
 */
@Path("/api/v1/scim-tokens/leak-reports")
@Produces(MediaType.APPLICATION_JSON)
public class LeakReportResource {

    /** GitHub batches matches; a larger report is refused, as is a body over the 64 KiB limit. */
    static final int MAX_REPORTS = 1000;

    private final GitHubKeys keys;
    private final JsonBodies bodies;
    private final LeakReportService service;
    private final ManagedExecutor executor;

    LeakReportResource(GitHubKeys keys, JsonBodies bodies, LeakReportService service, ManagedExecutor executor) {
        this.keys = keys;
        this.bodies = bodies;
        this.service = service;
        this.executor = executor;
    }

    /**
     * Checks the signature, then handles the report on a worker thread with the request's context; while GitHub's
     * keys are fetched for an unknown key id, no thread waits.
     */
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<List<LeakFeedback>> report(byte[] body,
            @HeaderParam("Github-Public-Key-Identifier") String keyId,
            @HeaderParam("Github-Public-Key-Signature") String signature) {
        if (keyId == null || signature == null) {
            throw invalidSignature();
        }
        return executor.copy(keys.verifies(keyId, signature, body)).thenApplyAsync(valid -> {
            if (!valid) {
                throw invalidSignature();
            }
            return service.handle(bodies.readList(body, LeakReport.class, MAX_REPORTS));
        });
    }

    private static ProblemException invalidSignature() {
        return new ProblemException(ProblemType.INVALID_SIGNATURE, "The report must be signed with one of GitHub's"
                + " secret-scanning keys (Github-Public-Key-Identifier, Github-Public-Key-Signature).");
    }
}

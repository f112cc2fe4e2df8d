package com.cerby.scimtoken.support;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A test-only JSON endpoint that lets the suite exercise the framework's body handling (415, malformed JSON,
 * 413, bean validation) through the same mappers as the real API. Hidden from the OpenAPI document.
 */
@Path("/test-probe")
@PermitAll
public class ProbeResource {

    public record ProbeBody(@NotBlank String name, @NotNull @Min(1) @Max(10) Integer count, String padding) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ProbeBody echo(@Valid @NotNull ProbeBody body) {
        return body;
    }
}

package com.cerby.scimtoken.device;

import com.cerby.scimtoken.common.web.Ids;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** The caller's own mobile devices; any authenticated user, no workspace role needed. */
@Path("/api/v1/me/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private final DeviceService service;

    DeviceResource(DeviceService service) {
        this.service = service;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enroll(@Valid @NotNull EnrollDeviceRequest request, UriInfo uri) {
        DeviceView device = service.enroll(request);
        return Response.created(uri.getAbsolutePathBuilder().path(device.id().toString()).build())
                .entity(device).build();
    }

    @GET
    @Authenticated
    public DeviceView.Page list() {
        return new DeviceView.Page(service.list());
    }

    @DELETE
    @Path("{deviceId}")
    @Authenticated
    public void remove(
            @PathParam("deviceId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String deviceId,
            @QueryParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId) {
        service.remove(UUID.fromString(deviceId), Ids.optionalUuid(verificationId));
    }
}

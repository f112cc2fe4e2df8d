package com.cerby.scimtoken.common.web;

import java.util.UUID;

/** The shape of workspace and user ids in paths: opaque strings of 1 to 64 safe characters. */
public final class Ids {

    public static final String PATTERN = "^[A-Za-z0-9._-]{1,64}$";
    public static final String MESSAGE = "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'";
    public static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    public static final String UUID_MESSAGE = "must be a UUID";

    private Ids() {
    }

    /** The UUID of an optional id that already matched {@link #UUID_PATTERN}; null when absent. */
    public static UUID optionalUuid(String id) {
        return id == null ? null : UUID.fromString(id);
    }
}

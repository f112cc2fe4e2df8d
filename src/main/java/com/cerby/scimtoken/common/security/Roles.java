package com.cerby.scimtoken.common.security;

/** Workspace roles carried in the JWT {@code groups} claim, the service role of the SCIM server and the operators' role. */
public final class Roles {

    public static final String OWNER = "owner";
    public static final String SUPER_ADMIN = "super_admin";
    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final String LOGIN_ONLY = "login_only";
    public static final String GUEST_USER = "guest_user";
    public static final String TOKEN_INTROSPECTOR = "token_introspector";
    /** The operators' service role that resets a user's factors (a user who lost every factor). */
    public static final String FACTOR_ADMIN = "factor_admin";

    /** Every role this service knows. */
    public static final java.util.Set<String> ALL = java.util.Set.of(OWNER, SUPER_ADMIN, ADMIN, USER, LOGIN_ONLY,
            GUEST_USER, TOKEN_INTROSPECTOR, FACTOR_ADMIN);

    private Roles() {
    }
}

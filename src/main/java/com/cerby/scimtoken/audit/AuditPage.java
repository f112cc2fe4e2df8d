package com.cerby.scimtoken.audit;

import java.util.List;

/** One page of events, newest first; {@code nextCursor} fetches the following page, null on the last one. */
public record AuditPage(List<AuditEventView> items, String nextCursor) {

    /** The page size a caller may ask for: 1 to 200 (default 50). */
    public static final String LIMIT_PATTERN = "^([1-9][0-9]?|1[0-9][0-9]|200)$";
    public static final String LIMIT_MESSAGE = "must be a whole number from 1 to 200";
    public static final String DEFAULT_LIMIT = "50";
    public static final int MAX_CURSOR_LENGTH = 200;
}

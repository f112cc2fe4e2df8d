package com.cerby.scimtoken.audit;

import java.util.List;

/** One page of events, newest first; {@code nextCursor} fetches the following page, null on the last one. */
public record AuditPage(List<AuditEventView> items, String nextCursor) {
}

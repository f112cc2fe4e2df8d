package com.cerby.scimtoken.leak;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One match of GitHub's secret scanning: the string found, the pattern's type, where, and in what kind of place. */
public record LeakReport(
        @NotNull @Size(max = 1024) String token,
        @Size(max = 128) String type,
        @Size(max = 2048) String url,
        @Size(max = 128) String source) {
}

package com.cerby.scimtoken.owners;

import com.cerby.scimtoken.scimtoken.ScimToken;
import com.cerby.scimtoken.scimtoken.ScimTokenRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Warns a workspace's owners before its current token expires (with {@code scim-token.token.lifetime}): at 14, 3 and
 * 1 days before, each once across every instance (a row per warning decides which instance sends it). A rotated-out
 * token is no longer current, so rotating ends its warnings.
 */
@ApplicationScoped
public class ExpiryWarnings {

    private final ScimTokenRepository tokens;
    private final OwnerNotices notices;
    private final EntityManager entityManager;
    private final List<Integer> warningDays;
    private final Clock clock;

    ExpiryWarnings(ScimTokenRepository tokens, OwnerNotices notices, EntityManager entityManager, OwnersConfig config,
            Clock clock) {
        this.tokens = tokens;
        this.notices = notices;
        this.entityManager = entityManager;
        this.warningDays = config.expiryWarningDays().stream().sorted(Comparator.reverseOrder()).toList();
        this.clock = clock;
    }

    @Scheduled(every = "${scim-token.owners.expiry-check-interval:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        warnDue();
    }

    /** Sends the warnings that are due now; answers how many. */
    @Transactional
    public int warnDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (ScimToken token : tokens.listCurrentExpiringBefore(now.plus(Duration.ofDays(warningDays.get(0))))) {
            Duration left = Duration.between(now, token.expiresAt());
            if (left.isNegative() || left.isZero()) {
                continue;
            }
            // The nearest warning the token has reached; one that was skipped (a check that came late) is not sent.
            int due = warningDays.stream().filter(days -> left.compareTo(Duration.ofDays(days)) <= 0)
                    .reduce((wider, nearer) -> nearer).orElseThrow();
            if (firstToSend(token.id(), due, now)) {
                notices.expiring(token.workspaceId(), token.hint(), token.expiresAt(), ScimToken.daysLeft(left));
                sent++;
            }
        }
        return sent;
    }

    /** Whether this instance records the warning first (and so sends it); a concurrent instance waits and skips. */
    private boolean firstToSend(UUID tokenId, int daysBefore, Instant now) {
        return entityManager.createNativeQuery("""
                insert into token_expiry_warning (token_id, days_before, sent_at) values (:tokenId, :days, :now)
                on conflict do nothing""")
                .setParameter("tokenId", tokenId)
                .setParameter("days", daysBefore)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }
}

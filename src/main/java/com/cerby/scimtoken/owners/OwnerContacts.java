package com.cerby.scimtoken.owners;

import com.cerby.scimtoken.common.web.Ids;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;

/**
 * The addresses to tell about a workspace's token: the email of every owner whose JWT the service has seen in the
 * workspace (within {@code contact-max-age}), plus the deployment's fixed addresses. This is all the service can
 * know of a workspace's owners: an owner who never used it is not told. Sightings are gathered in memory and
 * written in one batch every {@code contact-flush-interval}.
 */
@ApplicationScoped
public class OwnerContacts {

    private static final int MAX_EMAIL_LENGTH = 320;

    private final Map<Contact, Instant> sightings = new ConcurrentHashMap<>();
    private final EntityManager entityManager;
    private final OwnersConfig config;
    private final Clock clock;

    private record Contact(String workspaceId, String email) {
    }

    OwnerContacts(EntityManager entityManager, OwnersConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** Notes that an owner of the workspace with this address made a request (an address, not just any text). */
    void seen(String workspaceId, String email) {
        if (email.length() <= MAX_EMAIL_LENGTH && email.indexOf('@') > 0 && workspaceId.matches(Ids.PATTERN)) {
            sightings.put(new Contact(workspaceId, email), clock.instant());
        }
    }

    @Scheduled(every = "${scim-token.owners.contact-flush-interval:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        flush();
    }

    /** Writes the sightings gathered since the last flush; answers how many. */
    @Transactional
    public int flush() {
        List<Contact> contacts = new ArrayList<>();
        List<Timestamp> times = new ArrayList<>();
        for (Contact contact : Set.copyOf(sightings.keySet())) {
            Instant when = sightings.remove(contact);
            if (when != null) {
                contacts.add(contact);
                times.add(Timestamp.from(when));
            }
        }
        if (contacts.isEmpty()) {
            return 0;
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into owner_contact (workspace_id, email, last_seen_at)
                    select * from unnest(?::varchar[], ?::varchar[], ?::timestamptz[])
                    on conflict (workspace_id, email)
                    do update set last_seen_at = greatest(owner_contact.last_seen_at, excluded.last_seen_at)""")) {
                upsert.setArray(1, connection.createArrayOf("varchar",
                        contacts.stream().map(Contact::workspaceId).toArray()));
                upsert.setArray(2, connection.createArrayOf("varchar", contacts.stream().map(Contact::email).toArray()));
                upsert.setArray(3, connection.createArrayOf("timestamptz", times.toArray()));
                return upsert.executeUpdate();
            }
        });
    }

    /**
     * The addresses to tell about the workspace's token: the written contacts and the sightings of this instance
     * that wait for the next flush, so that an owner seen a moment ago is told too.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<String> of(String workspaceId) {
        Instant since = clock.instant().minus(config.contactMaxAge());
        Set<String> recipients = new LinkedHashSet<>(config.notifyEmails().orElse(List.of()));
        sightings.forEach((contact, seenAt) -> {
            if (contact.workspaceId().equals(workspaceId) && seenAt.isAfter(since)) {
                recipients.add(contact.email());
            }
        });
        recipients.addAll(entityManager.createNativeQuery("""
                select email from owner_contact where workspace_id = :workspaceId and last_seen_at > :since
                order by last_seen_at desc limit 50""", String.class)
                .setParameter("workspaceId", workspaceId)
                .setParameter("since", since)
                .getResultList());
        return List.copyOf(recipients);
    }
}

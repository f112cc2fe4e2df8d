package com.cerby.scimtoken.support;

import com.cerby.scimtoken.local.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.Map;

/**
 * The test suite's PostgreSQL: the embedded one, started once per run, unless QUARKUS_DATASOURCE_JDBC_URL names
 * an external server (with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD).
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        database = EmbeddedDatabase.startThrowaway();
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.stop();
        }
    }
}

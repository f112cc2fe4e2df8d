package com.cerby.scimtoken.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) for the email verification method; tests get it injected as a GreenMail field.
 * One server serves the whole run, also across the application restarts of test profiles.
 */
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail smtp;

    private static synchronized GreenMail server() {
        if (smtp == null) {
            // The server binds a port of its own choosing: probing for a free port and binding it later races
            // with the other test resources that start at the same time.
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            smtp.start();
            Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
        }
        return smtp;
    }

    @Override
    public Map<String, String> start() {
        GreenMail smtp = server();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server(), new TestInjector.MatchesType(GreenMail.class));
    }

    @Override
    public void stop() {
        // The server outlives application restarts; the shutdown hook stops it at the end of the run.
    }
}

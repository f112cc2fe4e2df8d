package com.cerby.scimtoken.operations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The commands that a newcomer pastes do what they say: the Docker example (docs/deployment.md) keeps its keys and
 * finds its database, and the README quickstart's user is not the one the console's sign-in form suggests.
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of("README.md");
    private static final Path DEPLOYMENT = Path.of("docs/deployment.md");
    private static final Path SIGN_IN = Path.of("src/main/resources/META-INF/resources/console/local/sign-in.js");

    private static String section(Path file, String heading) throws IOException {
        String text = Files.readString(file);
        int start = text.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, file + " has no section " + heading);
        int end = text.indexOf("\n## ", start + heading.length() + 2);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    @Test
    void theDockerExampleKeepsItsKeysRunsBesideItsDatabaseAndTurnsTheConsoleOn() throws IOException {
        String docker = section(DEPLOYMENT, "## Docker");

        assertFalse(Pattern.compile("(?m)^\\s*(docker run|-e ).*\\$\\(openssl").matcher(docker).find(),
                "a secret generated in the docker run command changes at every run");
        assertTrue(docker.contains("--env-file scim-token.env"), docker);
        assertTrue(docker.contains("if [ ! -f scim-token.env ]"), "the env file is made once");
        Matcher database = Pattern.compile("jdbc:postgresql://([^:/]+)").matcher(docker);
        assertTrue(database.find(), docker);
        assertTrue(docker.contains("--name " + database.group(1) + " --network scim-token"),
                "the database host is a container on the service's network");
        assertTrue(docker.contains("docker network create scim-token"), docker);
        assertTrue(docker.contains("SCIM_TOKEN_CONSOLE_ENABLED=true"), docker);
    }

    @Test
    void theQuickstartHasAUserOfItsOwn() throws IOException {
        Matcher suggested = Pattern.compile("SUGGESTED_USER = '([^']+)'").matcher(
                Files.readString(SIGN_IN));
        assertTrue(suggested.find(), "the sign-in form suggests a user");

        Set<String> quickstartUsers = Pattern.compile("\"sub\": \"([^\"]+)\"")
                .matcher(section(README, "## Quickstart (local mode)")).results().map(result -> result.group(1))
                .collect(Collectors.toSet());

        assertTrue(quickstartUsers.contains("quinn"), quickstartUsers.toString());
        assertFalse(quickstartUsers.contains(suggested.group(1)), quickstartUsers.toString());
    }
}

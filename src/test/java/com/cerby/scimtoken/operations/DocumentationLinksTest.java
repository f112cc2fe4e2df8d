package com.cerby.scimtoken.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/*.md as a reader meets them: every link and image stays inside the repository and finds its
 * file (and its heading, for a #anchor), and the README stays short enough to read, with the run command, the test
 * command and the console's address on its first screen.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    private static final Path README = ROOT.resolve("README.md");
    private static final int README_MAX_LINES = 400;
    private static final int FIRST_SCREEN_LINES = 60;

    /** [text](target) and ![alt](target), with an optional "title" after the target. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** [label]: target, a reference-style definition. */
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    /** <scheme://...>, an autolink. */
    private static final Pattern AUTOLINK = Pattern.compile("<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\\s]*)>");
    /** A URL written out in prose, which GitHub turns into a link of its own. */
    private static final Pattern BARE_URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyLinkAndImageStaysInTheRepositoryAndFindsItsTarget() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : documents()) {
            String prose = withoutCode(Files.readString(file));
            for (String target : targets(prose)) {
                checked++;
                String problem = problem(file, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(file) + ": (" + target + ") " + problem);
                }
            }
            Matcher autolink = AUTOLINK.matcher(prose);
            while (autolink.find()) {
                broken.add(ROOT.relativize(file) + ": <" + autolink.group(1) + "> leaves the repository");
            }
            Matcher url = BARE_URL.matcher(AUTOLINK.matcher(INLINE_LINK.matcher(prose).replaceAll("")).replaceAll(""));
            while (url.find()) {
                broken.add(ROOT.relativize(file) + ": " + url.group() + " is a link out of the repository (write an "
                        + "address as `code`, or name the product)");
            }
        }
        assertTrue(checked >= 40, "the links were found at all: " + checked);
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    @Test
    void theReadmeIsShortAndItsFirstScreenSaysHowToRunTestAndOpenIt() throws IOException {
        List<String> lines = Files.readAllLines(README);
        assertTrue(lines.size() <= README_MAX_LINES, "README.md has " + lines.size() + " lines, at most "
                + README_MAX_LINES);
        String firstScreen = String.join("\n", lines.subList(0, Math.min(FIRST_SCREEN_LINES, lines.size())));

        // The commands as the README's table of the two commands states them.
        String readme = String.join("\n", lines);
        String run = command(readme, "run");
        String test = command(readme, "test");
        assertTrue(run.contains("java ") && run.contains("quarkus.profile=local"), run);
        assertTrue(test.startsWith("mvn "), test);

        Properties properties = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        String console = "http://localhost:" + properties.getProperty("quarkus.http.port") + "/console/";

        assertTrue(firstScreen.contains(run), "the first screen has the run command " + run);
        assertTrue(firstScreen.contains(test), "the first screen has the test command " + test);
        assertTrue(firstScreen.contains(console), "the first screen has the console's address " + console);
        assertTrue(!firstScreen.toLowerCase(Locale.ROOT).contains("contract test"),
                "the first screen is about the service, not its contract tests");
    }

    @Test
    void anchorsFollowGitHubsHeadingIds() {
        assertEquals("checking-an-access-token-locally-or-by-introspection",
                slug("Checking an access token: locally or by introspection"));
        assertEquals("the-web-apps-jwts", slug("The web app's JWTs"));
        assertEquals("2026-12-07-2-cores-24-gib-debian-12-java-17", slug("2026-12-07: 2 cores, 24 GiB, Debian 12, Java 17"));
        assertEquals("quickstart-local-mode", slug("Quickstart (local mode)"));
        assertEquals("scimtokeninstancedown", slug("ScimTokenInstanceDown"));
        assertEquals("lost-your-phone", slug("Lost your phone?"));
        assertEquals("the-token-endpoint", slug("The `token` [endpoint](x.md)"));
        assertEquals(Set.of("a", "a-1", "b"), anchors("# A\n```\n# not a heading\n```\n## A\n### B\n"));
    }

    /** Why a link from {@code file} to {@code target} is broken, or null when it is not. */
    private static String problem(Path file, String target) throws IOException {
        if (target.isEmpty()) {
            return "has no target";
        }
        if (target.startsWith("//") || SCHEME.matcher(target).find()) {
            return "leaves the repository";
        }
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : (path.startsWith("/") ? ROOT.resolve(path.substring(1))
                : file.getParent().resolve(path)).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "names no file: " + ROOT.relativize(resolved);
        }
        if (anchor != null) {
            if (!resolved.toString().endsWith(".md")) {
                return "has an anchor in a file that is not markdown";
            }
            Set<String> anchors = anchors(Files.readString(resolved));
            if (!anchors.contains(anchor)) {
                return "names no heading of " + ROOT.relativize(resolved) + " (its anchors: " + anchors + ")";
            }
        }
        return null;
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        assertTrue(documents.size() > 1, "docs/*.md exist");
        return documents;
    }

    private static List<String> targets(String prose) {
        List<String> targets = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION)) {
            Matcher link = pattern.matcher(prose);
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The text without fenced code blocks and code spans: commands and examples there are not links. */
    private static String withoutCode(String markdown) {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                prose.append('\n');
                continue;
            }
            prose.append(fenced ? "" : line.replaceAll("`[^`]*`", "code")).append('\n');
        }
        return prose.toString();
    }

    /** The ids GitHub gives the headings of a markdown file (a repeated one gets -1, -2, ...). */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String id = slug(heading.group(2));
                int count = seen.merge(id, 1, Integer::sum);
                anchors.add(count == 1 ? id : id + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** GitHub's rule: the heading's text, lower case, without punctuation but '-' and '_', spaces as '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    /** The command in the README's table row {@code | **what** ... | `command` |}. */
    private static String command(String readme, String what) {
        Matcher row = Pattern.compile("(?m)^\\| \\*\\*" + what + "\\*\\*[^|]*\\| `([^`]+)` \\|\\s*$").matcher(readme);
        assertTrue(row.find(), "the README states the " + what + " command in its table");
        return row.group(1);
    }

    static {
        if (!Files.isRegularFile(README)) {
            throw new UncheckedIOException(new IOException(README + " not found: run the tests from the project's "
                    + "root directory"));
        }
    }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the whole View Token flow (start a push verification, approve it as the phone, reveal the token) from
 * CONNECTIONS threads for SECONDS, and prints "flows/s p50_ms p99_ms errors". Each thread is its own owner with
 * its own phone (Phone.java's key handling), in its own workspace; RUN names the run, so that every run has users
 * of its own (a user's first phone needs no step-up; a second would).
 *
 * usage: Flow BASE_URL CONNECTIONS SECONDS RUN
 */
public class Flow {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern NUMBER = Pattern.compile("\"numberChallenge\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int connections = Integer.parseInt(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        String run = args[3];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        List<Runnable> owners = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            String workspace = "flow-" + run + "-" + i;
            String jwt = find(TOKEN, post(http, base + "/local/jwt", null, "{\"sub\":\"flow-owner-" + run + "-" + i
                    + "\",\"workspaceId\":\"" + workspace + "\",\"roles\":[\"owner\"]}"));
            KeyPair phone = Phone.newKeyPair();
            String deviceId = find(ID, post(http, base + "/api/v1/me/devices", jwt,
                    "{\"name\":\"bench\",\"publicKey\":" + Phone.publicJwk((ECPublicKey) phone.getPublic()) + "}"));
            owners.add(() -> {
                long start = System.nanoTime();
                try {
                    String started = post(http, base + "/api/v1/workspaces/" + workspace
                            + "/scim-token/verifications", jwt, "{}");
                    String id = find(ID, started);
                    String assertion = Phone.signDecision(phone.getPrivate(), deviceId, id, "approve",
                            Integer.parseInt(find(NUMBER, started)));
                    post(http, base + "/api/v1/me/verifications/" + id + "/decision", jwt,
                            "{\"assertion\":\"" + assertion + "\"}");
                    find(TOKEN, post(http, base + "/api/v1/workspaces/" + workspace + "/scim-token/reveal", jwt,
                            "{\"verificationId\":\"" + id + "\"}"));
                    latencies.add(System.nanoTime() - start);
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            });
        }
        // The clock starts once every owner is set up: enrolling 32 phones takes a while on a busy machine.
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = owners.stream().map(flow -> new Thread(() -> {
            while (System.nanoTime() < end) {
                flow.run();
            }
        })).toList();
        long began = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%.1f %.2f %.2f %d%n", sorted.size() / seconds, percentile(sorted, 50),
                percentile(sorted, 99), errors.get());
    }

    private static double percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1e6;
    }

    private static String post(HttpClient http, String url, String jwt, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }
}

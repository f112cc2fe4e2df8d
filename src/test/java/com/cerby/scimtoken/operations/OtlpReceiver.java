package com.cerby.scimtoken.operations;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on loopback ({@code POST /v1/traces}, protobuf), and the service configured to export to
 * it. It keeps each export's bytes and decodes the spans with a minimal protobuf reader (the few fields of
 * opentelemetry-proto's trace.proto the tests look at).
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

    static final List<byte[]> EXPORTS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                EXPORTS.add((gzip ? new GZIPInputStream(body) : body).readAllBytes());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "PT0.1S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A received span: its ids as hex, name, kind (2 server, 3 client) and string attributes. */
    record Span(String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes, String serviceName) {
    }

    static List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (byte[] export : EXPORTS) {
            for (Field resourceSpans : Field.read(export)) {
                if (resourceSpans.number != 1) {
                    continue;
                }
                String service = null;
                for (Field field : Field.read(resourceSpans.bytes)) {
                    if (field.number == 1) { // resource
                        service = attributes(field.bytes, 1).get("service.name");
                    }
                }
                for (Field scopeSpans : Field.read(resourceSpans.bytes)) {
                    if (scopeSpans.number != 2) {
                        continue;
                    }
                    for (Field span : Field.read(scopeSpans.bytes)) {
                        if (span.number == 2) {
                            spans.add(span(span.bytes, service));
                        }
                    }
                }
            }
        }
        return spans;
    }

    private static Span span(byte[] bytes, String service) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        for (Field field : Field.read(bytes)) {
            switch (field.number) {
                case 1 -> traceId = HexFormat.of().formatHex(field.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(field.bytes);
                case 4 -> parent = HexFormat.of().formatHex(field.bytes);
                case 5 -> name = new String(field.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) field.varint;
                default -> {
                }
            }
        }
        return new Span(traceId, spanId, parent, name, kind, attributes(bytes, 9), service);
    }

    /** The KeyValue attributes in field {@code number}, with their string, bool or int values as text. */
    private static Map<String, String> attributes(byte[] message, int number) {
        Map<String, String> attributes = new java.util.HashMap<>();
        for (Field field : Field.read(message)) {
            if (field.number != number) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field part : Field.read(field.bytes)) {
                if (part.number == 1) {
                    key = new String(part.bytes, StandardCharsets.UTF_8);
                } else if (part.number == 2) {
                    for (Field any : Field.read(part.bytes)) {
                        value = any.bytes != null ? new String(any.bytes, StandardCharsets.UTF_8)
                                : String.valueOf(any.varint);
                    }
                }
            }
            attributes.put(key, value);
        }
        return attributes;
    }

    /** One field of a protobuf message: a varint, or length-delimited bytes (fixed-width fields are skipped). */
    private record Field(int number, long varint, byte[] bytes) {

        static List<Field> read(byte[] message) {
            List<Field> fields = new ArrayList<>();
            int[] at = {0};
            while (at[0] < message.length) {
                long tag = varint(message, at);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> fields.add(new Field(number, varint(message, at), null));
                    case 1 -> at[0] += 8;
                    case 2 -> {
                        int length = (int) varint(message, at);
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        out.write(message, at[0], length);
                        at[0] += length;
                        fields.add(new Field(number, 0, out.toByteArray()));
                    }
                    case 5 -> at[0] += 4;
                    default -> throw new IllegalStateException("wire type " + (tag & 7) + " in an OTLP export");
                }
            }
            return fields;
        }

        private static long varint(byte[] message, int[] at) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = message[at[0]++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }
    }
}

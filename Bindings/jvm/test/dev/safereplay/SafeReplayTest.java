package dev.safereplay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Tests of the JVM binding, run with {@code java} against the built libraries:
 *
 * <pre>java -Dsafereplay.jni=.../libsafereplay_jni.so -cp build/classes dev.safereplay.SafeReplayTest REPO_ROOT</pre>
 *
 * No test framework: each test is a method; the process exits 1 if any check failed.
 */
public final class SafeReplayTest {
    private static int checks, failures;

    private static void check(boolean ok, String what) {
        checks++;
        if (!ok) {
            failures++;
            System.err.println("FAIL: " + what);
        }
    }

    interface Body {
        void run() throws Exception;
    }

    private static void expectStatus(int status, Body body, String what) {
        try {
            body.run();
            check(false, what + ": no exception, wanted status " + status);
        } catch (SafeReplay.SafeReplayException e) {
            check(e.status() == status, what + ": status " + e.status() + " (" + e.getMessage() + "), wanted " + status);
            check(!e.getMessage().isEmpty() && e.errorJson().startsWith("{\"version\":1,"), what + ": message and error JSON");
        } catch (Exception e) {
            check(false, what + ": " + e);
        }
    }

    static String page(String text, long t) {
        return "{\"type\":4,\"data\":{\"href\":\"https://shop.example/\",\"width\":800,\"height\":600},\"timestamp\":" + t + "}\n"
            + "{\"type\":2,\"data\":{\"node\":{\"type\":0,\"id\":1,\"childNodes\":[{\"type\":2,\"id\":2,\"tagName\":\"html\","
            + "\"attributes\":{},\"childNodes\":[{\"type\":2,\"id\":3,\"tagName\":\"body\",\"attributes\":{},\"childNodes\":"
            + "[{\"type\":3,\"id\":4,\"textContent\":\"" + text + "\"}]}]}]},\"initialOffset\":{\"top\":0,\"left\":0}},"
            + "\"timestamp\":" + (t + 1) + "}";
    }

    static void ingestPage(SafeReplay.Session session, String text) {
        for (String line : page(text, 1700000000000L).split("\n")) session.ingestJson(line);
    }

    // ---- conformance ----

    static final Pattern EVENT_COUNT = Pattern.compile("\"eventCount\":(\\d+)");

    /** Runs a vector (Fixtures/conformance/README.md); the output document's bytes. */
    static byte[] runVector(Path dir) throws IOException {
        byte[] observations = Files.readAllBytes(dir.resolve("observations.jsonl"));
        List<Integer> statuses = new ArrayList<>();
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        try (SafeReplay.Policy policy = SafeReplay.Policy.load(Files.readAllBytes(dir.resolve("policy.json")));
             SafeReplay.Session session = SafeReplay.Session.openWithOptions(policy,
                 new String(Files.readAllBytes(dir.resolve("options.json")), StandardCharsets.UTF_8))) {
            int start = 0;
            for (int i = 0; i <= observations.length; i++) {
                if (i < observations.length && observations[i] != '\n') continue;
                int length = i - start;
                int from = start;
                start = i + 1;
                if (length == 0 || observations[from] == '#') continue;
                int status = 0;
                try {
                    if (observations[from] == '{') {
                        session.ingestJson(observations, from, length);
                    } else if (observations[from] == '[') {
                        command(session, new String(observations, from, length, StandardCharsets.UTF_8));
                    } else {
                        throw new IllegalArgumentException("malformed vector line");
                    }
                } catch (SafeReplay.SafeReplayException e) {
                    status = e.status();
                }
                statuses.add(status);
            }
            session.end();
            boolean first = true;
            for (byte[] envelope; (envelope = session.nextBatch()) != null; ) {
                String text = new String(envelope, StandardCharsets.US_ASCII);
                Matcher count = EVENT_COUNT.matcher(text);
                check(text.startsWith("{\"formatVersion\":1,") && count.find(), "an envelope checks out");
                byte[] key = "\"events\":[".getBytes(StandardCharsets.US_ASCII);
                int at = indexOf(envelope, key);
                int end = envelope.length - 2;
                check(at >= 0 && envelope[end] == ']' && envelope[end + 1] == '}', "an envelope ends with its events");
                int begin = at + key.length;
                if (end > begin) {
                    if (!first) events.write(',');
                    events.write(envelope, begin, end - begin);
                    first = false;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("{\"statuses\":[" + statuses.stream().map(String::valueOf).collect(Collectors.joining(","))
            + "],\"events\":[").getBytes(StandardCharsets.US_ASCII));
        events.writeTo(out);
        out.write("]}\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** ["touch", id, phase, x, y, t] | ["location", lat, lon, acc, t] | ["flush"]: flat arrays only. */
    static void command(SafeReplay.Session session, String line) {
        String inner = line.trim();
        if (!inner.startsWith("[") || !inner.endsWith("]")) throw new IllegalArgumentException("malformed command " + line);
        String[] parts = inner.substring(1, inner.length() - 1).split(",");
        for (int i = 0; i < parts.length; i++) parts[i] = parts[i].trim();
        String kind = parts[0].replace("\"", "");
        if (kind.equals("touch") && parts.length == 6) {
            session.touch(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Double.parseDouble(parts[3]),
                Double.parseDouble(parts[4]), Long.parseLong(parts[5]));
        } else if (kind.equals("location") && parts.length == 5) {
            session.location(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3]),
                Long.parseLong(parts[4]));
        } else if (kind.equals("flush") && parts.length == 1) {
            session.flush();
        } else {
            throw new IllegalArgumentException("malformed command " + line);
        }
    }

    static void testConformance(Path root) throws IOException {
        Path dir = root.resolve("Fixtures/conformance");
        List<Path> vectors;
        try (Stream<Path> list = Files.list(dir)) {
            vectors = list.filter(p -> Files.exists(p.resolve("observations.jsonl"))).sorted().collect(Collectors.toList());
        }
        check(vectors.size() >= 5, "at least 5 conformance vectors");
        for (Path vector : vectors) {
            byte[] output = runVector(vector);
            byte[] expected = Files.readAllBytes(vector.resolve("expected.json"));
            check(java.util.Arrays.equals(output, expected), "vector " + vector.getFileName() + " matches expected.json; got "
                + new String(output, StandardCharsets.UTF_8).substring(0, Math.min(400, output.length)));
        }
        System.out.println("  " + vectors.size() + " conformance vectors");
    }

    // ---- errors and garbage ----

    static void testErrors() {
        expectStatus(-3, () -> SafeReplay.Policy.load("{\"version\":1,\"defaultLevel\":\"extreme\"}"), "invalid policy");
        try {
            SafeReplay.Policy.load("{\"version\":1,\"defaultLevel\":\"extreme\"}");
        } catch (SafeReplay.SafeReplayException e) {
            check(e.errorJson().contains("\"path\":\"defaultLevel\""), "issues carry paths: " + e.errorJson());
            check(e.getMessage().startsWith("SR_E_POLICY: sr_policy_load"), "message: " + e.getMessage());
        }
        expectStatus(-3, () -> SafeReplay.Policy.load(new byte[0]), "empty policy");
        expectStatus(-1, () -> SafeReplay.Policy.load((byte[]) null), "null policy");
        byte[] noise = new byte[1 << 20];
        new Random(9).nextBytes(noise);
        expectStatus(-3, () -> SafeReplay.Policy.load(noise), "1 MB of random bytes as a policy");

        try (SafeReplay.Policy policy = SafeReplay.Policy.load("{\"version\":1}");
             SafeReplay.Session session = SafeReplay.Session.open(policy, null)) {
            expectStatus(-2, () -> session.ingestJson(noise), "1 MB of random bytes as an event");
            expectStatus(-2, () -> session.ingestJson(new byte[0]), "empty event");
            expectStatus(-2, () -> session.ingestJson(new byte[] {'{', '"', 't', (byte) 0xC3, '"', '}'}), "invalid UTF-8");
            expectStatus(-1, () -> session.ingestJson((byte[]) null), "null event");
            expectStatus(-1, () -> session.touch(0, 5, 1, 1, 1), "bad phase");
            expectStatus(-1, () -> session.touch(0, 0, Double.NaN, 1, 1), "NaN coordinate");
            expectStatus(-1, () -> session.location(-91, 0, 1, 1), "latitude out of range");
            ingestPage(session, "still fine");
            session.end();
            expectStatus(-4, () -> ingestPage(session, "after end"), "ingest after end");
            int batches = 0;
            while (session.nextBatch() != null) batches++;
            check(batches > 0, "the page came through");
            // The three refusals and the ingest after the end; the null event is no observation.
            check(session.stats().contains("\"rejected\":4,"), "refusals counted: " + session.stats());
            // A closed handle stays recognisable: SR_E_STATE, not a crash.
            SafeReplay.Session closing = SafeReplay.Session.open(policy, null);
            closing.close();
            closing.close();
            expectStatus(-4, closing::flush, "flush after close");
            expectStatus(-4, closing::nextBatch, "nextBatch after close");
            SafeReplay.Policy freed = SafeReplay.Policy.load("{\"version\":1}");
            freed.close();
            expectStatus(-4, () -> SafeReplay.Session.open(freed, null), "open with a freed policy");
            expectStatus(-1, () -> SafeReplay.Session.openWithOptions(policy, "{\"bogus\":1}"), "unknown option");
            expectStatus(-5, () -> SafeReplay.Session.open(policy, "/proc/safereplay/no"), "unwritable spool");
        }
    }

    // ---- threads ----

    static void testThreads() throws InterruptedException {
        final int threads = 4, perThread = 5000;
        try (SafeReplay.Policy policy = SafeReplay.Policy.load("{\"version\":1}");
             SafeReplay.Session session = SafeReplay.Session.openWithOptions(policy, "{\"sessionId\":\"jvm-threads\"}")) {
            ingestPage(session, "threads");
            AtomicInteger failed = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int index = t;
                Thread w = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        try {
                            session.ingestJson("{\"type\":3,\"data\":{\"source\":3,\"id\":1,\"x\":" + index + ",\"y\":" + i
                                + "},\"timestamp\":" + (1700000000100L + i) + "}");
                        } catch (SafeReplay.SafeReplayException e) {
                            failed.incrementAndGet();
                        }
                    }
                });
                workers.add(w);
                w.start();
            }
            long received = 0;
            boolean running = true;
            while (running) {
                running = workers.stream().anyMatch(Thread::isAlive);
                for (byte[] b; (b = session.nextBatch()) != null; ) received += eventCount(b);
                Thread.sleep(1);
            }
            for (Thread w : workers) w.join();
            session.end();
            for (byte[] b; (b = session.nextBatch()) != null; ) received += eventCount(b);
            String stats = session.stats();
            check(failed.get() == 0, failed.get() + " ingest calls failed");
            check(stats.contains("\"received\":" + (threads * perThread + 2) + ","), "received counted: " + stats);
            check(stats.contains("\"emitted\":" + received + ","), "every emitted event received (" + received + "): " + stats);
        }
    }

    static long eventCount(byte[] envelope) {
        Matcher m = EVENT_COUNT.matcher(new String(envelope, StandardCharsets.US_ASCII));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ---- upload through a Java transport ----

    static void testUpload() throws Exception {
        final List<String> keys = new ArrayList<>();
        final long[] delivered = {0};
        SafeReplay.Transport transport = (body, headers) -> {
            synchronized (keys) {
                keys.add(headers.get("Idempotency-Key"));
                if (keys.size() == 1) return new SafeReplay.Response(503, "0");
                if (keys.size() == 2) throw new IOException("simulated reset");
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    delivered[0] += eventCount(in.readAllBytes());
                }
                return new SafeReplay.Response(200);
            }
        };
        try (SafeReplay.Policy policy = SafeReplay.Policy.load("{\"version\":1,\"upload\":{\"maxEvents\":4}}");
             SafeReplay.Session session = SafeReplay.Session.open(policy, null)) {
            session.startUpload(transport);
            expectStatus(-4, () -> session.startUpload(transport), "second upload");
            expectStatus(-4, session::nextBatch, "pull while uploading");
            ingestPage(session, "upload");
            for (int i = 0; i < 9; i++) {
                session.ingestJson("{\"type\":3,\"data\":{\"source\":3,\"id\":1,\"x\":0,\"y\":" + i + "},\"timestamp\":"
                    + (1700000000100L + i) + "}");
            }
            session.end();
            session.stopUpload(30000);
            String stats = session.stats();
            synchronized (keys) {
                check(keys.size() >= 3 && keys.get(0).equals(keys.get(1)) && keys.get(1).equals(keys.get(2)),
                    "the refused batch is retried with the same Idempotency-Key: " + keys);
                check(stats.contains("\"emitted\":" + delivered[0] + ","), "every event delivered (" + delivered[0] + "): " + stats);
                check(stats.contains("\"pendingBatches\":0"), "nothing pending: " + stats);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        SafeReplay.load();
        Path root = Paths.get(args.length > 0 ? args[0] : ".");
        check(SafeReplay.abiVersion() >>> 16 == SafeReplay.ABI_VERSION_MAJOR, "ABI major version");
        String[] names = {"conformance", "errors", "threads", "upload"};
        for (String name : names) {
            int before = failures;
            System.out.println(name);
            switch (name) {
                case "conformance": testConformance(root); break;
                case "errors": testErrors(); break;
                case "threads": testThreads(); break;
                default: testUpload(); break;
            }
            System.out.println(failures == before ? "  ok" : "  FAILED");
        }
        System.out.println(checks + " checks, " + failures + " failures");
        System.exit(failures == 0 ? 0 : 1);
    }
}

package dev.safereplay;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SafeReplay for the JVM (and Android): the C ABI of libsafereplay through a small JNI
 * shim (libsafereplay_jni).
 *
 * <pre>{@code
 * SafeReplay.load();                                   // or System.loadLibrary yourself
 * try (SafeReplay.Policy policy = SafeReplay.Policy.load(policyJson);
 *      SafeReplay.Session session = SafeReplay.Session.open(policy, null)) {
 *     session.ingestJson(eventJsonBytes);
 *     session.touch(0, SafeReplay.TOUCH_DOWN, 10, 20, System.currentTimeMillis());
 *     session.end();
 *     for (byte[] envelope; (envelope = session.nextBatch()) != null; ) { ... }
 * }
 * }</pre>
 *
 * Every failure throws {@link SafeReplayException} with the library's status code and
 * message. Policies and sessions are safe to share between threads.
 */
public final class SafeReplay {
    public static final int ABI_VERSION_MAJOR = 1;
    public static final int TOUCH_DOWN = 0, TOUCH_MOVE = 1, TOUCH_UP = 2, TOUCH_CANCEL = 3;

    private SafeReplay() {}

    private static volatile boolean loaded;

    /**
     * Loads libsafereplay_jni (which loads libsafereplay): from the system property
     * {@code safereplay.jni} when set (a path), else through {@code java.library.path}.
     */
    public static synchronized void load() {
        if (loaded) return;
        String path = System.getProperty("safereplay.jni");
        if (path != null) System.load(path);
        else System.loadLibrary("safereplay_jni");
        int version = abiVersion();
        if (version >>> 16 != ABI_VERSION_MAJOR) {
            throw new UnsatisfiedLinkError("libsafereplay ABI " + Integer.toHexString(version) + " is not major " + ABI_VERSION_MAJOR);
        }
        loaded = true;
    }

    /** The loaded library's ABI version: (major << 16) | minor. */
    public static native int abiVersion();

    /** A failed call: the sr_status, its name, and the library's message and error JSON. */
    public static class SafeReplayException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String errorJson;

        public SafeReplayException(int status, String message, String errorJson) {
            super(statusName(status) + ": " + message);
            this.status = status;
            this.errorJson = errorJson;
        }

        // Called from the JNI shim with the library's UTF-8 bytes.
        SafeReplayException(int status, byte[] message, byte[] errorJson) {
            this(status, new String(message, StandardCharsets.UTF_8), new String(errorJson, StandardCharsets.UTF_8));
        }

        /** SR_E_ARG (-1), SR_E_JSON (-2), SR_E_POLICY (-3), SR_E_STATE (-4), SR_E_IO (-5), SR_E_LIMIT (-6), SR_E_INTERNAL (-7). */
        public int status() { return status; }

        /** sr_last_error_json(): {"status":..,"code":..,"function":..,"message":..,"context":{..},"issues":[..]}. */
        public String errorJson() { return errorJson; }

        public static String statusName(int status) {
            switch (status) {
                case 0: return "SR_OK";
                case -1: return "SR_E_ARG";
                case -2: return "SR_E_JSON";
                case -3: return "SR_E_POLICY";
                case -4: return "SR_E_STATE";
                case -5: return "SR_E_IO";
                case -6: return "SR_E_LIMIT";
                case -7: return "SR_E_INTERNAL";
                default: return "SR_E_UNKNOWN";
            }
        }
    }

    /** A loaded, validated policy. Sessions keep their own copy: close it whenever. */
    public static final class Policy implements AutoCloseable {
        private final long handle;
        private boolean closed;

        private Policy(long handle) { this.handle = handle; }

        public static Policy load(byte[] json) { return new Policy(policyLoad(json)); }

        public static Policy load(String json) { return load(json.getBytes(StandardCharsets.UTF_8)); }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            policyFree(handle);
        }

        long handle() { return handle; }
    }

    /** The answer a {@link Transport} gives: an HTTP status (0: no answer) and Retry-After. */
    public static final class Response {
        public final int status;
        public final String retryAfter;

        public Response(int status, String retryAfter) {
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public Response(int status) { this(status, null); }
    }

    /**
     * The host's HTTP stack: POST {@code body} (the gzip-compressed envelope) with
     * {@code headers} to the endpoint and return the answer. Called on threads of the
     * library's, one call at a time per session; may block. Throwing counts as no answer
     * (the batch is retried later).
     */
    public interface Transport {
        Response send(byte[] body, Map<String, String> headers) throws Exception;
    }

    /** A recording session. */
    public static final class Session implements AutoCloseable {
        private final long handle;
        private boolean closed;

        private Session(long handle) { this.handle = handle; }

        /** A session writing to {@code spoolDirectory}, or memory only when it is null. */
        public static Session open(Policy policy, String spoolDirectory) {
            return new Session(sessionOpen(policy.handle(), spoolDirectory));
        }

        /** A session from an options document (docs/c-abi.md), e.g. {"version":1,"sessionId":"..."}. */
        public static Session openWithOptions(Policy policy, String optionsJson) {
            return new Session(sessionOpenEx(policy.handle(), optionsJson.getBytes(StandardCharsets.UTF_8)));
        }

        /** One raw observation: an rrweb or wireframe event as UTF-8 JSON. */
        public void ingestJson(byte[] json) { ingest(handle, json, 0, json == null ? 0 : json.length); }

        public void ingestJson(byte[] json, int offset, int length) {
            if (offset < 0 || length < 0 || offset > json.length - length) throw new IndexOutOfBoundsException();
            ingest(handle, json, offset, length);
        }

        public void ingestJson(String json) { ingestJson(json.getBytes(StandardCharsets.UTF_8)); }

        public void touch(int pointerId, int phase, double x, double y, long tMs) { SafeReplay.touch(handle, pointerId, phase, x, y, tMs); }

        public void location(double lat, double lon, double accuracyM, long tMs) { SafeReplay.location(handle, lat, lon, accuracyM, tMs); }

        public void flush() { SafeReplay.flush(handle); }

        /** The next finished batch envelope (UTF-8 JSON), or null when none is waiting. */
        public byte[] nextBatch() { return SafeReplay.nextBatch(handle); }

        /** The statistics document (JSON). */
        public String stats() { return new String(SafeReplay.stats(handle), StandardCharsets.UTF_8); }

        /** Ends the recording; batches can still be taken or uploaded. */
        public void end() { SafeReplay.end(handle); }

        /** Sends batches through {@code transport} until {@link #stopUpload} or {@link #close}. */
        public void startUpload(Transport transport) {
            if (transport == null) throw new NullPointerException("transport");
            uploadStart(handle, transport);
        }

        /** Gives the upload up to {@code timeoutMs} to deliver what is finished, then stops it. */
        public void stopUpload(long timeoutMs) { uploadStop(handle, timeoutMs); }

        /** Ends the session, stops its upload and releases it. Idempotent. */
        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            sessionClose(handle);
        }
    }

    // Called by the JNI shim on the library's sending thread. A null answer means none.
    static Response dispatchSend(Transport transport, byte[] body, String[] names, String[] values) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) headers.put(names[i], values[i]);
            return transport.send(body, Collections.unmodifiableMap(headers));
        } catch (Throwable t) {
            return null;
        }
    }

    private static native long policyLoad(byte[] json);
    private static native void policyFree(long policy);
    private static native long sessionOpen(long policy, String spoolDirectory);
    private static native long sessionOpenEx(long policy, byte[] options);
    private static native void ingest(long session, byte[] json, int offset, int length);
    private static native void touch(long session, int pointerId, int phase, double x, double y, long tMs);
    private static native void location(long session, double lat, double lon, double accuracyM, long tMs);
    private static native void flush(long session);
    private static native byte[] nextBatch(long session);
    private static native byte[] stats(long session);
    private static native void end(long session);
    private static native void sessionClose(long session);
    private static native void uploadStart(long session, Transport transport);
    private static native void uploadStop(long session, long timeoutMs);
}

/*
 * safereplay.h: the C ABI of SafeReplay, a privacy-first session-replay capture core.
 *
 * A host (browser bridge, iOS/Android SDK, React Native or Flutter plugin) loads a policy,
 * opens a session, hands it raw observations (rrweb or wireframe events as JSON, touches,
 * locations) and receives batches of sanitized events, either by pulling them
 * (sr_next_batch) or through a transport callback that sends them with the host's own HTTP
 * stack (sr_upload_start). What crosses the ABI as JSON is specified in docs/c-abi.md.
 *
 * Errors. Every function that can fail returns an sr_status: SR_OK (0) or a negative
 * SR_E_* code, and leaves a message for sr_last_error() on the calling thread. No input
 * can crash the host: NULL, garbage handles, closed sessions, freed policies, zero
 * lengths, random bytes and invalid UTF-8 all answer with an error code. (Pointers to
 * memory the host does not own cannot be checked: a buffer pointer must address at least
 * the length the host passes with it.)
 *
 * Handles. sr_policy and sr_session are opaque tokens, not addresses: every call looks
 * them up in a registry of live handles, so a stale or made-up handle is refused
 * (SR_E_STATE for one that was closed or freed, SR_E_ARG for one never issued) and never
 * dereferenced. Tokens are never reused.
 *
 * Threads. Every function may be called from any thread, and handles may be shared
 * between threads: a session orders the observations it receives concurrently. The one
 * per-thread thing is sr_last_error().
 *
 * Ownership. The core never keeps a pointer the host passed in after the call returns
 * (except the transport context given to sr_upload_start, until its release callback).
 * Buffers the core returns through an out-parameter belong to the host and are freed with
 * sr_free(). Strings the core returns as `const char *` belong to the core.
 *
 * Versioning. SR_ABI_VERSION is (major << 16) | minor. A host built against major M works
 * with a library whose sr_abi_version() has the same major and a minor at least as large
 * as the host's. The JSON documents carry their own "version" (docs/c-abi.md).
 *
 * Valid C99 and C++; link with -lsafereplay (pkg-config safereplay).
 */
#ifndef SAFEREPLAY_H
#define SAFEREPLAY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------
 * Versions and status codes
 * ------------------------------------------------------------------------------------- */

#define SR_ABI_VERSION_MAJOR 1
#define SR_ABI_VERSION_MINOR 0
/* (SR_ABI_VERSION_MAJOR << 16) | SR_ABI_VERSION_MINOR */
#define SR_ABI_VERSION 0x00010000u

typedef int32_t sr_status;

#define SR_OK 0
/* An argument is NULL, out of range, not a handle of the right kind, or not valid UTF-8. */
#define SR_E_ARG (-1)
/* An observation or options document is not valid JSON, or not of the expected shape. */
#define SR_E_JSON (-2)
/* A policy document failed to load or validate (sr_last_error_json() lists every issue). */
#define SR_E_POLICY (-3)
/* Not valid in the object's state: the session was ended or closed, the policy freed,
 * an upload is (or is not) running. */
#define SR_E_STATE (-4)
/* The spool directory could not be created, written or read. */
#define SR_E_IO (-5)
/* A size limit was exceeded (an event over 32 MiB, a policy over 4 MiB). */
#define SR_E_LIMIT (-6)
/* A bug in SafeReplay. Please report it with sr_last_error(). */
#define SR_E_INTERNAL (-7)

/* The ABI version of the loaded library: SR_ABI_VERSION of the header it was built from. */
uint32_t sr_abi_version(void);

/* The name of a status code ("SR_OK", "SR_E_ARG", ...; "SR_E_UNKNOWN" for any other
 * value). The string is static: never free it. */
const char *sr_status_name(sr_status status);

/* This thread's last error: a UTF-8 message naming the function that failed, or "" when
 * this thread's last call succeeded. Owned by the core; valid until this thread's next
 * call to any sr_* function other than sr_last_error, sr_last_error_json, sr_abi_version
 * and sr_status_name. Never NULL. */
const char *sr_last_error(void);

/* The same error as a JSON object (schema in docs/c-abi.md):
 *   {"version":1,"status":-3,"code":"policy","function":"sr_policy_load",
 *    "message":"...","context":{...},"issues":[{"path":"routes[3].match","message":"..."}]}
 * "issues" is present for policy errors only. "{}" when this thread's last call
 * succeeded. Same ownership and lifetime as sr_last_error(). Never NULL. */
const char *sr_last_error_json(void);

/* Frees a buffer the core returned (sr_next_batch, sr_session_stats). NULL is ignored. A
 * pointer the core did not hand out, or one already freed, is refused with a message for
 * sr_last_error() and not touched. */
void sr_free(void *p);

/* ---------------------------------------------------------------------------------------
 * Policies
 * ------------------------------------------------------------------------------------- */

typedef struct sr_policy sr_policy; /* opaque */

/* Loads and validates a policy document (docs/policy.md): `len` bytes of UTF-8 JSON at
 * `json` (no NUL needed). On success *out receives a new policy handle, owned by the
 * host and released with sr_policy_free(); on failure *out is set to NULL (when `out` is
 * not NULL) and SR_E_POLICY (or SR_E_ARG, SR_E_LIMIT) is returned with every issue in
 * sr_last_error_json(). The core keeps no pointer to `json`. */
sr_status sr_policy_load(const char *json, size_t len, sr_policy **out);

/* Releases a policy handle. Sessions opened with it keep working (they hold their own
 * copy). NULL is ignored; a freed or unknown handle is refused with a message for
 * sr_last_error(). */
void sr_policy_free(sr_policy *policy);

/* ---------------------------------------------------------------------------------------
 * Sessions
 * ------------------------------------------------------------------------------------- */

typedef struct sr_session sr_session; /* opaque */

/* Opens a recording session under `policy` (which may be freed afterwards).
 * `spool_dir`: a NUL-terminated UTF-8 path where finished batches wait durably (created
 * if missing; shared with later sessions of the app), or NULL to keep them in memory.
 * On success *out receives a new session handle, owned by the host and released with
 * sr_session_close(); on failure *out is set to NULL. The core keeps no pointer to
 * `spool_dir`. */
sr_status sr_session_open(const sr_policy *policy, const char *spool_dir, sr_session **out);

/* sr_session_open with an options document: `len` bytes of UTF-8 JSON (docs/c-abi.md),
 * e.g. {"version":1,"sessionId":"3f2a...","spoolDirectory":"/data/sr"}. Unknown keys and
 * wrong types are refused (SR_E_ARG), malformed JSON is SR_E_JSON. `options` may be NULL
 * with `len` 0 for the defaults. */
sr_status sr_session_open_ex(const sr_policy *policy, const char *options_json, size_t len, sr_session **out);

/* One raw observation: `len` bytes of UTF-8 JSON at `event_json`, an rrweb event or a
 * wireframe event (docs/c-abi.md). The session sanitizes it under its policy; only what
 * the policy lets through reaches a batch. Malformed input is refused (SR_E_JSON), counted
 * in the statistics, and changes nothing else. The core keeps no pointer to the bytes. */
sr_status sr_ingest_json(sr_session *s, const char *event_json, size_t len);

/* Touch phases for sr_touch. */
#define SR_TOUCH_DOWN 0
#define SR_TOUCH_MOVE 1
#define SR_TOUCH_UP 2
#define SR_TOUCH_CANCEL 3

/* One touch sample from a native touch feed: x and y in the screen's points (finite,
 * within +-1e9), t_ms in milliseconds since the Unix epoch (0 ... 2^53-1). A phase outside
 * 0...3 or a value out of range is SR_E_ARG. */
sr_status sr_touch(sr_session *s, int32_t pointer_id, int32_t phase, double x, double y, int64_t t_ms);

/* One location fix: latitude and longitude in degrees (WGS84), accuracy in metres
 * (0 ... 1e9), t_ms as for sr_touch. It leaves the device only as a geohash cell, and
 * only when the policy captures locations. Out-of-range values (NaN included) are
 * SR_E_ARG. */
sr_status sr_location(sr_session *s, double lat, double lon, double accuracy_m, int64_t t_ms);

/* Closes the open batch now (the app is going to the background), so sr_next_batch (or
 * the transport) gets it. */
sr_status sr_flush(sr_session *s);

/* Takes the next finished batch envelope (docs/envelope.md) as UTF-8 JSON: *out receives
 * a buffer of *out_len bytes followed by a NUL (not counted), owned by the host and freed
 * with sr_free(). When no batch is waiting: SR_OK, *out = NULL, *out_len = 0. A batch
 * taken is the host's to deliver: the core forgets it. An open batch that reached the
 * policy's maxAge is closed first. While an upload runs (sr_upload_start) the transport
 * owns the batches and this returns SR_E_STATE. Works on an ended session, to drain it. */
sr_status sr_next_batch(sr_session *s, uint8_t **out, size_t *out_len);

/* What the session received and what became of it, as a JSON object (docs/c-abi.md):
 * *out receives a NUL-terminated UTF-8 string of *out_len bytes (`out_len` may be NULL),
 * owned by the host and freed with sr_free(). Counts only, never captured values. Works
 * on an ended session. */
sr_status sr_session_stats(sr_session *s, char **out, size_t *out_len);

/* Ends the recording: pending observations are emitted and the last batch closes.
 * Observations afterwards are SR_E_STATE; sr_next_batch, sr_session_stats and the upload
 * keep working, so a host can drain what is left before sr_session_close. Ending twice
 * does nothing. */
sr_status sr_session_end(sr_session *s);

/* Ends the session (as sr_session_end, if not already ended), stops its upload (as
 * sr_upload_stop with timeout 0) and releases the handle: every later call with it is
 * SR_E_STATE. Batches not yet taken stay in the spool for the next session to send, or,
 * for a memory-only session, are discarded: drain them first (sr_session_end, then
 * sr_next_batch until it returns none). Returns the first error met while ending; the
 * handle is released either way. Calls running on other threads finish first or fail
 * with SR_E_STATE. From inside this session's own `send` it is SR_E_STATE (and nothing
 * happens): it would wait for itself. */
sr_status sr_session_close(sr_session *s);

/* ---------------------------------------------------------------------------------------
 * Upload through the host's HTTP stack
 *
 * The core decides what to send and when (one batch in flight at a time, in order;
 * retries with exponential backoff and jitter; Retry-After honoured up to a cap; a 4xx
 * other than 408/429 is a permanent refusal; see docs/envelope.md, "Transport"). The host
 * performs each request: POST `body` (the gzip-compressed envelope) with `headers` to its
 * endpoint, and report the answer.
 * ------------------------------------------------------------------------------------- */

/* One request header: NUL-terminated ASCII, owned by the core, valid during the call. */
typedef struct sr_header {
    const char *name;
    const char *value;
} sr_header;

/* The answer the host fills in. The core sets status = 0 and retry_after = "" before
 * each call. */
typedef struct sr_response {
    /* The HTTP status (100...599). 0 (or any value outside 100...599) means there was no
     * HTTP answer (connection refused or reset, timeout): the batch is retried later. */
    int32_t status;
    /* The response's Retry-After header value as received, seconds ("120") or an HTTP
     * date, NUL-terminated; "" when there was none. Longer values are ignored. */
    char retry_after[64];
} sr_response;

/* Sends one request and blocks until it has an answer (or failed). Called on a thread the
 * core owns, one call at a time per session, never concurrently with itself for the same
 * session. `body` (body_len bytes) and `headers` (header_count entries: Content-Type,
 * Content-Encoding, Idempotency-Key) are owned by the core and valid only during the
 * call: copy what must outlive it. The host adds its own credentials. */
typedef void (*sr_send_fn)(void *context, const uint8_t *body, size_t body_len, const sr_header *headers,
                           size_t header_count, sr_response *response);

/* Called once, after the last call to `send`, when the upload stops: the host may free
 * `context` then. May be NULL. */
typedef void (*sr_release_fn)(void *context);

/* Starts sending the session's batches through `send` in the background (a task of the
 * core's), until sr_upload_stop or sr_session_close. `context` is passed to every call
 * and to `release`; the core keeps it until then. `send` must not be NULL. One upload per
 * session: a second start is SR_E_STATE. After the session has ended, the upload stops by
 * itself once every batch is delivered (release is called then). Batches close on age
 * (the policy's maxAgeMs) without further calls. */
sr_status sr_upload_start(sr_session *s, sr_send_fn send, sr_release_fn release, void *context);

/* Stops the upload: gives the sender up to `timeout_ms` milliseconds (0: none) to deliver
 * the batches already finished, then cancels it, waits for a `send` call in progress to
 * return (the core never abandons the host's callback mid-call), and calls `release`.
 * Undelivered batches stay in the spool (or, in memory, for sr_next_batch or a later
 * sr_upload_start). SR_E_STATE when no upload runs, or when called from inside this
 * session's own `send` (it would wait for itself). */
sr_status sr_upload_stop(sr_session *s, int64_t timeout_ms);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SAFEREPLAY_H */

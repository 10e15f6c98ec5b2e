/*
 * The C ABI's test program: a host written in C, using json-c to build observations and
 * read batches, against the built libsafereplay.
 *
 *   test_safereplay REPO_ROOT [TEST ...]
 *
 * Runs every test (or the named ones) and exits 0 when all checks pass. Fixtures are read
 * from REPO_ROOT/Fixtures. scripts/test-bindings runs it plain and under
 * AddressSanitizer/LeakSanitizer.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "conformance.h"
#include "test_util.h"

static const char *root = ".";

/* ------------------------------------------------------------------------------------
 * helpers
 * ---------------------------------------------------------------------------------- */

static sr_policy *load_policy(const char *json) {
    sr_policy *p = NULL;
    sr_status st = sr_policy_load(json, strlen(json), &p);
    CHECK(st == SR_OK && p, "policy does not load: %s", sr_last_error());
    return p;
}

static sr_session *open_session(sr_policy *p, const char *options) {
    sr_session *s = NULL;
    sr_status st = sr_session_open_ex(p, options, options ? strlen(options) : 0, &s);
    CHECK(st == SR_OK && s, "session does not open: %s", sr_last_error());
    return s;
}

static sr_status ingest(sr_session *s, const char *json) { return sr_ingest_json(s, json, strlen(json)); }

/* A web page's first events, built with json-c: Meta and a FullSnapshot of a document
 * whose body (id 3) holds a text node (id 4) with `text`. */
static void ingest_page(sr_session *s, const char *href, const char *text, int64_t t) {
#define I(n) json_object_new_int(n)
#define S(v) json_object_new_string(v)
    struct json_object *meta =
        obj("type", I(4), "data", obj("href", S(href), "width", I(1280), "height", I(720), NULL), "timestamp",
            json_object_new_int64(t), NULL);
    struct json_object *body = obj("type", I(2), "id", I(3), "tagName", S("body"), "attributes", obj(NULL), "childNodes",
                                   arr(obj("type", I(3), "id", I(4), "textContent", S(text), NULL), NULL), NULL);
    struct json_object *html = obj("type", I(2), "id", I(2), "tagName", S("html"), "attributes", obj(NULL),
                                   "childNodes", arr(body, NULL), NULL);
    struct json_object *snap =
        obj("type", I(2), "data",
            obj("node", obj("type", I(0), "id", I(1), "childNodes", arr(html, NULL), NULL), "initialOffset",
                obj("top", I(0), "left", I(0), NULL), NULL),
            "timestamp", json_object_new_int64(t + 1), NULL);
#undef I
#undef S
    CHECK_STATUS(ingest(s, json_object_to_json_string_ext(meta, JSON_C_TO_STRING_PLAIN)), SR_OK);
    CHECK_STATUS(ingest(s, json_object_to_json_string_ext(snap, JSON_C_TO_STRING_PLAIN)), SR_OK);
    json_object_put(meta);
    json_object_put(snap);
}

/* What a drain of a session's batches found. */
typedef struct {
    int batches;
    long events;        /* sum of eventCount */
    long listed;        /* events actually in the arrays */
    long dropped;       /* sum of audit.dropped counts */
    long blocked;       /* sum of audit.blocked counts */
    long lost_events;   /* sum of losses.*Events */
    long next_sequence; /* the sequence the next batch must carry */
    int bad;            /* envelopes that did not check out */
    buf text;           /* every envelope, concatenated */
} drain_result;

static long sum_counts(struct json_object *obj) {
    long total = 0;
    if (!obj || !json_object_is_type(obj, json_type_object)) return 0;
    json_object_object_foreach(obj, key, value) {
        (void)key;
        total += (long)json_object_get_int64(value);
    }
    return total;
}

/* Parses one envelope into `r`; calls `each_event` for every event when given. */
static void account_envelope(const uint8_t *batch, size_t len, drain_result *r,
                             void (*each_event)(struct json_object *event, void *ctx), void *ctx) {
    struct json_object *env = json_tokener_parse((const char *)batch);
    CHECK(env != NULL, "an envelope is not JSON");
    CHECK(batch[len] == '\0', "a batch is not NUL-terminated");
    if (!env) {
        r->bad++;
        return;
    }
    struct json_object *v, *events, *audit, *losses;
    int ok = json_object_object_get_ex(env, "formatVersion", &v) && json_object_get_int(v) == 1;
    ok = ok && json_object_object_get_ex(env, "sequence", &v);
    if (ok) {
        CHECK(json_object_get_int64(v) == r->next_sequence, "sequence %lld, wanted %ld",
              (long long)json_object_get_int64(v), r->next_sequence);
        r->next_sequence = json_object_get_int64(v) + 1;
    }
    ok = ok && json_object_object_get_ex(env, "eventCount", &v) && json_object_object_get_ex(env, "events", &events) &&
         json_object_object_get_ex(env, "audit", &audit) && json_object_object_get_ex(env, "losses", &losses);
    if (!ok) {
        r->bad++;
        json_object_put(env);
        return;
    }
    long count = (long)json_object_get_int64(v);
    long listed = (long)json_object_array_length(events);
    CHECK(count == listed, "eventCount %ld but %ld events", count, listed);
    r->batches++;
    r->events += count;
    r->listed += listed;
    struct json_object *group;
    if (json_object_object_get_ex(audit, "dropped", &group)) r->dropped += sum_counts(group);
    if (json_object_object_get_ex(audit, "blocked", &group)) r->blocked += sum_counts(group);
    json_object_object_foreach(losses, key, value) {
        size_t n = strlen(key);
        if (n > 6 && strcmp(key + n - 6, "Events") == 0) r->lost_events += (long)json_object_get_int64(value);
    }
    if (each_event)
        for (long i = 0; i < listed; i++) each_event(json_object_array_get_idx(events, (size_t)i), ctx);
    json_object_put(env);
}

static void drain(sr_session *s, drain_result *r) {
    for (;;) {
        uint8_t *batch = NULL;
        size_t len = 12345;
        sr_status st = sr_next_batch(s, &batch, &len);
        CHECK_STATUS(st, SR_OK);
        if (st != SR_OK || !batch) {
            CHECK(len == 0, "no batch but out_len %zu", len);
            break;
        }
        account_envelope(batch, len, r, NULL, NULL);
        buf_append(&r->text, batch, len);
        buf_puts(&r->text, "\n");
        sr_free(batch);
    }
}

/* The forms a secret could leak in (the web fixture test's list): as written, digits
 * only, percent- and form-encoded, JSON-escaped, HTML-escaped. Searched case-blind. */
static int leaks(const char *text, size_t len, const char *secret) {
    char forms[8][1024];
    int n = 0;
    snprintf(forms[n++], sizeof forms[0], "%s", secret);
    size_t digits = 0, slen = strlen(secret);
    char *d = forms[n];
    for (const char *c = secret; *c; c++)
        if (*c >= '0' && *c <= '9') d[digits++] = *c;
    d[digits] = '\0';
    if (digits >= 6 && digits != slen) n++;
    char *pct = forms[n++], *form = forms[n++], *jsonA = forms[n++], *jsonB = forms[n++], *amp = forms[n++];
    size_t pi = 0, fi = 0, ja = 0, jb = 0, ai = 0;
    for (const unsigned char *c = (const unsigned char *)secret; *c && pi < 1000 && ja < 1000; c++) {
        int unreserved = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                         *c == '-' || *c == '.' || *c == '_' || *c == '~' || *c >= 0x80;
        if (unreserved && *c < 0x80) {
            pct[pi++] = (char)*c;
            form[fi++] = (char)*c;
        } else {
            pi += (size_t)sprintf(pct + pi, "%%%02X", *c);
            if (*c == ' ') form[fi++] = '+';
            else fi += (size_t)sprintf(form + fi, "%%%02X", *c);
        }
        if (*c == '"' || *c == '\\') {
            jsonA[ja++] = '\\';
            jsonB[jb++] = '\\';
        }
        if (*c == '/') jsonA[ja++] = '\\';
        jsonA[ja++] = (char)*c;
        jsonB[jb++] = (char)*c;
        if (*c == '&') ai += (size_t)sprintf(amp + ai, "&amp;");
        else amp[ai++] = (char)*c;
    }
    pct[pi] = form[fi] = jsonA[ja] = jsonB[jb] = amp[ai] = '\0';
    for (int f = 0; f < n; f++) {
        size_t m = strlen(forms[f]);
        if (m == 0 || m > len) continue;
        for (size_t i = 0; i + m <= len; i++)
            if (strncasecmp(text + i, forms[f], m) == 0) return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------
 * tests
 * ---------------------------------------------------------------------------------- */

static void test_version(void) {
    CHECK(sr_abi_version() == SR_ABI_VERSION, "sr_abi_version() = %#x, header says %#x", sr_abi_version(), SR_ABI_VERSION);
    CHECK(sr_abi_version() >> 16 == SR_ABI_VERSION_MAJOR, "major version");
    CHECK(strcmp(sr_status_name(SR_E_POLICY), "SR_E_POLICY") == 0, "status name");
    CHECK(strcmp(sr_status_name(12345), "SR_E_UNKNOWN") == 0, "unknown status name");
    CHECK(strcmp(sr_last_error(), "") == 0, "no error before any failure: %s", sr_last_error());
    CHECK(strcmp(sr_last_error_json(), "{}") == 0, "no error JSON before any failure");
}

static void test_policy_errors(void) {
    sr_policy *p = (sr_policy *)0x1;
    CHECK_STATUS(sr_policy_load(NULL, 10, &p), SR_E_ARG);
    CHECK(p == NULL, "out is cleared on failure");
    CHECK_STATUS(sr_policy_load("{\"version\":1}", 13, NULL), SR_E_ARG);
    CHECK_STATUS(sr_policy_load("", 0, &p), SR_E_POLICY);
    CHECK_STATUS(sr_policy_load("{\"version\":1}", (size_t)-1, &p), SR_E_LIMIT);
    CHECK_STATUS(sr_policy_load("\xff\xfe{}", 4, &p), SR_E_POLICY);

    /* 1 MB of random bytes. */
    size_t n = 1 << 20;
    char *noise = (char *)malloc(n);
    srand(7);
    for (size_t i = 0; i < n; i++) noise[i] = (char)(rand() & 0xff);
    CHECK_STATUS(sr_policy_load(noise, n, &p), SR_E_POLICY);
    free(noise);

    /* Several issues at once, each with its path, in the error JSON. */
    const char *bad = "{\"version\":1,\"defaultLevel\":\"extreme\",\"retentionDays\":0,\"bogus\":true}";
    CHECK_STATUS(sr_policy_load(bad, strlen(bad), &p), SR_E_POLICY);
    CHECK(strstr(sr_last_error(), "sr_policy_load") != NULL, "message names the function: %s", sr_last_error());
    struct json_object *err = json_tokener_parse(sr_last_error_json());
    CHECK(err != NULL, "sr_last_error_json is JSON: %s", sr_last_error_json());
    struct json_object *v;
    CHECK(err && json_object_object_get_ex(err, "status", &v) && json_object_get_int(v) == SR_E_POLICY, "status in JSON");
    CHECK(err && json_object_object_get_ex(err, "code", &v) && strcmp(json_object_get_string(v), "policy") == 0, "code");
    CHECK(err && json_object_object_get_ex(err, "issues", &v) && json_object_array_length(v) >= 3,
          "every issue listed: %s", sr_last_error_json());
    int saw_path = 0;
    for (size_t i = 0; err && v && i < json_object_array_length(v); i++) {
        struct json_object *path;
        if (json_object_object_get_ex(json_object_array_get_idx(v, i), "path", &path) &&
            strcmp(json_object_get_string(path), "defaultLevel") == 0)
            saw_path = 1;
    }
    CHECK(saw_path, "an issue has the path defaultLevel: %s", sr_last_error_json());
    json_object_put(err);

    /* A success clears the error. */
    p = load_policy("{\"version\":1}");
    CHECK(strcmp(sr_last_error(), "") == 0, "success clears the last error: %s", sr_last_error());
    CHECK(strcmp(sr_last_error_json(), "{}") == 0, "success clears the error JSON");
    sr_policy_free(p);
}

/* Every function taking a session, with the status each must give for `s`; out-parameters
 * are cleared. */
static void every_session_call(sr_session *s, sr_status want) {
    uint8_t *out = (uint8_t *)"x";
    size_t out_len = 7;
    char *text = (char *)"x";
    CHECK_STATUS(sr_ingest_json(s, "{}", 2), want);
    CHECK_STATUS(sr_touch(s, 0, 0, 1, 1, 1), want);
    CHECK_STATUS(sr_location(s, 1, 1, 1, 1), want);
    CHECK_STATUS(sr_flush(s), want);
    CHECK_STATUS(sr_next_batch(s, &out, &out_len), want);
    CHECK(out == NULL && out_len == 0, "sr_next_batch clears its out-parameters");
    CHECK_STATUS(sr_session_stats(s, &text, NULL), want);
    CHECK(text == NULL, "sr_session_stats clears its out-parameter");
    CHECK_STATUS(sr_session_end(s), want);
    CHECK_STATUS(sr_upload_start(s, NULL, NULL, NULL), want);
    CHECK_STATUS(sr_upload_stop(s, 0), want);
    CHECK_STATUS(sr_session_close(s), want);
}

static void test_handles(void) {
    int on_stack = 0;
    sr_session *fakes[] = {(sr_session *)0x1, (sr_session *)0xdeadbeef, (sr_session *)&on_stack,
                           (sr_session *)(uintptr_t)-1, (sr_session *)0x8};
    for (size_t i = 0; i < sizeof fakes / sizeof fakes[0]; i++) {
        every_session_call(fakes[i], SR_E_ARG);
        sr_policy_free((sr_policy *)fakes[i]);
        CHECK(sr_last_error()[0] != '\0', "sr_policy_free of garbage leaves a message");
    }
    /* NULL for every pointer argument. */
    sr_policy *p = load_policy("{\"version\":1}");
    sr_session *s = NULL;
    uint8_t *out = NULL;
    size_t out_len = 0;
    char *text = NULL;
    CHECK_STATUS(sr_session_open(NULL, NULL, &s), SR_E_ARG);
    CHECK_STATUS(sr_session_open(p, NULL, NULL), SR_E_ARG);
    CHECK_STATUS(sr_session_open_ex(NULL, NULL, 0, &s), SR_E_ARG);
    CHECK_STATUS(sr_session_open_ex(p, NULL, 5, &s), SR_E_ARG);
    every_session_call(NULL, SR_E_ARG);
    sr_policy_free(NULL);
    sr_free(NULL);

    s = open_session(p, NULL);
    CHECK_STATUS(sr_ingest_json(s, NULL, 5), SR_E_ARG);
    CHECK_STATUS(sr_next_batch(s, NULL, &out_len), SR_E_ARG);
    CHECK_STATUS(sr_next_batch(s, &out, NULL), SR_E_ARG);
    CHECK_STATUS(sr_session_stats(s, NULL, NULL), SR_E_ARG);
    CHECK_STATUS(sr_upload_start(s, NULL, NULL, NULL), SR_E_ARG);
    CHECK_STATUS(sr_upload_stop(s, 0), SR_E_STATE);
    /* A policy handle is not a session, nor the other way round. */
    CHECK_STATUS(sr_flush((sr_session *)p), SR_E_ARG);
    CHECK_STATUS(sr_session_open((const sr_policy *)s, NULL, &s), SR_E_ARG);
    CHECK(s == NULL, "out cleared");

    /* A freed policy: sessions opened with it keep working; the handle is refused. */
    sr_session *kept = open_session(p, NULL);
    sr_policy_free(p);
    CHECK(strcmp(sr_last_error(), "") == 0, "first free succeeds");
    sr_policy_free(p);
    CHECK(strstr(sr_last_error(), "already freed") != NULL, "double free is refused: %s", sr_last_error());
    CHECK_STATUS(sr_session_open(p, NULL, &s), SR_E_STATE);
    CHECK_STATUS(sr_touch(kept, 1, SR_TOUCH_DOWN, 10, 10, 1000), SR_OK);

    /* A closed session. */
    CHECK_STATUS(sr_session_close(kept), SR_OK);
    every_session_call(kept, SR_E_STATE);
    CHECK(strstr(sr_last_error(), "closed") != NULL, "says closed: %s", sr_last_error());

    /* sr_free refuses what it did not hand out, and double frees. */
    char *mine = (char *)malloc(16);
    sr_free(mine);
    CHECK(sr_last_error()[0] != '\0', "sr_free of a foreign pointer is refused");
    free(mine);
    sr_free(&on_stack);
    CHECK(sr_last_error()[0] != '\0', "sr_free of a stack address is refused");
    sr_session *t = NULL;
    sr_policy *q = load_policy("{\"version\":1}");
    t = open_session(q, NULL);
    CHECK_STATUS(sr_session_stats(t, &text, &out_len), SR_OK);
    CHECK(text && strlen(text) == out_len, "stats length");
    sr_free(text);
    CHECK(strcmp(sr_last_error(), "") == 0, "free of a stats buffer succeeds");
    sr_free(text);
    CHECK(sr_last_error()[0] != '\0', "double sr_free is refused");
    CHECK_STATUS(sr_session_close(t), SR_OK);
    sr_policy_free(q);
}

static void test_garbage_input(void) {
    sr_policy *p = load_policy("{\"version\":1}");
    sr_session *s = open_session(p, "{\"version\":1,\"sessionId\":\"garbage\"}");
    int refused = 0;
#define REFUSE(call, want) \
    do {                   \
        CHECK_STATUS(call, want); \
        refused++;         \
    } while (0)
    REFUSE(sr_ingest_json(s, "", 0), SR_E_JSON);
    REFUSE(sr_ingest_json(s, "{", 1), SR_E_JSON);
    REFUSE(sr_ingest_json(s, "null", 4), SR_E_JSON);
    REFUSE(sr_ingest_json(s, "{\"type\":\"x\"}", 12), SR_E_JSON);
    /* Invalid UTF-8 inside an otherwise fine event. */
    const char *bad_utf8 = "{\"type\":5,\"data\":{\"tag\":\"a\xc3\x28\",\"payload\":{}},\"timestamp\":1}";
    REFUSE(sr_ingest_json(s, bad_utf8, strlen(bad_utf8)), SR_E_JSON);
    const char *surrogate = "{\"type\":5,\"data\":{\"tag\":\"\xed\xa0\x80\",\"payload\":{}},\"timestamp\":1}";
    REFUSE(sr_ingest_json(s, surrogate, strlen(surrogate)), SR_E_JSON);
    const char *overlong = "{\"type\":5,\"data\":{\"tag\":\"\xc0\xaf\",\"payload\":{}},\"timestamp\":1}";
    REFUSE(sr_ingest_json(s, overlong, strlen(overlong)), SR_E_JSON);
    /* 1 MB of random bytes, and of random ASCII. */
    size_t n = 1 << 20;
    char *noise = (char *)malloc(n);
    srand(11);
    for (size_t i = 0; i < n; i++) noise[i] = (char)(rand() & 0xff);
    REFUSE(sr_ingest_json(s, noise, n), SR_E_JSON);
    for (size_t i = 0; i < n; i++) noise[i] = (char)(32 + rand() % 95);
    noise[0] = '{';
    REFUSE(sr_ingest_json(s, noise, n), SR_E_JSON);
    free(noise);
    /* Sizes: SIZE_MAX, and over the 32 MiB event limit (refused without being read). */
    REFUSE(sr_ingest_json(s, "{}", (size_t)-1), SR_E_LIMIT);
    size_t big = (32u << 20) + 1;
    char *huge = (char *)malloc(big);
    memset(huge, ' ', big);
    REFUSE(sr_ingest_json(s, huge, big), SR_E_LIMIT);
    free(huge);
    /* Touches and locations out of range. */
    CHECK_STATUS(sr_touch(s, 1, 4, 1, 1, 1), SR_E_ARG);
    CHECK_STATUS(sr_touch(s, 1, -1, 1, 1, 1), SR_E_ARG);
    CHECK_STATUS(sr_touch(s, 1, 0, NAN, 1, 1), SR_E_ARG);
    CHECK_STATUS(sr_touch(s, 1, 0, 1, INFINITY, 1), SR_E_ARG);
    CHECK_STATUS(sr_touch(s, 1, 0, 1, 1, -5), SR_E_ARG);
    CHECK_STATUS(sr_touch(s, 1, 0, 1e300, 1, 1), SR_E_ARG);
    CHECK_STATUS(sr_touch(s, 1, 0, 1, -2e9, 1), SR_E_ARG);
    CHECK_STATUS(sr_touch(s, 1, 0, 1, 1, INT64_MAX), SR_E_ARG);
    CHECK_STATUS(sr_location(s, 0, 0, 1e12, 1), SR_E_ARG);
    CHECK_STATUS(sr_location(s, 0, 0, 1, INT64_MAX), SR_E_ARG);
    CHECK_STATUS(sr_location(s, 91, 0, 1, 1), SR_E_ARG);
    CHECK_STATUS(sr_location(s, 0, -180.5, 1, 1), SR_E_ARG);
    CHECK_STATUS(sr_location(s, NAN, 0, 1, 1), SR_E_ARG);
    CHECK_STATUS(sr_location(s, 0, 0, -1, 1), SR_E_ARG);
    CHECK_STATUS(sr_location(s, 0, 0, INFINITY, 1), SR_E_ARG);
    /* Options. */
    sr_session *o = NULL;
    const char *bad_options[] = {
        "{\"sessionId\":5}", "{\"sessionId\":\"has space\"}", "{\"bogus\":1}", "{\"version\":2}", "[1]",
        "{\"fixedClockMs\":-1}", "{\"spoolDirectory\":\"\"}", "{\"sessionId\":\"a\",\"sessionId\":\"b\"}",
    };
    for (size_t i = 0; i < sizeof bad_options / sizeof bad_options[0]; i++)
        CHECK_STATUS(sr_session_open_ex(p, bad_options[i], strlen(bad_options[i]), &o), SR_E_ARG);
    CHECK_STATUS(sr_session_open_ex(p, "{\"sessionId\":", 13, &o), SR_E_JSON);
    CHECK_STATUS(sr_session_open_ex(p, "{\"sessionId\":\"\xff\"}", 17, &o), SR_E_JSON);
    CHECK_STATUS(sr_session_open(p, "", &o), SR_E_ARG);
    CHECK_STATUS(sr_session_open(p, "\xff\xfe", &o), SR_E_ARG);
    CHECK(o == NULL, "no session from bad options");

    /* The session is unharmed: a page still records, and every refusal was counted. */
    ingest_page(s, "https://shop.example/", "hello", 1700000000000);
    CHECK_STATUS(sr_session_end(s), SR_OK);
    CHECK_STATUS(ingest(s, "{\"type\":3,\"data\":{\"source\":3,\"id\":1,\"x\":0,\"y\":1},\"timestamp\":1700000000009}"),
                 SR_E_STATE);
    drain_result r = {0};
    drain(s, &r);
    CHECK(r.events >= 2 && r.bad == 0, "the page came through after the garbage (%ld events)", r.events);
    char *stats = NULL;
    CHECK_STATUS(sr_session_stats(s, &stats, NULL), SR_OK);
    struct json_object *js = json_tokener_parse(stats);
    struct json_object *v;
    CHECK(js && json_object_object_get_ex(js, "rejected", &v) && json_object_get_int(v) >= refused,
          "rejected counts the %d refusals: %s", refused, stats);
    CHECK(js && json_object_object_get_ex(js, "sessionId", &v) && strcmp(json_object_get_string(v), "garbage") == 0,
          "session id from the options");
    CHECK(js && json_object_object_get_ex(js, "ended", &v) && json_object_get_boolean(v), "ended");
    json_object_put(js);
    sr_free(stats);
    buf_free(&r.text);
    CHECK_STATUS(sr_session_close(s), SR_OK);
    sr_policy_free(p);
#undef REFUSE
}

/* sr_last_error is per thread and lasts until that thread's next call. */
static void *fail_on_thread(void *arg) {
    (void)arg;
    sr_policy *p = NULL;
    sr_policy_load("{", 1, &p);
    return strdup(sr_last_error());
}

static void test_errors_per_thread(void) {
    sr_policy *p = NULL;
    CHECK_STATUS(sr_policy_load("[]", 2, &p), SR_E_POLICY);
    char *mine = strdup(sr_last_error());
    pthread_t t;
    pthread_create(&t, NULL, fail_on_thread, NULL);
    void *theirs = NULL;
    pthread_join(t, &theirs);
    CHECK(strcmp(mine, sr_last_error()) == 0, "another thread's failure leaves this thread's error: %s", sr_last_error());
    CHECK(theirs && strcmp((char *)theirs, mine) != 0, "the other thread saw its own error");
    free(theirs);
    free(mine);
}

/* Every conformance vector gives byte for byte its expected output, and no secret. */
static void test_conformance(void) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/Fixtures/conformance", root);
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    CHECK(n > 0, "cannot read %s", dir);
    int vectors = 0;
    for (int i = 0; i < n; i++) {
        char vdir[4096 + 256], path[8192];
        snprintf(vdir, sizeof vdir, "%s/%s", dir, names[i]->d_name);
        /* A vector is a directory with observations.jsonl; its expected.json must exist. */
        snprintf(path, sizeof path, "%s/observations.jsonl", vdir);
        struct stat st;
        if (names[i]->d_name[0] == '.' || stat(path, &st) != 0) {
            free(names[i]);
            continue;
        }
        snprintf(path, sizeof path, "%s/expected.json", vdir);
        vectors++;
        buf out = {0}, why = {0};
        int rc = run_conformance_vector(vdir, &out, &why);
        CHECK(rc == 0, "vector %s: %s", names[i]->d_name, why.data ? why.data : "");
        size_t len = 0;
        char *expected = read_file(path, &len);
        CHECK(rc == 0 && expected && len == out.len && memcmp(expected, out.data, len) == 0,
              "vector %s: output differs from expected.json\n got: %.400s", names[i]->d_name, out.data ? out.data : "");
        snprintf(path, sizeof path, "%s/secrets.txt", vdir);
        char *secrets = read_file(path, NULL);
        for (char *line = secrets ? strtok(secrets, "\n") : NULL; line; line = strtok(NULL, "\n"))
            if (line[0] != '#') CHECK(!leaks(out.data, out.len, line), "vector %s leaks \"%s\"", names[i]->d_name, line);
        free(secrets);
        free(expected);
        buf_free(&out);
        buf_free(&why);
        free(names[i]);
    }
    free(names);
    CHECK(vectors >= 5, "only %d conformance vectors in %s", vectors, dir);
    printf("  %d conformance vectors\n", vectors);
}

/* The recorded web fixtures (Fixtures/web): no secret reaches any batch. */
static void test_web_fixtures(void) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/Fixtures/web", root);
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        printf("  no Fixtures/web: skipped\n");
        return;
    }
    int fixtures = 0, secrets_checked = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t nl = strlen(name);
        if (nl < 7 || strcmp(name + nl - 6, ".jsonl") != 0) {
            free(names[i]);
            continue;
        }
        char base[4096 + 256], path[8192];
        snprintf(base, sizeof base, "%s/%.*s", dir, (int)(nl - 6), name);
        snprintf(path, sizeof path, "%s.policy.json", base);
        size_t plen = 0;
        char *policy_json = read_file(path, &plen);
        sr_policy *p = NULL;
        if (policy_json) CHECK_STATUS(sr_policy_load(policy_json, plen, &p), SR_OK);
        else p = load_policy("{\"version\":1}");
        free(policy_json);
        sr_session *s = open_session(p, NULL);
        size_t len = 0;
        snprintf(path, sizeof path, "%s.jsonl", base);
        char *stream = read_file(path, &len);
        CHECK(stream != NULL, "cannot read %s", path);
        int lines = 0, accepted = 0;
        for (size_t a = 0; stream && a < len;) {
            size_t b = a;
            while (b < len && stream[b] != '\n') b++;
            if (b > a) {
                lines++;
                if (sr_ingest_json(s, stream + a, b - a) == SR_OK) accepted++;
            }
            a = b + 1;
        }
        CHECK(lines > 0 && accepted == lines, "%s: %d of %d events accepted (%s)", name, accepted, lines, sr_last_error());
        CHECK_STATUS(sr_session_end(s), SR_OK);
        drain_result r = {0};
        drain(s, &r);
        CHECK(r.events > 0 && r.bad == 0, "%s: %ld events in %d batches", name, r.events, r.batches);
        snprintf(path, sizeof path, "%s.secrets.txt", base);
        char *secrets = read_file(path, NULL);
        for (char *line = secrets ? strtok(secrets, "\n") : NULL; line; line = strtok(NULL, "\n")) {
            if (line[0] == '#' || line[0] == '\0') continue;
            CHECK(stream && leaks(stream, len, line), "%s: secret \"%s\" is not in the raw stream", name, line);
            CHECK(!leaks(r.text.data, r.text.len, line), "%s: batch leaks \"%s\"", name, line);
            secrets_checked++;
        }
        free(secrets);
        free(stream);
        buf_free(&r.text);
        CHECK_STATUS(sr_session_close(s), SR_OK);
        sr_policy_free(p);
        fixtures++;
        free(names[i]);
    }
    free(names);
    printf("  %d web fixtures, %d secrets absent from every batch\n", fixtures, secrets_checked);
}

/* ---- concurrency: 8 writers x 20,000 observations, one reader, nothing unaccounted ---- */

enum { WRITERS = 8, PER_WRITER = 20000 };

typedef struct {
    sr_session *session;
    int index;
    int failures;
} writer_arg;

typedef struct {
    sr_session *session;
    volatile int stop;
    drain_result result;
    unsigned char *seen; /* [WRITERS * PER_WRITER] */
    long duplicates;
    long foreign;
} reader_arg;

static void *writer(void *arg) {
    writer_arg *w = (writer_arg *)arg;
    for (int i = 0; i < PER_WRITER; i++) {
        /* A scroll of the document (node 1) whose position says who sent it. */
        struct json_object *ev = obj("type", json_object_new_int(3), "data",
                                     obj("source", json_object_new_int(3), "id", json_object_new_int(1), "x",
                                         json_object_new_int(w->index), "y", json_object_new_int(i), NULL),
                                     "timestamp", json_object_new_int64(1700000000100LL + i), NULL);
        size_t len;
        const char *text = json_object_to_json_string_length(ev, JSON_C_TO_STRING_PLAIN, &len);
        if (sr_ingest_json(w->session, text, len) != SR_OK) w->failures++;
        json_object_put(ev);
    }
    return NULL;
}

static void note_event(struct json_object *event, void *ctx) {
    reader_arg *r = (reader_arg *)ctx;
    struct json_object *type, *data, *source, *x, *y;
    if (!json_object_object_get_ex(event, "type", &type) || json_object_get_int(type) != 3 ||
        !json_object_object_get_ex(event, "data", &data) || !json_object_object_get_ex(data, "source", &source) ||
        json_object_get_int(source) != 3)
        return; /* the page's own events */
    if (!json_object_object_get_ex(data, "x", &x) || !json_object_object_get_ex(data, "y", &y)) {
        r->foreign++;
        return;
    }
    int w = json_object_get_int(x), i = json_object_get_int(y);
    if (w < 0 || w >= WRITERS || i < 0 || i >= PER_WRITER) {
        r->foreign++;
        return;
    }
    if (r->seen[w * PER_WRITER + i]++) r->duplicates++;
}

static void reader_drain(reader_arg *r) {
    for (;;) {
        uint8_t *batch = NULL;
        size_t len = 0;
        if (sr_next_batch(r->session, &batch, &len) != SR_OK || !batch) return;
        account_envelope(batch, len, &r->result, note_event, r);
        sr_free(batch);
    }
}

static void *reader(void *arg) {
    reader_arg *r = (reader_arg *)arg;
    while (!r->stop) {
        reader_drain(r);
        usleep(200);
    }
    return NULL;
}

static void test_concurrency(void) {
    sr_policy *p = load_policy("{\"version\":1,\"upload\":{\"maxEvents\":250}}");
    sr_session *s = open_session(p, "{\"version\":1,\"sessionId\":\"concurrency\"}");
    ingest_page(s, "https://shop.example/", "concurrency", 1700000000000LL);
    reader_arg rd = {0};
    rd.session = s;
    rd.seen = (unsigned char *)calloc(WRITERS * PER_WRITER, 1);
    pthread_t rt, wt[WRITERS];
    writer_arg wa[WRITERS];
    pthread_create(&rt, NULL, reader, &rd);
    for (int i = 0; i < WRITERS; i++) {
        wa[i] = (writer_arg){s, i, 0};
        pthread_create(&wt[i], NULL, writer, &wa[i]);
    }
    int failures = 0;
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(wt[i], NULL);
        failures += wa[i].failures;
    }
    CHECK_STATUS(sr_session_end(s), SR_OK);
    rd.stop = 1;
    pthread_join(rt, NULL);
    reader_drain(&rd);

    long produced = (long)WRITERS * PER_WRITER;
    long received = 0;
    for (long i = 0; i < produced; i++) received += rd.seen[i] ? 1 : 0;
    drain_result *r = &rd.result;
    /* The page's 2 events are in the batches too; every writer event is either in a batch
     * exactly once or counted: dropped or blocked in an envelope's audit, or lost. */
    long accounted = received + r->dropped + r->blocked + r->lost_events;
    printf("  %ld produced, %ld received in %d batches, %ld dropped, %ld blocked, %ld lost\n", produced, received,
           r->batches, r->dropped, r->blocked, r->lost_events);
    CHECK(failures == 0, "%d ingest calls failed", failures);
    CHECK(rd.duplicates == 0 && rd.foreign == 0, "%ld duplicates, %ld unknown events", rd.duplicates, rd.foreign);
    CHECK(r->bad == 0, "%d bad envelopes", r->bad);
    CHECK(accounted == produced, "produced %ld but accounted for %ld", produced, accounted);
    CHECK(r->events == r->listed, "eventCount sums match");
    char *stats = NULL;
    CHECK_STATUS(sr_session_stats(s, &stats, NULL), SR_OK);
    struct json_object *js = json_tokener_parse(stats), *v;
    CHECK(js && json_object_object_get_ex(js, "received", &v) && json_object_get_int64(v) == produced + 2,
          "stats received %s", stats);
    CHECK(js && json_object_object_get_ex(js, "emitted", &v) && json_object_get_int64(v) == r->events,
          "stats emitted = events in batches: %s", stats);
    json_object_put(js);
    sr_free(stats);
    free(rd.seen);
    buf_free(&r->text);
    CHECK_STATUS(sr_session_close(s), SR_OK);
    sr_policy_free(p);
}

/* ---- upload through a host transport ---- */

typedef struct {
    pthread_mutex_t lock;
    int calls;
    int releases;
    int fail_first;       /* answer 503 + Retry-After: 0 to the first call */
    int answer_delay_ms;  /* block this long in each call */
    sr_session *session;  /* to try a forbidden call from inside send */
    sr_status inner_stop; /* what sr_upload_stop said from inside send */
    sr_status inner_close; /* what sr_session_close said from inside send */
    char keys[64][40];    /* Idempotency-Key of each call */
    long events;          /* events in the acknowledged bodies */
    long sequences[64];
    int bad_bodies;
    int gzip_headers;
} recorder;

static int gunzip(const uint8_t *in, size_t len, buf *out) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return -1;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)len;
    unsigned char chunk[16384];
    int rc;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&z);
            return -1;
        }
        buf_append(out, chunk, sizeof chunk - z.avail_out);
    } while (rc != Z_STREAM_END);
    inflateEnd(&z);
    return 0;
}

static void record_send(void *context, const uint8_t *body, size_t body_len, const sr_header *headers,
                        size_t header_count, sr_response *response) {
    recorder *rec = (recorder *)context;
    if (rec->answer_delay_ms) usleep((useconds_t)rec->answer_delay_ms * 1000);
    pthread_mutex_lock(&rec->lock);
    int call = rec->calls++;
    if (call == 0 && rec->session) {
        rec->inner_stop = sr_upload_stop(rec->session, 0);
        rec->inner_close = sr_session_close(rec->session);
    }
    const char *key = "";
    int gzip = 0;
    for (size_t i = 0; i < header_count; i++) {
        if (strcmp(headers[i].name, "Idempotency-Key") == 0) key = headers[i].value;
        if (strcmp(headers[i].name, "Content-Encoding") == 0 && strcmp(headers[i].value, "gzip") == 0) gzip = 1;
    }
    rec->gzip_headers += gzip;
    if (call < 64) snprintf(rec->keys[call], sizeof rec->keys[call], "%s", key);
    if (call == 0 && rec->fail_first) {
        response->status = 503;
        strcpy(response->retry_after, "0");
    } else {
        buf json = {0};
        struct json_object *env = NULL, *v;
        if (gunzip(body, body_len, &json) == 0) env = json_tokener_parse(json.data);
        if (env && json_object_object_get_ex(env, "eventCount", &v)) {
            rec->events += (long)json_object_get_int64(v);
            if (json_object_object_get_ex(env, "sequence", &v) && call < 64) rec->sequences[call] = json_object_get_int64(v);
        } else {
            rec->bad_bodies++;
        }
        json_object_put(env);
        buf_free(&json);
        response->status = 200;
    }
    pthread_mutex_unlock(&rec->lock);
}

static void record_release(void *context) {
    recorder *rec = (recorder *)context;
    pthread_mutex_lock(&rec->lock);
    rec->releases++;
    pthread_mutex_unlock(&rec->lock);
}

static void test_upload(void) {
    sr_policy *p = load_policy("{\"version\":1,\"upload\":{\"maxEvents\":10}}");
    sr_session *s = open_session(p, NULL);
    recorder rec;
    memset(&rec, 0, sizeof rec);
    pthread_mutex_init(&rec.lock, NULL);
    rec.fail_first = 1;
    rec.session = s;
    CHECK_STATUS(sr_upload_start(s, record_send, record_release, &rec), SR_OK);
    CHECK_STATUS(sr_upload_start(s, record_send, record_release, &rec), SR_E_STATE);
    uint8_t *out = NULL;
    size_t out_len = 0;
    CHECK_STATUS(sr_next_batch(s, &out, &out_len), SR_E_STATE);
    ingest_page(s, "https://shop.example/", "upload", 1700000000000LL);
    char event[256];
    for (int i = 0; i < 35; i++) {
        snprintf(event, sizeof event, "{\"type\":3,\"data\":{\"source\":3,\"id\":1,\"x\":0,\"y\":%d},\"timestamp\":%lld}", i,
                 1700000000010LL + i);
        CHECK_STATUS(ingest(s, event), SR_OK);
    }
    CHECK_STATUS(sr_session_end(s), SR_OK);
    /* After the end the sender delivers everything and stops by itself. */
    for (int waited = 0; waited < 20000; waited += 10) {
        pthread_mutex_lock(&rec.lock);
        int released = rec.releases;
        pthread_mutex_unlock(&rec.lock);
        if (released) break;
        usleep(10000);
    }
    CHECK_STATUS(sr_upload_stop(s, 1000), SR_OK);
    CHECK(rec.releases == 1, "release called once (%d)", rec.releases);
    CHECK(rec.inner_stop == SR_E_STATE, "sr_upload_stop from inside send is refused (%d)", rec.inner_stop);
    CHECK(rec.inner_close == SR_E_STATE, "sr_session_close from inside send is refused (%d)", rec.inner_close);
    CHECK(rec.calls >= 2 && strcmp(rec.keys[0], rec.keys[1]) == 0 && rec.keys[0][0],
          "the 503'd batch is retried with the same Idempotency-Key (%s, %s)", rec.keys[0], rec.keys[1]);
    CHECK(rec.bad_bodies == 0, "%d bodies did not gunzip to an envelope", rec.bad_bodies);
    CHECK(rec.gzip_headers == rec.calls, "Content-Encoding: gzip on every call");
    for (int i = 2; i < rec.calls && i < 64; i++)
        CHECK(rec.sequences[i] == rec.sequences[i - 1] + 1, "batches in order (%ld after %ld)", rec.sequences[i],
              rec.sequences[i - 1]);
    char *stats = NULL;
    sr_session_stats(s, &stats, NULL);
    struct json_object *js = json_tokener_parse(stats), *v;
    CHECK(js && json_object_object_get_ex(js, "emitted", &v) && json_object_get_int64(v) == rec.events,
          "every emitted event was delivered (%ld delivered): %s", rec.events, stats);
    json_object_put(js);
    sr_free(stats);
    CHECK_STATUS(sr_next_batch(s, &out, &out_len), SR_OK);
    CHECK(out == NULL, "nothing left to pull");
    CHECK_STATUS(sr_upload_stop(s, 0), SR_E_STATE);
    CHECK_STATUS(sr_session_close(s), SR_OK);

    /* Closing a session while a slow send is in flight waits for it, then releases. */
    recorder slow;
    memset(&slow, 0, sizeof slow);
    pthread_mutex_init(&slow.lock, NULL);
    slow.answer_delay_ms = 300;
    s = open_session(p, NULL);
    CHECK_STATUS(sr_upload_start(s, record_send, record_release, &slow), SR_OK);
    ingest_page(s, "https://shop.example/", "slow", 1700000000000LL);
    CHECK_STATUS(sr_flush(s), SR_OK);
    usleep(100000); /* the send is in flight now */
    CHECK_STATUS(sr_session_close(s), SR_OK);
    CHECK(slow.releases == 1, "close released the transport (%d)", slow.releases);
    CHECK(slow.calls >= 1, "the in-flight send completed (%d calls)", slow.calls);
    pthread_mutex_destroy(&slow.lock);
    pthread_mutex_destroy(&rec.lock);
    sr_policy_free(p);
}

/* ---- a durable spool: batches a closed session left are there for the next ---- */

static void test_spool(void) {
    char dir[] = "/tmp/safereplay-c-spool-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    sr_policy *p = load_policy("{\"version\":1}");
    sr_session *a = NULL;
    CHECK_STATUS(sr_session_open(p, dir, &a), SR_OK);
    ingest_page(a, "https://shop.example/", "spooled", 1700000000000LL);
    CHECK_STATUS(sr_session_end(a), SR_OK);
    char *stats = NULL;
    CHECK_STATUS(sr_session_stats(a, &stats, NULL), SR_OK);
    struct json_object *js = json_tokener_parse(stats), *v;
    long emitted = js && json_object_object_get_ex(js, "emitted", &v) ? (long)json_object_get_int64(v) : -1;
    json_object_put(js);
    sr_free(stats);
    CHECK_STATUS(sr_session_close(a), SR_OK); /* not drained: the batch stays on disk */
    sr_session *b = NULL;
    CHECK_STATUS(sr_session_open(p, dir, &b), SR_OK);
    drain_result r = {0};
    r.next_sequence = 0;
    drain(b, &r);
    CHECK(emitted >= 2 && r.events == emitted, "the next session finds the first one's %ld events in the spool (%ld)",
          emitted, r.events);
    buf_free(&r.text);
    CHECK_STATUS(sr_session_close(b), SR_OK);
    /* A spool that cannot be created. */
    sr_session *c = NULL;
    CHECK_STATUS(sr_session_open(p, "/proc/safereplay/cannot", &c), SR_E_IO);
    sr_policy_free(p);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0, "cleanup");
}

/* ------------------------------------------------------------------------------------ */

typedef struct {
    const char *name;
    void (*run)(void);
} test_case;

int main(int argc, char **argv) {
    static const test_case tests[] = {
        {"version", test_version},         {"policy_errors", test_policy_errors},
        {"handles", test_handles},         {"garbage_input", test_garbage_input},
        {"errors_per_thread", test_errors_per_thread}, {"conformance", test_conformance},
        {"web_fixtures", test_web_fixtures}, {"concurrency", test_concurrency},
        {"upload", test_upload},           {"spool", test_spool},
    };
    if (argc > 1) root = argv[1];
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        int selected = argc <= 2;
        for (int a = 2; a < argc; a++) selected |= strcmp(argv[a], tests[i].name) == 0;
        if (!selected) continue;
        int before = sr_test_failures;
        printf("%s\n", tests[i].name);
        fflush(stdout);
        tests[i].run();
        printf("  %s\n", sr_test_failures == before ? "ok" : "FAILED");
    }
    printf("%d checks, %d failures\n", sr_test_checks, sr_test_failures);
    return sr_test_failures == 0 ? 0 : 1;
}

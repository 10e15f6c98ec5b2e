/*
 * The C ABI's test program: a host written in C, using json-c to build observations and
 * read batches, against the built libsafereplay.
 *
 *   test_safereplay REPO_ROOT [TEST ...]
 *
 * Runs every test (or the named ones) and exits 0 when all checks pass. Fixtures are read
 * from REPO_ROOT/Fixtures. The tests with threads (concurrency, upload, spool) are in
 * test_threads.c, the helpers they share in test_host.c. scripts/test-bindings runs it plain and under
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
#include "test_host.h"

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

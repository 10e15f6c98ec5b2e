/*
 * The C test program's tests with threads: 8 writers x 20,000 observations against one
 * reader, the upload through a host transport callback, and the spool.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "test_host.h"

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

void test_concurrency(void) {
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

void test_upload(void) {
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

void test_spool(void) {
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

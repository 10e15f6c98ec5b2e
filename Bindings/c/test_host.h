/* Host-side helpers the C test programs share (test_host.c). */
#ifndef SR_TEST_HOST_H
#define SR_TEST_HOST_H

#include "test_util.h"

/* The repository root (argv[1]); fixtures are read below it. */
extern const char *root;

sr_policy *load_policy(const char *json);
sr_session *open_session(sr_policy *p, const char *options);
sr_status ingest(sr_session *s, const char *json);

/* A web page's first events, built with json-c: Meta and a FullSnapshot of a document
 * whose body (id 3) holds a text node (id 4) with `text`. */
void ingest_page(sr_session *s, const char *href, const char *text, int64_t t);

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

/* Parses one envelope into `r`; calls `each_event` for every event when given. */
void account_envelope(const uint8_t *batch, size_t len, drain_result *r,
                      void (*each_event)(struct json_object *event, void *ctx), void *ctx);

/* Takes every finished batch, accounting for each in `r` and appending it to r->text. */
void drain(sr_session *s, drain_result *r);

/* Whether `secret` appears in `text` in any form it could leak in (see test_host.c). */
int leaks(const char *text, size_t len, const char *secret);

/* The tests in test_threads.c. */
void test_concurrency(void);
void test_upload(void);
void test_spool(void);

#endif

/* Small helpers shared by the C test programs: checks, files, envelopes. */
#ifndef SR_TEST_UTIL_H
#define SR_TEST_UTIL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "safereplay.h"

extern int sr_test_failures;
extern int sr_test_checks;

/* Records a check; on failure prints where and why (with sr_last_error when relevant). */
#define CHECK(cond, ...)                                                                  \
    do {                                                                                  \
        sr_test_checks++;                                                                 \
        if (!(cond)) {                                                                    \
            sr_test_failures++;                                                           \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);               \
            fprintf(stderr, __VA_ARGS__);                                                 \
            fprintf(stderr, "\n");                                                        \
        }                                                                                 \
    } while (0)

/* A status check: `call` must return `want`, and an error must come with a message. */
#define CHECK_STATUS(call, want)                                                          \
    do {                                                                                  \
        sr_status got_ = (call);                                                          \
        CHECK(got_ == (want), "%s returned %s (%d), wanted %s; last error: %s", #call,     \
              sr_status_name(got_), got_, sr_status_name(want), sr_last_error());         \
        if (got_ != SR_OK)                                                                \
            CHECK(sr_last_error()[0] != '\0', "%s failed without a message", #call);      \
    } while (0)

/* A growable byte buffer. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} buf;

void buf_append(buf *b, const void *bytes, size_t n);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...);
void buf_free(buf *b);

/* Reads a whole file (NUL-terminated; *len without it). NULL when it cannot be read. */
char *read_file(const char *path, size_t *len);

/* The `events` array's contents (between "events":[ and the closing ]) of an envelope,
 * as a slice of it; the envelope writes `events` last. -1 when it is not there. */
int envelope_events_slice(const char *json, size_t len, size_t *start, size_t *end);

/* A json-c object from key/value pairs, NULL-terminated: obj("type", json_object_new_int(3), NULL).
 * Takes ownership of the values. */
struct json_object *obj(const char *key, ...);

/* A json-c array of the given values, NULL-terminated. Takes ownership of them. */
struct json_object *arr(struct json_object *first, ...);

/* Whether `needle` occurs in the first `len` bytes of `hay`. */
int contains(const char *hay, size_t len, const char *needle);

#endif

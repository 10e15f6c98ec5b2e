/* Host-side helpers the C test programs share: sessions, pages built with json-c, draining
 * and accounting for batches, and the leak search. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <string.h>
#include <strings.h>

#include "test_host.h"

const char *root = ".";

/* ------------------------------------------------------------------------------------
 * helpers
 * ---------------------------------------------------------------------------------- */

sr_policy *load_policy(const char *json) {
    sr_policy *p = NULL;
    sr_status st = sr_policy_load(json, strlen(json), &p);
    CHECK(st == SR_OK && p, "policy does not load: %s", sr_last_error());
    return p;
}

sr_session *open_session(sr_policy *p, const char *options) {
    sr_session *s = NULL;
    sr_status st = sr_session_open_ex(p, options, options ? strlen(options) : 0, &s);
    CHECK(st == SR_OK && s, "session does not open: %s", sr_last_error());
    return s;
}

sr_status ingest(sr_session *s, const char *json) { return sr_ingest_json(s, json, strlen(json)); }

/* A web page's first events, built with json-c: Meta and a FullSnapshot of a document
 * whose body (id 3) holds a text node (id 4) with `text`. */
void ingest_page(sr_session *s, const char *href, const char *text, int64_t t) {
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


long sum_counts(struct json_object *obj) {
    long total = 0;
    if (!obj || !json_object_is_type(obj, json_type_object)) return 0;
    json_object_object_foreach(obj, key, value) {
        (void)key;
        total += (long)json_object_get_int64(value);
    }
    return total;
}

/* Parses one envelope into `r`; calls `each_event` for every event when given. */
void account_envelope(const uint8_t *batch, size_t len, drain_result *r,
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

void drain(sr_session *s, drain_result *r) {
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
int leaks(const char *text, size_t len, const char *secret) {
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

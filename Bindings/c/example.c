/*
 * example: record a session through libsafereplay and print what would leave the device.
 *
 *   cc example.c $(pkg-config --cflags --libs safereplay json-c) -o example
 *   ./example POLICY.json [OBSERVATIONS.jsonl]
 *
 * With an observations file, every line is one raw rrweb event. Without one, the program
 * builds a small checkout page with json-c. Either way it ends the session, takes every
 * batch envelope and prints a summary of each (parsed with json-c) and the statistics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "safereplay.h"

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0, got;
    char *data = malloc(cap);
    while (data && (got = fread(data + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *grown = realloc(data, cap *= 2);
            if (!grown) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
        }
    }
    fclose(f);
    if (data) data[n] = '\0';
    *len = n;
    return data;
}

/* Fails loudly with the library's message. */
static void check(sr_status status, const char *what) {
    if (status != SR_OK) {
        fprintf(stderr, "%s: %s (%s)\n", what, sr_last_error(), sr_status_name(status));
        exit(1);
    }
}

static void ingest_object(sr_session *s, struct json_object *event) {
    size_t len;
    const char *text = json_object_to_json_string_length(event, JSON_C_TO_STRING_PLAIN, &len);
    check(sr_ingest_json(s, text, len), "sr_ingest_json");
    json_object_put(event);
}

static struct json_object *element(int id, const char *tag, struct json_object *attributes, struct json_object *children) {
    struct json_object *node = json_object_new_object();
    json_object_object_add(node, "type", json_object_new_int(2));
    json_object_object_add(node, "id", json_object_new_int(id));
    json_object_object_add(node, "tagName", json_object_new_string(tag));
    json_object_object_add(node, "attributes", attributes ? attributes : json_object_new_object());
    json_object_object_add(node, "childNodes", children ? children : json_object_new_array());
    return node;
}

static struct json_object *text(int id, const char *content) {
    struct json_object *node = json_object_new_object();
    json_object_object_add(node, "type", json_object_new_int(3));
    json_object_object_add(node, "id", json_object_new_int(id));
    json_object_object_add(node, "textContent", json_object_new_string(content));
    return node;
}

static void demo_page(sr_session *s) {
    long long t = 1700000000000LL;
    struct json_object *meta = json_object_new_object(), *data = json_object_new_object();
    json_object_object_add(meta, "type", json_object_new_int(4));
    json_object_object_add(data, "href", json_object_new_string("https://shop.example/checkout?token=abc123"));
    json_object_object_add(data, "width", json_object_new_int(1280));
    json_object_object_add(data, "height", json_object_new_int(720));
    json_object_object_add(meta, "data", data);
    json_object_object_add(meta, "timestamp", json_object_new_int64(t));
    ingest_object(s, meta);

    struct json_object *card = json_object_new_object();
    json_object_object_add(card, "type", json_object_new_string("text"));
    json_object_object_add(card, "name", json_object_new_string("card"));
    json_object_object_add(card, "value", json_object_new_string("4111 1111 1111 1111"));
    struct json_object *h1 = json_object_new_array(), *body = json_object_new_array(), *html = json_object_new_array();
    json_object_array_add(h1, text(5, "Thanks, Jane Roe (jane.roe@example.com)"));
    json_object_array_add(body, element(4, "h1", NULL, h1));
    json_object_array_add(body, element(6, "input", card, NULL));
    json_object_array_add(html, element(3, "body", NULL, body));
    struct json_object *doc = json_object_new_object(), *children = json_object_new_array();
    json_object_object_add(doc, "type", json_object_new_int(0));
    json_object_object_add(doc, "id", json_object_new_int(1));
    json_object_array_add(children, element(2, "html", NULL, html));
    json_object_object_add(doc, "childNodes", children);
    struct json_object *snapshot = json_object_new_object(), *snap = json_object_new_object();
    struct json_object *offset = json_object_new_object();
    json_object_object_add(offset, "top", json_object_new_int(0));
    json_object_object_add(offset, "left", json_object_new_int(0));
    json_object_object_add(snap, "node", doc);
    json_object_object_add(snap, "initialOffset", offset);
    json_object_object_add(snapshot, "type", json_object_new_int(2));
    json_object_object_add(snapshot, "data", snap);
    json_object_object_add(snapshot, "timestamp", json_object_new_int64(t + 1));
    ingest_object(s, snapshot);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s POLICY.json [OBSERVATIONS.jsonl]\n", argv[0]);
        return 64;
    }
    if (sr_abi_version() >> 16 != SR_ABI_VERSION_MAJOR) {
        fprintf(stderr, "libsafereplay has ABI %#x; this program was built for %#x\n", sr_abi_version(), SR_ABI_VERSION);
        return 1;
    }
    size_t len;
    char *policy_json = slurp(argv[1], &len);
    if (!policy_json) {
        perror(argv[1]);
        return 66;
    }
    sr_policy *policy = NULL;
    if (sr_policy_load(policy_json, len, &policy) != SR_OK) {
        fprintf(stderr, "%s\n", sr_last_error()); /* every issue, with its JSON path */
        return 65;
    }
    free(policy_json);

    sr_session *session = NULL;
    check(sr_session_open(policy, NULL, &session), "sr_session_open");
    sr_policy_free(policy); /* the session keeps its own copy */

    if (argc > 2) {
        char *lines = slurp(argv[2], &len);
        if (!lines) {
            perror(argv[2]);
            return 66;
        }
        int refused = 0;
        for (char *line = strtok(lines, "\n"); line; line = strtok(NULL, "\n"))
            if (line[0] == '{' && sr_ingest_json(session, line, strlen(line)) != SR_OK) refused++;
        if (refused) fprintf(stderr, "%d observations refused\n", refused);
        free(lines);
    } else {
        demo_page(session);
    }

    check(sr_session_end(session), "sr_session_end");
    for (;;) {
        uint8_t *batch = NULL;
        size_t batch_len = 0;
        check(sr_next_batch(session, &batch, &batch_len), "sr_next_batch");
        if (!batch) break;
        struct json_object *envelope = json_tokener_parse((const char *)batch), *v, *audit, *masked;
        printf("batch");
        if (json_object_object_get_ex(envelope, "sequence", &v)) printf(" #%d", json_object_get_int(v));
        if (json_object_object_get_ex(envelope, "eventCount", &v)) printf(": %d events", json_object_get_int(v));
        printf(", %zu bytes", batch_len);
        if (json_object_object_get_ex(envelope, "audit", &audit) && json_object_object_get_ex(audit, "masked", &masked))
            printf(", masked %s", json_object_to_json_string_ext(masked, JSON_C_TO_STRING_PLAIN));
        printf("\n");
        json_object_put(envelope);
        sr_free(batch);
    }
    char *stats = NULL;
    check(sr_session_stats(session, &stats, NULL), "sr_session_stats");
    printf("stats %s\n", stats);
    sr_free(stats);
    check(sr_session_close(session), "sr_session_close");
    return 0;
}

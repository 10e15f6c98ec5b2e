#include "conformance.h"

static int fail(buf *why, const char *what, const char *detail) {
    buf_printf(why, "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
    return -1;
}

/* One command line (a JSON array): ["touch", id, phase, x, y, t], ["location", lat, lon,
 * accuracy, t] or ["flush"]. Sets *status; -1 when the line is not a command. */
static int run_command(sr_session *s, const char *line, size_t len, sr_status *status) {
    struct json_tokener *tok = json_tokener_new();
    struct json_object *cmd = json_tokener_parse_ex(tok, line, (int)len);
    int ok = json_tokener_get_error(tok) == json_tokener_success && cmd && json_object_is_type(cmd, json_type_array);
    json_tokener_free(tok);
    if (!ok) {
        json_object_put(cmd);
        return -1;
    }
    size_t n = json_object_array_length(cmd);
    const char *kind = n > 0 ? json_object_get_string(json_object_array_get_idx(cmd, 0)) : NULL;
#define ARG(i) json_object_array_get_idx(cmd, (i))
    int rc = 0;
    if (kind && strcmp(kind, "touch") == 0 && n == 6) {
        *status = sr_touch(s, json_object_get_int(ARG(1)), json_object_get_int(ARG(2)), json_object_get_double(ARG(3)),
                           json_object_get_double(ARG(4)), json_object_get_int64(ARG(5)));
    } else if (kind && strcmp(kind, "location") == 0 && n == 5) {
        *status = sr_location(s, json_object_get_double(ARG(1)), json_object_get_double(ARG(2)),
                              json_object_get_double(ARG(3)), json_object_get_int64(ARG(4)));
    } else if (kind && strcmp(kind, "flush") == 0 && n == 1) {
        *status = sr_flush(s);
    } else {
        rc = -1;
    }
#undef ARG
    json_object_put(cmd);
    return rc;
}

/* Checks an envelope and appends its events (comma-separated) to `events`. */
static int take_envelope(const uint8_t *batch, size_t len, buf *events, int *first, buf *why) {
    const char *json = (const char *)batch;
    struct json_tokener *tok = json_tokener_new();
    struct json_object *env = json_tokener_parse_ex(tok, json, (int)len);
    int parsed = json_tokener_get_error(tok) == json_tokener_success && env;
    json_tokener_free(tok);
    if (!parsed) return fail(why, "an envelope is not valid JSON", NULL);
    struct json_object *version, *count, *list;
    int ok = json_object_object_get_ex(env, "formatVersion", &version) && json_object_get_int(version) == 1 &&
             json_object_object_get_ex(env, "eventCount", &count) &&
             json_object_object_get_ex(env, "events", &list) && json_object_is_type(list, json_type_array) &&
             (size_t)json_object_get_int64(count) == json_object_array_length(list);
    json_object_put(env);
    if (!ok) return fail(why, "an envelope's formatVersion, eventCount or events do not check out", NULL);
    size_t start, end;
    if (envelope_events_slice(json, len, &start, &end) != 0) return fail(why, "an envelope does not end with its events", NULL);
    if (end > start) {
        if (!*first) buf_puts(events, ",");
        buf_append(events, json + start, end - start);
        *first = 0;
    }
    return 0;
}

int run_conformance_vector(const char *dir, buf *out, buf *why) {
    char path[4096];
    size_t policy_len, options_len, obs_len;
    snprintf(path, sizeof path, "%s/policy.json", dir);
    char *policy_json = read_file(path, &policy_len);
    snprintf(path, sizeof path, "%s/options.json", dir);
    char *options_json = read_file(path, &options_len);
    snprintf(path, sizeof path, "%s/observations.jsonl", dir);
    char *observations = read_file(path, &obs_len);
    int rc = -1;
    sr_policy *policy = NULL;
    sr_session *session = NULL;
    buf statuses = {0}, events = {0};
    if (!policy_json || !options_json || !observations) {
        fail(why, "missing policy.json, options.json or observations.jsonl", dir);
        goto done;
    }
    if (sr_policy_load(policy_json, policy_len, &policy) != SR_OK) {
        fail(why, "policy.json does not load", sr_last_error());
        goto done;
    }
    if (sr_session_open_ex(policy, options_json, options_len, &session) != SR_OK) {
        fail(why, "options.json does not open a session", sr_last_error());
        goto done;
    }
    buf_puts(&statuses, "");
    buf_puts(&events, "");
    int first_status = 1;
    for (size_t i = 0; i < obs_len;) {
        size_t j = i;
        while (j < obs_len && observations[j] != '\n') j++;
        const char *line = observations + i;
        size_t len = j - i;
        i = j + 1;
        if (len == 0 || line[0] == '#') continue;
        sr_status status;
        if (line[0] == '{') {
            status = sr_ingest_json(session, line, len);
        } else if (line[0] != '[' || run_command(session, line, len, &status) != 0) {
            fail(why, "an observation line is neither an event nor a command", NULL);
            goto done;
        }
        buf_printf(&statuses, "%s%d", first_status ? "" : ",", (int)status);
        first_status = 0;
    }
    if (sr_session_end(session) != SR_OK) {
        fail(why, "sr_session_end failed", sr_last_error());
        goto done;
    }
    int first_event = 1;
    for (;;) {
        uint8_t *batch = NULL;
        size_t len = 0;
        if (sr_next_batch(session, &batch, &len) != SR_OK) {
            fail(why, "sr_next_batch failed", sr_last_error());
            goto done;
        }
        if (!batch) break;
        int taken = take_envelope(batch, len, &events, &first_event, why);
        sr_free(batch);
        if (taken != 0) goto done;
    }
    buf_printf(out, "{\"statuses\":[%s],\"events\":[%s]}\n", statuses.data, events.data);
    rc = 0;
done:
    if (session) sr_session_close(session);
    sr_policy_free(policy);
    free(policy_json);
    free(options_json);
    free(observations);
    buf_free(&statuses);
    buf_free(&events);
    return rc;
}

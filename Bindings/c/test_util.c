#include "test_util.h"

int sr_test_failures = 0;
int sr_test_checks = 0;

void buf_append(buf *b, const void *bytes, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *grown = (char *)realloc(b->data, cap);
        if (!grown) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        b->data = grown;
        b->cap = cap;
    }
    if (n) memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s) { buf_append(b, s, strlen(s)); }

void buf_printf(buf *b, const char *fmt, ...) {
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        buf_append(b, small, (size_t)n);
        return;
    }
    char *big = (char *)malloc((size_t)n + 1);
    if (!big) exit(2);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_append(b, big, (size_t)n);
    free(big);
}

void buf_free(buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        buf_free(&b);
        return NULL;
    }
    if (!b.data) buf_append(&b, "", 0);
    if (len) *len = b.len;
    return b.data;
}

int envelope_events_slice(const char *json, size_t len, size_t *start, size_t *end) {
    static const char key[] = "\"events\":[";
    const size_t k = sizeof key - 1;
    if (len < k + 2 || json[len - 1] != '}' || json[len - 2] != ']') return -1;
    for (size_t i = 0; i + k <= len; i++) {
        if (memcmp(json + i, key, k) == 0) {
            *start = i + k;
            *end = len - 2;
            return *start <= *end ? 0 : -1;
        }
    }
    return -1;
}

int contains(const char *hay, size_t len, const char *needle) {
    size_t n = strlen(needle);
    if (n == 0 || n > len) return 0;
    for (size_t i = 0; i + n <= len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0) return 1;
    return 0;
}

struct json_object *obj(const char *key, ...) {
    struct json_object *o = json_object_new_object();
    va_list ap;
    va_start(ap, key);
    for (const char *k = key; k; k = va_arg(ap, const char *)) json_object_object_add(o, k, va_arg(ap, struct json_object *));
    va_end(ap);
    return o;
}

struct json_object *arr(struct json_object *first, ...) {
    struct json_object *a = json_object_new_array();
    va_list ap;
    va_start(ap, first);
    for (struct json_object *v = first; v; v = va_arg(ap, struct json_object *)) json_object_array_add(a, v);
    va_end(ap);
    return a;
}

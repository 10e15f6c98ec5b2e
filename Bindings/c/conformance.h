/* Runs a conformance vector (Fixtures/conformance/README.md) through the C ABI. */
#ifndef SR_CONFORMANCE_H
#define SR_CONFORMANCE_H

#include "test_util.h"

/* Runs the vector in directory `dir` and writes its output document into `out`
 * ({"statuses":[...],"events":[...]} and a newline). Returns 0, or -1 with a reason in
 * `why` (a malformed vector, or an envelope that does not check out). */
int run_conformance_vector(const char *dir, buf *out, buf *why);

#endif

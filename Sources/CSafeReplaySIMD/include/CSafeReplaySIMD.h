// Vector helpers for SafeReplayDetect's scan: the length of a run of word bytes
// (`A-Z a-z 0-9 _ -`), sixteen bytes a step, for the long runs JWT segments and tokens are
// made of.
//
// SSE2 (baseline on x86_64) and NEON (baseline on arm64), with a portable scalar path for
// anything else. The scalar path is always compiled too, so the tests can check that the
// vector path agrees with it.
#ifndef CSAFEREPLAYSIMD_H
#define CSAFEREPLAYSIMD_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON) && defined(__aarch64__)
#include <arm_neon.h>
#endif

static inline int sr_is_word_byte(uint8_t c) {
    return (uint8_t)(c - '0') < 10 || (uint8_t)((c | 0x20) - 'a') < 26 || c == '_' || c == '-';
}

/// How many of the `count` bytes at `p` are word bytes before the first that is not.
static inline long sr_word_run_scalar(const uint8_t *p, long count) {
    long k = 0;
    while (k < count && sr_is_word_byte(p[k])) k++;
    return k;
}

#if defined(__SSE2__)
/// Bit k set: byte k of the 16 at `p` is not a word byte.
static inline unsigned sr_non_word16(const uint8_t *p) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    // Unsigned `x <= limit` as `min(x, limit) == x`: SSE2 has no unsigned compare.
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    __m128i l = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(25)), l);
    __m128i joiner = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')), _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
    __m128i word = _mm_or_si128(_mm_or_si128(digit, letter), joiner);
    return ~(unsigned)_mm_movemask_epi8(word) & 0xFFFF;
}
#elif defined(__ARM_NEON) && defined(__aarch64__)
static inline unsigned sr_non_word16(const uint8_t *p) {
    uint8x16_t v = vld1q_u8(p);
    uint8x16_t digit = vcleq_u8(vsubq_u8(v, vdupq_n_u8('0')), vdupq_n_u8(9));
    uint8x16_t letter = vcleq_u8(vsubq_u8(vorrq_u8(v, vdupq_n_u8(0x20)), vdupq_n_u8('a')), vdupq_n_u8(25));
    uint8x16_t joiner = vorrq_u8(vceqq_u8(v, vdupq_n_u8('_')), vceqq_u8(v, vdupq_n_u8('-')));
    uint8x16_t nonWord = vmvnq_u8(vorrq_u8(vorrq_u8(digit, letter), joiner));
    // One bit per lane, as SSE2's `pmovmskb`.
    static const uint8_t weights[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    uint8x16_t x = vandq_u8(nonWord, vld1q_u8(weights));
    return (unsigned)vaddv_u8(vget_low_u8(x)) | (unsigned)vaddv_u8(vget_high_u8(x)) << 8;
}
#endif

/// `sr_word_run_scalar`, sixteen bytes a step where the vector unit allows.
static inline long sr_word_run(const uint8_t *p, long count) {
#if defined(__SSE2__) || (defined(__ARM_NEON) && defined(__aarch64__))
    if (count >= 16) {
        long k = 0;
        for (; k + 16 <= count; k += 16) {
            unsigned stop = sr_non_word16(p + k);
            if (stop) return k + __builtin_ctz(stop);
        }
        if (k == count) return count;
        // The last bytes: the sixteen that end the buffer, less the lanes already seen.
        unsigned stop = sr_non_word16(p + count - 16) >> (unsigned)(k - (count - 16));
        return stop ? k + __builtin_ctz(stop) : count;
    }
#endif
    return sr_word_run_scalar(p, count);
}

#endif

// Vector helpers for SafeReplayDetect's scan: the length of a run of word bytes
// (`A-Z a-z 0-9 _ -`), sixteen bytes a step, for the long runs JWT segments and tokens are
// made of; whether a range is all ASCII; and the character statistics of a token.
//
// SSE2 (baseline on x86_64) and NEON (baseline on arm64), with a portable scalar path for
// anything else. The scalar path is always compiled too, so the tests can check that the
// vector path agrees with it.
#ifndef CSAFEREPLAYSIMD_H
#define CSAFEREPLAYSIMD_H

#include <stdint.h>
#include <string.h>

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

/// Character statistics of the `count` bytes at `p` (at most 255), for the scan's randomness
/// test, packed: digits in bits 0–7, letters in 8–15, 1 in bit 16 if a byte is neither a
/// digit nor a hex letter, the classes present in 24–27 (1 digit, 2 upper case, 4 lower case,
/// 8 anything else) and in 32–39 how often the class changes from one byte to the next.
/// Sixteen bytes a step; a byte at a time these cost sixteen instructions a byte.
static inline uint64_t sr_class_stats_scalar(const uint8_t *p, long count) {
    uint64_t digits = 0, letters = 0, nonHex = 0, transitions = 0;
    unsigned classes = 0, previous = 0;
    for (long k = 0; k < count; k++) {
        uint8_t c = p[k];
        unsigned cls = (uint8_t)(c - '0') < 10 ? 1 : (uint8_t)(c - 'A') < 26 ? 2 : (uint8_t)(c - 'a') < 26 ? 4 : 8;
        digits += cls == 1;
        letters += cls == 2 || cls == 4;
        nonHex |= cls != 1 && (uint8_t)((c | 0x20) - 'a') >= 6;
        transitions += k > 0 && cls != previous;
        classes |= cls;
        previous = cls;
    }
    return digits | letters << 8 | nonHex << 16 | (uint64_t)classes << 24 | transitions << 32;
}

#if defined(__SSE2__)
static inline uint64_t sr_class_stats(const uint8_t *p, long count) {
    if (count < 16 || count > 255) return sr_class_stats_scalar(p, count);
    // Lanes below `from` of a block were counted in the block before (the last block is the
    // sixteen that end the range, overlapping it).
    static const uint8_t keepFrom[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    const __m128i zero = _mm_setzero_si128();
    __m128i digits = zero, letters = zero, same = zero, anyCode = zero;
    __m128i allDigitOrHex = _mm_set1_epi8(-1), previousCode = zero;
    long k = 0;
    for (;;) {
        int last = k + 16 > count;
        long at = last ? count - 16 : k;
        __m128i keep = _mm_loadu_si128((const __m128i *)(keepFrom + 16 - (k - at)));
        __m128i v = _mm_loadu_si128((const __m128i *)(p + at));
        __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
        __m128i isD = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
        __m128i u = _mm_sub_epi8(v, _mm_set1_epi8('A'));
        __m128i isU = _mm_cmpeq_epi8(_mm_min_epu8(u, _mm_set1_epi8(25)), u);
        __m128i l = _mm_sub_epi8(v, _mm_set1_epi8('a'));
        __m128i isL = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(25)), l);
        __m128i h = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
        __m128i isH = _mm_cmpeq_epi8(_mm_min_epu8(h, _mm_set1_epi8(5)), h);
        __m128i isO = _mm_andnot_si128(_mm_or_si128(_mm_or_si128(isD, isU), isL), _mm_set1_epi8(-1));
        // One code per lane (its class bit), and the lane before's: from this block, or for
        // lane 0 the last lane of the block before (the first lane of all compares equal).
        __m128i code = _mm_or_si128(_mm_or_si128(_mm_and_si128(isD, _mm_set1_epi8(1)), _mm_and_si128(isU, _mm_set1_epi8(2))),
                                    _mm_or_si128(_mm_and_si128(isL, _mm_set1_epi8(4)), _mm_and_si128(isO, _mm_set1_epi8(8))));
        __m128i before = k == 0 ? _mm_or_si128(_mm_slli_si128(code, 1), _mm_and_si128(code, _mm_cvtsi32_si128(0xFF)))
            : last ? _mm_slli_si128(code, 1) : _mm_or_si128(_mm_slli_si128(code, 1), _mm_srli_si128(previousCode, 15));
        previousCode = code;
        // Counters count down by -1 per lane; at most 255 / 16 blocks, so no lane overflows.
        digits = _mm_sub_epi8(digits, _mm_and_si128(isD, keep));
        letters = _mm_sub_epi8(letters, _mm_and_si128(_mm_or_si128(isU, isL), keep));
        same = _mm_sub_epi8(same, _mm_and_si128(_mm_cmpeq_epi8(code, before), keep));
        anyCode = _mm_or_si128(anyCode, _mm_and_si128(code, keep));
        allDigitOrHex = _mm_and_si128(allDigitOrHex, _mm_or_si128(_mm_or_si128(isD, isH), _mm_andnot_si128(keep, _mm_set1_epi8(-1))));
        k += 16;
        if (last || k == count) break;
    }
    // Lane sums: two partial sums of eight lanes each.
    __m128i sd = _mm_sad_epu8(digits, zero), sl = _mm_sad_epu8(letters, zero), ss = _mm_sad_epu8(same, zero);
    uint64_t nd = (uint64_t)_mm_cvtsi128_si32(sd) + (uint64_t)_mm_extract_epi16(sd, 4);
    uint64_t nl = (uint64_t)_mm_cvtsi128_si32(sl) + (uint64_t)_mm_extract_epi16(sl, 4);
    uint64_t nsame = (uint64_t)_mm_cvtsi128_si32(ss) + (uint64_t)_mm_extract_epi16(ss, 4);
    uint64_t nonHex = _mm_movemask_epi8(allDigitOrHex) != 0xFFFF ? 1 : 0;
    // The classes seen: the lanes' codes ORed into lane 0 (one accumulator, not one a class).
    anyCode = _mm_or_si128(anyCode, _mm_srli_si128(anyCode, 8));
    anyCode = _mm_or_si128(anyCode, _mm_srli_si128(anyCode, 4));
    anyCode = _mm_or_si128(anyCode, _mm_srli_si128(anyCode, 2));
    anyCode = _mm_or_si128(anyCode, _mm_srli_si128(anyCode, 1));
    unsigned classes = (unsigned)_mm_cvtsi128_si32(anyCode) & 0xF;
    return nd | nl << 8 | nonHex << 16 | (uint64_t)classes << 24 | ((uint64_t)count - nsame) << 32;
}
#else
static inline uint64_t sr_class_stats(const uint8_t *p, long count) { return sr_class_stats_scalar(p, count); }
#endif

/// How many different bytes the `count` bytes at `p` hold, bytes from 64 up told apart by
/// their low six bits only (tokens are ASCII, and 64–127 are the letters): the randomness
/// test's last count.
static inline long sr_distinct_bytes_scalar(const uint8_t *p, long count) {
    uint64_t low = 0, high = 0;
    for (long k = 0; k < count; k++) {
        if (p[k] < 64) low |= 1ull << p[k]; else high |= 1ull << (p[k] & 63);
    }
    return __builtin_popcountll(low) + __builtin_popcountll(high);
}

#if defined(__SSE2__)
/// `sr_distinct_bytes_scalar` by a table of the 256 byte values, set with one store a byte
/// and summed sixteen lanes a step: the bitmap's `c < 64` test is a branch that random
/// tokens, digits and letters mixed, mispredict at every other byte, and it cost five
/// instructions a byte.
static inline long sr_distinct_bytes(const uint8_t *p, long count) {
    _Alignas(16) uint8_t seen[256];
    const __m128i zero = _mm_setzero_si128();
    for (int k = 0; k < 256; k += 16) _mm_store_si128((__m128i *)(seen + k), zero);
    for (long k = 0; k < count; k++) seen[p[k]] = 1;
    // Lanes hold 0 or 1: the four of 0–63 summed, and the three that share low six bits
    // from 64 up ORed then summed, stay far below 256.
    __m128i sum = zero;
    for (int k = 0; k < 64; k += 16) {
        __m128i folded = _mm_or_si128(_mm_load_si128((const __m128i *)(seen + 64 + k)),
                                      _mm_or_si128(_mm_load_si128((const __m128i *)(seen + 128 + k)),
                                                   _mm_load_si128((const __m128i *)(seen + 192 + k))));
        sum = _mm_add_epi8(sum, _mm_add_epi8(_mm_load_si128((const __m128i *)(seen + k)), folded));
    }
    __m128i total = _mm_sad_epu8(sum, zero);
    return (long)_mm_cvtsi128_si32(total) + (long)_mm_extract_epi16(total, 4);
}
#else
static inline long sr_distinct_bytes(const uint8_t *p, long count) { return sr_distinct_bytes_scalar(p, count); }
#endif

/// Whether the `count` bytes at `p` are all ASCII (no byte with its high bit set): eight
/// bytes a step.
static inline int sr_is_ascii_scalar(const uint8_t *p, long count) {
    uint64_t seen = 0;
    long k = 0;
    for (; k + 8 <= count; k += 8) {
        uint64_t word;
        memcpy(&word, p + k, 8);
        seen |= word;
    }
    for (; k < count; k++) seen |= p[k];
    return (seen & 0x8080808080808080ull) == 0;
}

#if defined(__SSE2__)
/// `sr_is_ascii_scalar`, sixty-four bytes a step and the last few by one load of the sixteen
/// that end the range (bytes seen twice change nothing).
static inline int sr_is_ascii(const uint8_t *p, long count) {
    if (count < 16) return sr_is_ascii_scalar(p, count);
    __m128i seen = _mm_setzero_si128();
    long k = 0;
    for (; k + 64 <= count; k += 64) {
        __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(p + k)), _mm_loadu_si128((const __m128i *)(p + k + 16)));
        __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(p + k + 32)), _mm_loadu_si128((const __m128i *)(p + k + 48)));
        seen = _mm_or_si128(seen, _mm_or_si128(a, b));
    }
    for (; k + 16 <= count; k += 16) seen = _mm_or_si128(seen, _mm_loadu_si128((const __m128i *)(p + k)));
    if (k < count) seen = _mm_or_si128(seen, _mm_loadu_si128((const __m128i *)(p + count - 16)));
    return _mm_movemask_epi8(seen) == 0;
}
#else
static inline int sr_is_ascii(const uint8_t *p, long count) { return sr_is_ascii_scalar(p, count); }
#endif

#endif

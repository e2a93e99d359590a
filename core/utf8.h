/* SPDX-License-Identifier: MIT */
/*
 * The one UTF-8 decoder.  Strict: only the well-formed sequences of the
 * Unicode standard (table 3-7, as RFC 3629): no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated
 * sequence, no stray continuation byte.
 *
 * What each caller does with what is not well formed:
 *   core/conf_lines.c  refuses the file, naming the line and column;
 *   efi/fw/file.c      refuses the path (UEFI paths are UCS-2, so it also
 *                      refuses characters above U+FFFF);
 *   efi/fw/console.c   prints one '?' for each ill-formed part (and for
 *                      characters above U+FFFF, which the console cannot
 *                      show): a message is never lost for a bad byte in it.
 */
#ifndef CHAINLOAD_UTF8_H
#define CHAINLOAD_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* *ret_cp of an ill-formed sequence: no code point is this large. */
#define UTF8_INVALID 0xffffffffu
/* The longest sequence; as `n` it is safe for any NUL-terminated text. */
#define UTF8_MAX_LEN 4

/*
 * Decodes the sequence at s[0..n).  Returns the bytes it takes:
 *  - well formed: its length, 1 to 4, with the code point in *ret_cp;
 *  - ill formed: the length of its maximal ill-formed part (1 to 3 bytes:
 *    the longest start of a well-formed sequence, or the one bad byte, what
 *    Unicode replaces by one U+FFFD), with *ret_cp = UTF8_INVALID;
 *  - 0 when n is 0.
 * Reads s[k] only for k < n, and only when s[0..k) may begin a well-formed
 * sequence, so a NUL (never a continuation byte) ends every read.
 */
size_t utf8_decode(const uint8_t *s, size_t n, uint32_t *ret_cp);

/*
 * The NUL-terminated UTF-8 string `s` as UCS-2 (what UEFI's CHAR16 strings
 * hold) into out[0..cap), NUL included: returns the units written with the
 * NUL; 0 when `s` is not well-formed or has a character above U+FFFF;
 * UTF8_TOO_LONG when it does not fit.
 */
#define UTF8_TOO_LONG ((size_t)-1)
size_t utf8_to_ucs2(const char *s, uint16_t *out, size_t cap);

#endif /* CHAINLOAD_UTF8_H */

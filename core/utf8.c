/* SPDX-License-Identifier: MIT */
#include "utf8.h"

#include <stdbool.h>

/*
 * The lead byte fixes the length and the payload bits, and for four leads
 * narrows the second byte's range: E0 (no overlong 3-byte form), ED (no
 * surrogates), F0 (no overlong 4-byte form), F4 (nothing above U+10FFFF).
 */
static bool lead(uint8_t b, size_t *ret_len, uint32_t *ret_bits, uint8_t *ret_lo, uint8_t *ret_hi)
{
	*ret_lo = 0x80;
	*ret_hi = 0xbf;
	if (b >= 0xc2 && b <= 0xdf) {
		*ret_len = 2;
		*ret_bits = b & 0x1f;
	} else if (b >= 0xe0 && b <= 0xef) {
		*ret_len = 3;
		*ret_bits = b & 0x0f;
		if (b == 0xe0)
			*ret_lo = 0xa0;
		if (b == 0xed)
			*ret_hi = 0x9f;
	} else if (b >= 0xf0 && b <= 0xf4) {
		*ret_len = 4;
		*ret_bits = b & 0x07;
		if (b == 0xf0)
			*ret_lo = 0x90;
		if (b == 0xf4)
			*ret_hi = 0x8f;
	} else {
		return false; /* 80..C1 (continuations, overlong leads), F5..FF */
	}
	return true;
}

size_t utf8_decode(const uint8_t *s, size_t n, uint32_t *ret_cp)
{
	uint32_t cp;
	uint8_t lo, hi;
	size_t len;

	*ret_cp = UTF8_INVALID;
	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*ret_cp = s[0];
		return 1;
	}
	if (!lead(s[0], &len, &cp, &lo, &hi))
		return 1;
	for (size_t k = 1; k < len; k++) {
		if (k == n || s[k] < lo || s[k] > hi)
			return k; /* s[0..k) is the ill-formed part */
		cp = cp << 6 | (s[k] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*ret_cp = cp;
	return len;
}

size_t utf8_to_ucs2(const char *s, uint16_t *out, size_t cap)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = 0;

	while (*p) {
		uint32_t c;

		p += utf8_decode(p, UTF8_MAX_LEN, &c);
		if (c == UTF8_INVALID || c > 0xffff)
			return 0;
		if (n + 1 >= cap)
			return UTF8_TOO_LONG;
		out[n++] = (uint16_t)c;
	}
	if (!cap)
		return UTF8_TOO_LONG;
	out[n] = 0;
	return n + 1;
}

/* SPDX-License-Identifier: MIT */
/*
 * The UTF-8 decoder (core/utf8.c) over arbitrary bytes, walked sequence by
 * sequence as its callers walk text.  Each step is judged by an oracle
 * written from the definition rather than from table 3-7: a sequence is
 * well formed when it is the shortest encoding of a scalar value, and an
 * ill-formed part is the longest start of one.  The bytes are walked twice:
 * bounded by their count in a buffer of exactly that size, and as
 * NUL-terminated text with n = UTF8_MAX_LEN (efi/fw/console.c, file.c), which
 * must give the same steps and read nothing past the NUL (ASan sees it).
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "utf8.h"

/* The sequence length a lead byte announces by its high bits; 0 if none. */
static size_t announced(uint8_t b)
{
	if (b < 0x80)
		return 1;
	if ((b & 0xe0) == 0xc0)
		return 2;
	if ((b & 0xf0) == 0xe0)
		return 3;
	if ((b & 0xf8) == 0xf0)
		return 4;
	return 0;
}

/* Is s[0..k) the start of the shortest encoding of some scalar value? */
static bool starts_scalar(const uint8_t *s, size_t k)
{
	static const uint32_t lo[] = { 0, 0, 0x80, 0x800, 0x10000 };
	static const uint32_t hi[] = { 0, 0x7f, 0x7ff, 0xffff, 0x10ffff };
	size_t len = announced(s[0]);
	uint32_t v, min, max, a, b;
	unsigned rest;

	if (!len || k > len)
		return false;
	if (len == 1)
		return true;
	v = s[0] & (0x7f >> len);
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return false;
		v = v << 6 | (s[i] & 0x3f);
	}
	/* The values the rest could make: [min, max]; some must be in range. */
	rest = 6 * (unsigned)(len - k);
	min = v << rest;
	max = min | ((1u << rest) - 1);
	a = min > lo[len] ? min : lo[len];
	b = max < hi[len] ? max : hi[len];
	if (a > b)
		return false;
	return len != 3 || a < 0xd800 || b > 0xdfff; /* not only surrogates */
}

static size_t encode(uint32_t cp, uint8_t *o)
{
	size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	static const uint8_t leads[] = { 0, 0, 0xc0, 0xe0, 0xf0 };

	for (size_t k = len; k-- > 1; cp >>= 6)
		o[k] = (uint8_t)(0x80 | (cp & 0x3f));
	o[0] = (uint8_t)(len == 1 ? cp : (leads[len] | cp));
	return len;
}

static void check_step(const uint8_t *s, size_t left, size_t len, uint32_t cp)
{
	size_t whole = announced(s[0]);

	CHECK(len >= 1 && len <= UTF8_MAX_LEN && len <= left, "took %zu of %zu bytes", len, left);
	if (cp != UTF8_INVALID) {
		uint8_t b[4];

		CHECK(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff), "U+%X", (unsigned)cp);
		CHECK(encode(cp, b) == len && !memcmp(b, s, len), "U+%X is not its shortest form",
		      (unsigned)cp);
		return;
	}
	CHECK(len == 1 || starts_scalar(s, len), "ill-formed part of %zu bytes", len);
	CHECK(!(len == whole && starts_scalar(s, len)), "a well-formed sequence refused");
	CHECK(len == left || !starts_scalar(s, len + 1), "ill-formed part of %zu is too short",
	      len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *exact = malloc(size ? size : 1), *text = malloc(size + 1);
	size_t text_len;

	memcpy(exact, data, size);
	memcpy(text, data, size);
	text[size] = 0;
	text_len = strlen((const char *)text);
	for (size_t off = 0; off < size;) {
		uint32_t cp, text_cp;
		size_t len = utf8_decode(exact + off, size - off, &cp);

		check_step(exact + off, size - off, len, cp);
		/* The same step on NUL-terminated text, up to its NUL. */
		if (off < text_len)
			CHECK(utf8_decode(text + off, UTF8_MAX_LEN, &text_cp) == len &&
				      text_cp == cp,
			      "the NUL-terminated walk differs at byte %zu", off);
		off += len;
	}
	CHECK(utf8_decode(exact, 0, &(uint32_t){ 0 }) == 0, "n = 0 took bytes");
	free(exact);
	free(text);
	return 0;
}

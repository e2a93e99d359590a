/* SPDX-License-Identifier: MIT */
/*
 * The UTF-8 decoder (core/utf8.c): a table of sequences with the length and
 * code point each must give (the edges of every range of the Unicode
 * standard's table 3-7, and each way a sequence can be ill formed), then
 * every scalar value through an encoder written here, and the overlong and
 * surrogate forms of every value that has them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"

#define BAD UTF8_INVALID

struct utf8_case {
	const char *name;
	uint8_t bytes[5];
	size_t n;   /* bytes given to the decoder */
	size_t len; /* bytes it must take */
	uint32_t cp;
};

static const struct utf8_case cases[] = {
	{ "nothing", { 0 }, 0, 0, BAD },
	{ "NUL", { 0x00 }, 1, 1, 0 },
	{ "ASCII", { 'A', 'B' }, 2, 1, 'A' },
	{ "DEL", { 0x7f }, 1, 1, 0x7f },
	{ "first 2-byte", { 0xc2, 0x80 }, 2, 2, 0x80 },
	{ "e acute", { 0xc3, 0xa9, 'x' }, 3, 2, 0xe9 },
	{ "last 2-byte", { 0xdf, 0xbf }, 2, 2, 0x7ff },
	{ "first 3-byte", { 0xe0, 0xa0, 0x80 }, 3, 3, 0x800 },
	{ "euro sign", { 0xe2, 0x82, 0xac }, 3, 3, 0x20ac },
	{ "last before the surrogates", { 0xed, 0x9f, 0xbf }, 3, 3, 0xd7ff },
	{ "first after the surrogates", { 0xee, 0x80, 0x80 }, 3, 3, 0xe000 },
	{ "last 3-byte", { 0xef, 0xbf, 0xbf }, 3, 3, 0xffff },
	{ "first 4-byte", { 0xf0, 0x90, 0x80, 0x80 }, 4, 4, 0x10000 },
	{ "grinning face", { 0xf0, 0x9f, 0x98, 0x80 }, 4, 4, 0x1f600 },
	{ "F1 lead", { 0xf1, 0x80, 0x80, 0x80 }, 4, 4, 0x40000 },
	{ "last code point", { 0xf4, 0x8f, 0xbf, 0xbf }, 4, 4, 0x10ffff },

	{ "stray continuation 80", { 0x80 }, 1, 1, BAD },
	{ "stray continuation BF", { 0xbf, 0x80 }, 2, 1, BAD },
	{ "overlong lead C0", { 0xc0, 0x80 }, 2, 1, BAD },
	{ "overlong lead C1", { 0xc1, 0xbf }, 2, 1, BAD },
	{ "overlong 3-byte", { 0xe0, 0x80, 0x80 }, 3, 1, BAD },
	{ "overlong 3-byte, top", { 0xe0, 0x9f, 0xbf }, 3, 1, BAD },
	{ "first surrogate", { 0xed, 0xa0, 0x80 }, 3, 1, BAD },
	{ "last surrogate", { 0xed, 0xbf, 0xbf }, 3, 1, BAD },
	{ "overlong 4-byte", { 0xf0, 0x80, 0x80, 0x80 }, 4, 1, BAD },
	{ "overlong 4-byte, top", { 0xf0, 0x8f, 0xbf, 0xbf }, 4, 1, BAD },
	{ "above U+10FFFF", { 0xf4, 0x90, 0x80, 0x80 }, 4, 1, BAD },
	{ "lead F5", { 0xf5, 0x80, 0x80, 0x80 }, 4, 1, BAD },
	{ "lead FF", { 0xff }, 1, 1, BAD },
	{ "5-byte lead F8", { 0xf8, 0x88, 0x80, 0x80, 0x80 }, 5, 1, BAD },

	/* Truncated: the part that could have begun a sequence, then what follows. */
	{ "2-byte cut by the end", { 0xc2 }, 1, 1, BAD },
	{ "2-byte cut by ASCII", { 0xc2, 'A' }, 2, 1, BAD },
	{ "3-byte cut after 1", { 0xe1 }, 1, 1, BAD },
	{ "3-byte cut after 2", { 0xe1, 0x80 }, 2, 2, BAD },
	{ "3-byte cut by ASCII", { 0xe1, 0x80, 'A' }, 3, 2, BAD },
	{ "3-byte cut by a NUL", { 0xe2, 0x82, 0x00 }, 3, 2, BAD },
	{ "4-byte cut after 3", { 0xf1, 0x80, 0x80 }, 3, 3, BAD },
	{ "4-byte cut by a new lead", { 0xf1, 0x80, 0x80, 0xc3, 0xa9 }, 5, 3, BAD },
	{ "E0 then a cut", { 0xe0, 0xa0 }, 2, 2, BAD },
	{ "F4 then a cut", { 0xf4, 0x8f, 0xbf }, 3, 3, BAD },
	/* n bounds the read even where the buffer goes on. */
	{ "n cuts a whole sequence", { 0xe2, 0x82, 0xac }, 2, 2, BAD },
};

static void test_table(void **state)
{
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct utf8_case *c = &cases[i];
		uint32_t cp = 0x12345;
		size_t len = utf8_decode(c->bytes, c->n, &cp);

		if (len != c->len || cp != c->cp) {
			print_error("%s: %zu bytes, U+%04x; expected %zu bytes, U+%04x\n", c->name,
				    len, (unsigned)cp, c->len, (unsigned)c->cp);
			failed++;
		}
	}
	if (failed)
		fail_msg("%zu of %zu cases failed", failed, sizeof(cases) / sizeof(cases[0]));
}

/* The shortest form of cp, written from the definition of UTF-8. */
static size_t encode(uint32_t cp, uint8_t *o)
{
	if (cp < 0x80) {
		o[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (uint8_t)(0xc0 | cp >> 6);
		o[1] = (uint8_t)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (uint8_t)(0xe0 | cp >> 12);
		o[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (uint8_t)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (uint8_t)(0xf0 | cp >> 18);
	o[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (uint8_t)(0x80 | (cp & 0x3f));
	return 4;
}

/* The `len`-byte form of cp, overlong when len is more than it needs. */
static void encode_as(uint32_t cp, size_t len, uint8_t *o)
{
	static const uint8_t leads[] = { 0, 0, 0xc0, 0xe0, 0xf0 };

	for (size_t k = len; k-- > 1; cp >>= 6)
		o[k] = (uint8_t)(0x80 | (cp & 0x3f));
	o[0] = (uint8_t)(leads[len] | cp);
}

/* Every scalar value decodes from its shortest form, and only from it. */
static void test_every_code_point(void **state)
{
	(void)state;
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		uint8_t b[4];
		size_t n = encode(cp, b);
		uint32_t got;
		size_t len = utf8_decode(b, n, &got);

		if (cp >= 0xd800 && cp <= 0xdfff) {
			if (len != 1 || got != BAD)
				fail_msg("surrogate U+%04X: %zu bytes, U+%04X", (unsigned)cp, len,
					 (unsigned)got);
			continue;
		}
		if (len != n || got != cp)
			fail_msg("U+%04X: %zu of %zu bytes, U+%04X", (unsigned)cp, len, n,
				 (unsigned)got);
		/* Every longer form is overlong: only its lead byte is taken. */
		for (size_t longer = n + 1; longer <= 4; longer++) {
			encode_as(cp, longer, b);
			len = utf8_decode(b, longer, &got);
			if (len != 1 || got != BAD)
				fail_msg("U+%04X in %zu bytes: %zu bytes, U+%04X", (unsigned)cp,
					 longer, len, (unsigned)got);
		}
	}
}

/* Past U+10FFFF, what a 4-byte lead can still express, is refused at its lead. */
static void test_above_unicode(void **state)
{
	(void)state;
	for (uint32_t cp = 0x110000; cp < 0x200000; cp += 0x3ff) {
		uint8_t b[4];
		uint32_t got;

		encode_as(cp, 4, b);
		assert_int_equal(utf8_decode(b, 4, &got), 1);
		assert_int_equal(got, BAD);
	}
}

/* A string walked sequence by sequence: every byte is taken exactly once. */
static void test_walk(void **state)
{
	const uint8_t s[] = "a\xc3\xa9\xe0\x80z\xed\xa0\x80\xf0\x9f\x98\x80\xe2\x82";
	const size_t want_len[] = { 1, 2, 1, 1, 1, 1, 1, 1, 4, 2 };
	const uint32_t want_cp[] = { 'a', 0xe9, BAD, BAD, 'z', BAD, BAD, BAD, 0x1f600, BAD };
	size_t off = 0, i = 0;

	(void)state;
	while (off < sizeof(s) - 1) {
		uint32_t cp;
		size_t len = utf8_decode(s + off, sizeof(s) - 1 - off, &cp);

		assert_true(i < sizeof(want_len) / sizeof(want_len[0]));
		assert_int_equal(len, want_len[i]);
		assert_int_equal(cp, want_cp[i]);
		off += len;
		i++;
	}
	assert_int_equal(i, sizeof(want_len) / sizeof(want_len[0]));
}

/* UTF-8 to UCS-2, for UEFI strings: units with the NUL, 0 or UTF8_TOO_LONG. */
static void test_to_ucs2(void **state)
{
	uint16_t out[4];

	(void)state;
	assert_int_equal(utf8_to_ucs2("a\xc3\xa9\xe2\x82\xac", out, 4), 4);
	assert_int_equal(out[0], 'a');
	assert_int_equal(out[1], 0xe9);
	assert_int_equal(out[2], 0x20ac);
	assert_int_equal(out[3], 0);
	assert_int_equal(utf8_to_ucs2("", out, 1), 1);
	assert_int_equal(out[0], 0);
	/* No room: for a character, or for the NUL. */
	assert_int_equal(utf8_to_ucs2("abcd", out, 4), UTF8_TOO_LONG);
	assert_int_equal(utf8_to_ucs2("", out, 0), UTF8_TOO_LONG);
	/* Not UTF-8, and a character UCS-2 cannot hold. */
	assert_int_equal(utf8_to_ucs2("a\xff", out, 4), 0);
	assert_int_equal(utf8_to_ucs2("\xf0\x9f\x98\x80", out, 4), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),	      cmocka_unit_test(test_every_code_point),
		cmocka_unit_test(test_above_unicode), cmocka_unit_test(test_walk),
		cmocka_unit_test(test_to_ucs2),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}

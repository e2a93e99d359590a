/* SPDX-License-Identifier: MIT */
/* UTF-16 to UTF-8: each encoding length at its boundaries, surrogates, bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "status_name.h"
#include "utf16.h"

struct conv_case {
	uint16_t in[4];
	size_t units;
	const char *out; /* NULL: rejected as not text */
};

static const struct conv_case cases[] = {
	{ { 0x0041 }, 1, "A" },
	{ { 0x007f }, 1, "\x7f" },
	{ { 0x0080 }, 1, "\xc2\x80" },
	{ { 0x07ff }, 1, "\xdf\xbf" },
	{ { 0x0800 }, 1, "\xe0\xa0\x80" },
	{ { 0xd7ff }, 1, "\xed\x9f\xbf" },
	{ { 0xe000 }, 1, "\xee\x80\x80" },
	{ { 0xffff }, 1, "\xef\xbf\xbf" },
	{ { 0xd800, 0xdc00 }, 2, "\xf0\x90\x80\x80" }, /* U+10000 */
	{ { 0xdbff, 0xdfff }, 2, "\xf4\x8f\xbf\xbf" }, /* U+10FFFF */
	{ { 0xd83d, 0xde00, 0x0021 }, 3, "\xf0\x9f\x98\x80!" },
	{ { 0x0061, 0x0000, 0x0062 }, 3, "a" }, /* stops at NUL */
	{ { 0x0061, 0x0062 }, 1, "a" },		/* stops at `units` */
	{ { 0 }, 0, "" },
	{ { 0xdc00 }, 1, NULL },		 /* low surrogate alone */
	{ { 0xd800 }, 1, NULL },		 /* high at the end */
	{ { 0xd800, 0xdc00 }, 1, NULL },	 /* pair cut by `units` */
	{ { 0xd800, 0x0041 }, 2, NULL },	 /* high, then no low */
	{ { 0xd800, 0xd800, 0xdc00 }, 3, NULL }, /* high, high */
	{ { 0xd800, 0x0000 }, 2, NULL },	 /* high, then NUL */
};

static void test_conversions(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[16];
		size_t len = 99;
		struct diag d;
		int rc = utf16_to_utf8(cases[i].in, cases[i].units, out, sizeof(out), &len, &d);

		if (!cases[i].out) {
			if (rc != CL_E_OPTIONS_NOT_TEXT)
				fail_msg("case %zu: %s, expected rejection", i, cl_status_name(rc));
			assert_int_equal(len, 99); /* untouched on failure */
			continue;
		}
		if (rc)
			fail_msg("case %zu: %s: %s", i, cl_status_name(rc), d.msg);
		assert_string_equal(out, cases[i].out);
		assert_int_equal(len, strlen(cases[i].out));
	}
}

/* The output buffer must hold every byte plus the NUL, and no more is written. */
static void test_capacity(void **state)
{
	const uint16_t in[] = { 'a', 0x00e9, 0x20ac }; /* 1 + 2 + 3 bytes */
	char out[8];
	size_t len;
	struct diag d;

	(void)state;
	memset(out, 'z', sizeof(out));
	assert_int_equal(utf16_to_utf8(in, 3, out, 7, &len, &d), CL_OK);
	assert_int_equal(len, 6);
	assert_memory_equal(out, "a\xc3\xa9\xe2\x82\xac\0z", 8);
	memset(out, 'z', sizeof(out));
	assert_int_equal(utf16_to_utf8(in, 3, out, 6, &len, &d), CL_E_TOO_MANY);
	assert_int_equal(out[6], 'z');
	assert_int_equal(utf16_to_utf8(in, 1, out, 1, &len, &d), CL_E_TOO_MANY);
	assert_int_equal(utf16_to_utf8(in, 0, out, 1, &len, &d), CL_OK);
	assert_int_equal(len, 0);
	assert_int_equal(out[0], 0);
	assert_int_equal(utf16_to_utf8(in, 0, out, 0, &len, &d), CL_E_TOO_MANY);
	assert_int_equal(utf16_to_utf8(in, 1, NULL, 0, &len, &d), CL_E_TOO_MANY);
}

/* The bound covers the worst case: every unit a 3-byte character. */
static void test_bound(void **state)
{
	uint16_t in[64];
	char out[3 * 64 + 1];
	size_t len;
	struct diag d;

	(void)state;
	assert_int_equal(utf16_utf8_bound(0), 1);
	assert_int_equal(utf16_utf8_bound(64), sizeof(out));
	for (int i = 0; i < 64; i++)
		in[i] = 0xffff;
	assert_int_equal(utf16_to_utf8(in, 64, out, utf16_utf8_bound(64), &len, &d), CL_OK);
	assert_int_equal(len, 3 * 64);
	for (int i = 0; i < 64; i += 2) {
		in[i] = 0xdbff;
		in[i + 1] = 0xdfff;
	}
	assert_int_equal(utf16_to_utf8(in, 64, out, utf16_utf8_bound(64), &len, &d), CL_OK);
	assert_int_equal(len, 4 * 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_bound),
	};

	return cmocka_run_group_tests_name("utf16", tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/* The bounded formatter behind every message, and the status names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fmt.h"
#include "status.h"
#include "status_name.h"

static char buf[64];

/* fmt_format without its printf attribute, for formats the compiler would refuse. */
static size_t unchecked(char *b, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vformat(b, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_conversions(void **state)
{
	(void)state;
	fmt_format(buf, sizeof(buf), "%s|%c|%d|%u|%x", "ab", 'z', -42, 42u, 0xbeefu);
	assert_string_equal(buf, "ab|z|-42|42|beef");
	fmt_format(buf, sizeof(buf), "%lld %llu %llx", -9223372036854775807ll - 1,
		   18446744073709551615ull, 0xffffffffffffffffull);
	assert_string_equal(buf, "-9223372036854775808 18446744073709551615 ffffffffffffffff");
	fmt_format(buf, sizeof(buf), "%zu %ld %lu", (size_t)123, -5l, 6ul);
	assert_string_equal(buf, "123 -5 6");
	fmt_format(buf, sizeof(buf), "[%5s][%-5s][%05u][%4x][%2d]", "ab", "cd", 42u, 0xau, 123);
	assert_string_equal(buf, "[   ab][cd   ][00042][   a][123]");
	unchecked(buf, sizeof(buf), "%d %d %s", 0, 2147483647, (const char *)NULL);
	assert_string_equal(buf, "0 2147483647 (null)");
	unchecked(buf, sizeof(buf), "100%% %q"); /* unknown conversions show as is */
	assert_string_equal(buf, "100% %q");
	unchecked(buf, sizeof(buf), "end%");
	assert_string_equal(buf, "end%");
}

static void test_truncation(void **state)
{
	size_t n;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	n = fmt_format(buf, 8, "0123456789%u", 42u);
	assert_int_equal(n, 7);
	assert_string_equal(buf, "0123456");
	assert_int_equal(buf[8], 'x');
	n = fmt_format(buf, 1, "abc");
	assert_int_equal(n, 0);
	assert_int_equal(buf[0], 0);
	buf[0] = 'q';
	n = fmt_format(buf, 0, "abc"); /* no room even for the NUL: untouched */
	assert_int_equal(n, 0);
	assert_int_equal(buf[0], 'q');
}

/* A sink for fmt_vstream that keeps everything, and counts the calls. */
struct collected {
	char text[4096];
	size_t len;
	size_t calls;
};

static void collect(void *ctx, const char *p, size_t n)
{
	struct collected *c = ctx;

	assert_true(n > 0);
	assert_true(c->len + n < sizeof(c->text));
	memcpy(c->text + c->len, p, n);
	c->len += n;
	c->text[c->len] = '\0';
	c->calls++;
}

static size_t streamed(struct collected *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static size_t streamed(struct collected *c, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	memset(c, 0, sizeof(*c));
	va_start(ap, fmt);
	n = fmt_vstream(collect, c, fmt, ap);
	va_end(ap);
	return n;
}

static void test_stream(void **state)
{
	char path[701], want[800];
	struct collected c;
	size_t n;

	(void)state;
	/* An error line around a path longer than any line buffer, whole. */
	memset(path, 'p', sizeof(path) - 1);
	path[0] = '\\';
	path[sizeof(path) - 1] = '\0';
	n = streamed(&c, "chainload: error: %s: %s (%s)\n", path, "cannot open file",
		     "EFI_NOT_FOUND");
	snprintf(want, sizeof(want), "chainload: error: %s: cannot open file (EFI_NOT_FOUND)\n",
		 path);
	assert_int_equal(n, strlen(want));
	assert_int_equal(c.len, n);
	assert_string_equal(c.text, want);
	/* A %s argument arrives in one piece. */
	n = streamed(&c, "%s", path);
	assert_int_equal(n, 700);
	assert_int_equal(c.calls, 1);
	/* Every conversion streams the bytes fmt_format writes. */
	streamed(&c, "[%5s][%-5s][%05u][%4x][%2d] %lld %zu %c 100%%", "ab", "cd", 42u, 0xau, 123,
		 -9223372036854775807ll - 1, (size_t)7, 'z');
	assert_string_equal(c.text,
			    "[   ab][cd   ][00042][   a][123] -9223372036854775808 7 z 100%");
	assert_int_equal(streamed(&c, "%s", ""), 0);
	assert_int_equal(c.calls, 0);
}

static void test_diag_and_names(void **state)
{
	struct diag d;

	(void)state;
	assert_int_equal(diag_set(&d, CL_E_USAGE, "no %s", "kernel"), CL_E_USAGE);
	assert_string_equal(d.msg, "no kernel");
	assert_int_equal(diag_set(NULL, CL_E_INTERNAL, "ignored"), CL_E_INTERNAL);
	/* A message longer than the buffer is cut, still terminated. */
	diag_set(&d, CL_E_USAGE, "%0300u", 1u);
	assert_int_equal(strlen(d.msg), sizeof(d.msg) - 1);
	assert_string_equal(cl_status_name(CL_OK), "CL_OK");
	assert_string_equal(cl_status_name(CL_E_INTERNAL), "CL_E_INTERNAL");
	assert_string_equal(cl_status_name(-1), "CL_E_UNKNOWN");
	assert_string_equal(cl_status_name(CL_STATUS_COUNT), "CL_E_UNKNOWN");
	/* Every status has its own name. */
	for (int i = 0; i < CL_STATUS_COUNT; i++) {
		assert_non_null(cl_status_name(i));
		assert_memory_equal(cl_status_name(i), "CL_", 3);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(cl_status_name(i), cl_status_name(j));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_diag_and_names),
	};

	return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}

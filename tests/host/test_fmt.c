/* SPDX-License-Identifier: MIT */
/* The bounded formatter behind every message, and the status names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
	unchecked(buf, sizeof(buf), "100%% %q");	/* unknown conversions show as is */
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
	n = fmt_format(buf, 0, "abc");	/* no room even for the NUL: untouched */
	assert_int_equal(n, 0);
	assert_int_equal(buf[0], 'q');
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
		cmocka_unit_test(test_diag_and_names),
	};

	return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}

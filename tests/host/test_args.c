/* SPDX-License-Identifier: MIT */
/* Argument parsing and raw LoadOptions decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "args.h"
#include "loadopts.h"

static char buf[256];

static int parse(int argc, char *const *argv, struct boot_args *a)
{
	struct diag d;

	return args_parse(argc, argv, buf, sizeof(buf), a, &d);
}

static void test_kernel_and_cmdline(void **state)
{
	char *argv[] = { "-v",
			 "--force-copy",
			 "-i",
			 "\\a.img",
			 "/boot/vmlinuz",
			 "console=ttyS0",
			 "initrd=\\b.img",
			 "-v",
			 "x y" };
	struct boot_args a;

	(void)state;
	assert_int_equal(parse(9, argv, &a), CL_OK);
	assert_true(a.verbose);
	assert_true(a.force_copy);
	assert_false(a.dry_run);
	assert_string_equal(a.kernel, "/boot/vmlinuz");
	/* Words after KERNEL are the kernel's, options included; a spaced word is quoted. */
	assert_string_equal(a.cmdline, "console=ttyS0 initrd=\\b.img -v \"x y\"");
	assert_int_equal(a.cmdline_len, strlen(a.cmdline));
	assert_int_equal(a.n_initrds, 2);
	assert_string_equal(a.initrds[0], "\\a.img");
	assert_string_equal(a.initrds[1], "\\b.img");
}

static void test_errors(void **state)
{
	char *missing_value[] = { "-i" };
	char *unknown[] = { "--bogus", "k" };
	char *no_kernel[] = { "-v" };
	char *empty_initrd[] = { "k", "initrd=" };
	char *dashdash[] = { "--", "-k" };
	struct boot_args a;

	(void)state;
	assert_int_equal(parse(1, missing_value, &a), CL_E_USAGE);
	assert_int_equal(parse(2, unknown, &a), CL_E_USAGE);
	/* No KERNEL is not an error: the default config says what to boot. */
	assert_int_equal(parse(1, no_kernel, &a), CL_OK);
	assert_true(a.use_config);
	assert_null(a.kernel);
	assert_int_equal(parse(0, NULL, &a), CL_OK);
	assert_true(a.use_config);
	assert_int_equal(parse(2, empty_initrd, &a), CL_E_USAGE);
	assert_int_equal(parse(2, dashdash, &a), CL_OK);
	assert_string_equal(a.kernel, "-k");
}

/* --verify= and --entry=: each word alone (the other keeps its default), then the errors. */
static void test_mode_options(void **state)
{
	static const struct {
		const char *word;
		int rc;
		enum verify_mode mode;
		enum entry_kind entry;
	} cases[] = {
		{ NULL, CL_OK, VERIFY_FAST, ENTRY_AUTO }, /* the defaults */
		{ "--verify=fast", CL_OK, VERIFY_FAST, ENTRY_AUTO },
		{ "--verify=sha256", CL_OK, VERIFY_SHA256, ENTRY_AUTO },
		{ "--verify=off", CL_OK, VERIFY_OFF, ENTRY_AUTO },
		{ "--no-verify", CL_OK, VERIFY_OFF, ENTRY_AUTO },
		{ "--verify=SHA256", CL_E_USAGE, 0, 0 },
		{ "--verify=", CL_E_USAGE, 0, 0 },
		{ "--verify", CL_E_USAGE, 0, 0 },
		{ "--entry=64", CL_OK, VERIFY_FAST, ENTRY_64 },
		{ "--entry=32", CL_OK, VERIFY_FAST, ENTRY_32 },
		{ "--entry=16", CL_E_USAGE, 0, 0 },
		{ "--entry=", CL_E_USAGE, 0, 0 },
		{ "--entry", CL_E_USAGE, 0, 0 },
	};
	struct boot_args a;
	struct diag d;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *argv[] = { (char *)cases[i].word, "k" };
		int rc = cases[i].word ? args_parse(2, argv, buf, sizeof(buf), &a, &d)
				       : args_parse(1, argv + 1, buf, sizeof(buf), &a, &d);

		assert_int_equal(rc, cases[i].rc);
		if (rc == CL_OK) {
			assert_int_equal(a.verify, cases[i].mode);
			assert_int_equal(a.entry, cases[i].entry);
		}
	}
	/* The last word wins, as with every other option. */
	{
		char *argv[] = { "--no-verify", "--verify=sha256", "--entry=32", "--entry=64",
				 "k" };

		assert_int_equal(parse(5, argv, &a), CL_OK);
		assert_int_equal(a.verify, VERIFY_SHA256);
		assert_int_equal(a.entry, ENTRY_64);
	}
	{
		char *argv[] = { "--verify=bogus", "k" };

		assert_int_equal(args_parse(2, argv, buf, sizeof(buf), &a, &d), CL_E_USAGE);
		assert_string_equal(d.msg, "--verify=bogus: the mode is fast, sha256 or off");
	}
	{
		char *argv[] = { "--entry=x86", "k" };

		assert_int_equal(args_parse(2, argv, buf, sizeof(buf), &a, &d), CL_E_USAGE);
		assert_string_equal(d.msg, "--entry=x86: the entry is 32 or 64");
	}
}

static void test_cmdline_overflow(void **state)
{
	static char word[300];
	char *argv[] = { "k", word };
	struct boot_args a;

	(void)state;
	memset(word, 'x', sizeof(word) - 1);
	assert_int_equal(parse(2, argv, &a), CL_E_CMDLINE_TOO_LONG);
	/* The buffer holds sizeof(buf) - 1 bytes and the NUL, not one more. */
	memset(word, 0, sizeof(word));
	memset(word, 'x', sizeof(buf) - 1);
	assert_int_equal(parse(2, argv, &a), CL_OK);
	assert_int_equal(a.cmdline_len, sizeof(buf) - 1);
	assert_int_equal(buf[sizeof(buf) - 1], '\0');
	word[sizeof(buf) - 1] = 'x';
	assert_int_equal(parse(2, argv, &a), CL_E_CMDLINE_TOO_LONG);
}

static int split(const uint8_t *bytes, size_t n, char **argv, int *argc)
{
	static char text[1024];
	struct diag d;

	return loadopts_split(bytes, n, text, sizeof(text), argv, 8, argc, &d);
}

static void test_loadopts(void **state)
{
	const uint8_t plain[] = "k\0 \0a\0=\0\"\0b\0 \0c\0\"\0";      /* k a="b c" + NUL */
	const uint8_t bom[] = { 0xff, 0xfe, 'x', 0, ' ', 0, 'y', 0 }; /* no terminator */
	const uint8_t odd[] = { 'x', 0, 'y' };
	const uint8_t odd_nul[] = { 'x', 0, 0 };
	const uint8_t binary[] = { 1, 0, 0, 0x10 };
	const uint8_t swapped_bom[] = { 0xfe, 0xff, 0, 'x' };
	const uint8_t surrogate[] = { 0x00, 0xd8, 'x', 0 };
	const uint8_t quote[] = { '"', 0, 'x', 0 };
	char *argv[8];
	int argc;

	(void)state;
	assert_int_equal(split(plain, sizeof(plain), argv, &argc), CL_OK);
	assert_int_equal(argc, 2);
	assert_string_equal(argv[0], "k");
	assert_string_equal(argv[1], "a=b c");
	assert_int_equal(split(bom, sizeof(bom), argv, &argc), CL_OK);
	assert_int_equal(argc, 2);
	assert_string_equal(argv[1], "y");
	assert_int_equal(split(odd, sizeof(odd), argv, &argc), CL_E_OPTIONS_NOT_TEXT);
	assert_int_equal(split(odd_nul, sizeof(odd_nul), argv, &argc), CL_OK);
	assert_int_equal(argc, 1);
	assert_int_equal(split(binary, sizeof(binary), argv, &argc), CL_E_OPTIONS_NOT_TEXT);
	assert_int_equal(split(swapped_bom, sizeof(swapped_bom), argv, &argc),
			 CL_E_OPTIONS_NOT_TEXT);
	assert_int_equal(split(surrogate, sizeof(surrogate), argv, &argc), CL_E_OPTIONS_NOT_TEXT);
	assert_int_equal(split(quote, sizeof(quote), argv, &argc), CL_E_USAGE);
	assert_int_equal(split(plain, 0, argv, &argc), CL_OK);
	assert_int_equal(argc, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_and_cmdline), cmocka_unit_test(test_errors),
		cmocka_unit_test(test_mode_options),	   cmocka_unit_test(test_cmdline_overflow),
		cmocka_unit_test(test_loadopts),
	};

	return cmocka_run_group_tests_name("args", tests, NULL, NULL);
}

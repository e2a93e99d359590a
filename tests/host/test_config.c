/* SPDX-License-Identifier: MIT */
/*
 * Config files (core/config.c) and how a config and the command line combine
 * (args_apply_config): one case per rule, each error with its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "args.h"
#include "config.h"

static struct config cfg;
static struct diag d;
static char text[CONFIG_MAX_BYTES + 16];

/* Parses a copy of `s` (size strlen, or `n` when given for embedded NULs). */
static int parse_n(const char *s, size_t n)
{
	memcpy(text, s, n);
	memset(&d, 0, sizeof(d));
	return config_parse(text, n, &cfg, &d);
}

static int parse(const char *s)
{
	return parse_n(s, strlen(s));
}

static void expect_error(const char *conf, const char *msg)
{
	assert_int_equal(parse(conf), CL_E_CONFIG);
	assert_string_equal(d.msg, msg);
}

static void test_full_entry(void **state)
{
	(void)state;
	assert_int_equal(parse("# Debian\n"
			       "title      Debian GNU/Linux 12\n"
			       "version\t6.1.0-26-amd64\n"
			       "machine-id 0123456789abcdef0123456789abcdef\n"
			       "sort-key   debian\n"
			       "architecture x64\n"
			       "linux      /vmlinuz-6.1.0-26-amd64\n"
			       "initrd     /intel-ucode.img\n"
			       "initrd     /initrd.img-6.1.0-26-amd64\n"
			       "options    root=/dev/sda2   ro\n"
			       "\n"
			       "   # indented comment\n"
			       "options quiet\tsplash\n"),
			 CL_OK);
	assert_string_equal(cfg.title, "Debian GNU/Linux 12");
	assert_string_equal(cfg.version, "6.1.0-26-amd64");
	assert_string_equal(cfg.linux_path, "/vmlinuz-6.1.0-26-amd64");
	assert_int_equal(cfg.n_initrds, 2);
	assert_string_equal(cfg.initrds[0], "/intel-ucode.img");
	assert_string_equal(cfg.initrds[1], "/initrd.img-6.1.0-26-amd64");
	assert_int_equal(cfg.n_words, 4);
	assert_string_equal(cfg.words[0], "root=/dev/sda2");
	assert_string_equal(cfg.words[1], "ro");
	assert_string_equal(cfg.words[2], "quiet");
	assert_string_equal(cfg.words[3], "splash");
	assert_int_equal(cfg.n_warnings, 0);
}

/* CRLF line ends, a UTF-8 BOM, trailing blanks, no final newline, non-ASCII text. */
static void test_text_forms(void **state)
{
	(void)state;
	assert_int_equal(parse("\xef\xbb\xbftitle D\xc3\xa9"
			       "bian  \r\nlinux \\boot\\vmlinuz \t\r\n"
			       "options a=\xe2\x82\xac"),
			 CL_OK);
	assert_string_equal(cfg.title, "D\xc3\xa9"
				       "bian");
	assert_string_equal(cfg.linux_path, "\\boot\\vmlinuz");
	assert_int_equal(cfg.n_words, 1);
	assert_string_equal(cfg.words[0], "a=\xe2\x82\xac");
	assert_null(cfg.version);
	/* A path with a space is one value: the rest of the line. */
	assert_int_equal(parse("linux /my kernels/vmlinuz\n"), CL_OK);
	assert_string_equal(cfg.linux_path, "/my kernels/vmlinuz");
}

static void test_warnings(void **state)
{
	char many[1024] = "linux /k\n";

	(void)state;
	assert_int_equal(parse("linux /k\nuki /EFI/x.efi\ndevicetree /x.dtb\n"
			       "devicetree-overlay /o.dtbo\n"),
			 CL_OK);
	assert_int_equal(cfg.n_warnings, 3);
	assert_int_equal(cfg.warnings[0].line, 2);
	assert_string_equal(cfg.warnings[0].msg, "unknown key `uki`, ignored");
	assert_int_equal(cfg.warnings[1].line, 3);
	assert_string_equal(cfg.warnings[1].msg, "`devicetree` ignored on x86");
	assert_int_equal(cfg.warnings[2].line, 4);
	assert_string_equal(cfg.warnings[2].msg, "`devicetree-overlay` ignored on x86");
	/* Keys are case-sensitive, as in the specification. */
	assert_int_equal(parse("Linux /k\nlinux /k\n"), CL_OK);
	assert_int_equal(cfg.n_warnings, 1);
	/* More warnings than kept: counted, not stored past the table. */
	for (int i = 0; i < CONFIG_MAX_WARNINGS + 3; i++)
		strcat(many, "bogus 1\n");
	assert_int_equal(parse(many), CL_OK);
	assert_int_equal(cfg.n_warnings, CONFIG_MAX_WARNINGS + 3);
	assert_int_equal(cfg.warnings[CONFIG_MAX_WARNINGS - 1].line, CONFIG_MAX_WARNINGS + 1);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("", "no `linux` or `efi` line: nothing to boot");
	expect_error("# only a comment\ntitle x\n", "no `linux` or `efi` line: nothing to boot");
	expect_error("linux /a\nlinux /b\n", "line 2: second `linux` line (the first is line 1)");
	expect_error("title a\nlinux /a\ntitle b\n",
		     "line 3: second `title` line (the first is line 1)");
	expect_error("linux /a\ninitrd\n", "line 2: `initrd` needs a value");
	expect_error("linux /a\noptions   \t\n", "line 2: `options` needs a value");
	expect_error("linux\n", "line 1: `linux` needs a value");
	expect_error("linux /a\ntitle a\x01z\n",
		     "line 2: control character 0x01 at column 8: not a text file");
	expect_error("linux /a\ntitle a\x7fz\n",
		     "line 2: control character 0x7f at column 8: not a text file");
	expect_error("linux /a\rtitle\n",
		     "line 1: control character 0x0d at column 9: not a text file");
	expect_error("linux /\xff\n", "line 1: byte 0xff at column 8 is not UTF-8 text");
	expect_error("linux /\xc3\n", "line 1: byte 0xc3 at column 8 is not UTF-8 text");
	expect_error("title \xe2\x82\nlinux /a\n",
		     "line 1: byte 0xe2 at column 7 is not UTF-8 text");
	/* An overlong encoding of '/' is not UTF-8. */
	expect_error("linux \xc0\xaf\n", "line 1: byte 0xc0 at column 7 is not UTF-8 text");
	expect_error("linux /\xe0\x80\xaf\n", "line 1: byte 0xe0 at column 8 is not UTF-8 text");
	expect_error("linux /\xf0\x80\x80\xaf\n",
		     "line 1: byte 0xf0 at column 8 is not UTF-8 text");
	/* Neither a surrogate nor anything above U+10FFFF is a character. */
	expect_error("linux /a\xed\xa0\x80\n", "line 1: byte 0xed at column 9 is not UTF-8 text");
	expect_error("linux /\xf4\x90\x80\x80\n",
		     "line 1: byte 0xf4 at column 8 is not UTF-8 text");
	assert_int_equal(parse_n("linux /a\n\0x\n", 12), CL_E_CONFIG);
	assert_string_equal(d.msg, "line 2: control character 0x00 at column 1: not a text file");
}

/* The keys of a menu entry: each kept as written, at most once. */
static void test_bls_keys(void **state)
{
	static const struct {
		const char *key;
		size_t field;
	} once[] = {
		{ "title", offsetof(struct config, title) },
		{ "version", offsetof(struct config, version) },
		{ "sort-key", offsetof(struct config, sort_key) },
		{ "machine-id", offsetof(struct config, machine_id) },
		{ "architecture", offsetof(struct config, architecture) },
		{ "linux", offsetof(struct config, linux_path) },
		{ "efi", offsetof(struct config, efi_path) },
	};
	char conf[256], want[128];

	(void)state;
	for (size_t i = 0; i < sizeof(once) / sizeof(once[0]); i++) {
		/* Something to boot, unless the key is that. */
		const char *boot = "linux /k";

		if (!strcmp(once[i].key, "linux") || !strcmp(once[i].key, "efi"))
			boot = "# the kernel or image below";
		sprintf(conf, "%s\n%s  first value \n%s second\n", boot, once[i].key, once[i].key);
		/* The first line alone is fine and kept as written ... */
		if (parse_n(conf, strlen(conf) - strlen(once[i].key) - 8))
			fail_msg("%s: %s", once[i].key, d.msg);
		assert_string_equal(*(const char **)((char *)&cfg + once[i].field), "first value");
		/* ... a second one is an error naming both lines. */
		sprintf(want, "line 3: second `%s` line (the first is line 2)", once[i].key);
		expect_error(conf, want);
	}
	assert_int_equal(parse("architecture aa64\nlinux /a\n"), CL_OK);
	assert_string_equal(cfg.architecture, "aa64");
	assert_int_equal(cfg.architecture_line, 1);
	assert_null(cfg.efi_path);

	/* An EFI image instead of a kernel; never both. */
	assert_int_equal(parse("title Windows\nefi /EFI/Microsoft/Boot/bootmgfw.efi\n"), CL_OK);
	assert_string_equal(cfg.efi_path, "/EFI/Microsoft/Boot/bootmgfw.efi");
	assert_null(cfg.linux_path);
	expect_error(
		"linux /k\ntitle t\nefi /e.efi\n",
		"line 3: `efi` in an entry whose `linux` line is line 1: one of the two, not both");
	expect_error(
		"efi /e.efi\nlinux /k\n",
		"line 2: `linux` in an entry whose `efi` line is line 1: one of the two, not both");
	expect_error("efi\n", "line 1: `efi` needs a value");
}

static void test_arch_is_ours(void **state)
{
	static const struct {
		const char *conf;
		bool ours;
	} cases[] = {
		{ "linux /a\n", true },
		{ "architecture x64\nlinux /a\n", true },
		{ "architecture X64\nlinux /a\n", true },
		{ "architecture aa64\nlinux /a\n", false },
		{ "architecture ia32\nlinux /a\n", false },
		{ "architecture x64x\nlinux /a\n", false },
		{ "architecture x6\nlinux /a\n", false },
		{ "architecture y64\nlinux /a\n", false },
		/* Keys are case-sensitive: this is an unknown key, not an architecture. */
		{ "ARCHITECTURE aa64\nlinux /a\n", true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(parse(cases[i].conf), CL_OK);
		if (config_arch_is_ours(&cfg) != cases[i].ours)
			fail_msg("case %zu (%s): expected %d", i, cases[i].conf, cases[i].ours);
	}
}

/* chainload's own options, apart from the kernel's; several lines add up. */
static void test_loader_options(void **state)
{
	(void)state;
	assert_int_equal(parse("linux /k\n"
			       "chainload-options -v\t --force-copy\n"
			       "options quiet\n"
			       "chainload-options --verify=off\n"),
			 CL_OK);
	assert_int_equal(cfg.n_loader_words, 3);
	assert_string_equal(cfg.loader_words[0], "-v");
	assert_string_equal(cfg.loader_words[1], "--force-copy");
	assert_string_equal(cfg.loader_words[2], "--verify=off");
	assert_int_equal(cfg.n_words, 1);
	assert_string_equal(cfg.words[0], "quiet");
	expect_error("linux /k\nchainload-options\n", "line 2: `chainload-options` needs a value");
	expect_error("linux /k\nchainload-options -v quiet\n",
		     "line 2: `chainload-options` takes chainload's options, and quiet is not one "
		     "(the kernel's go on `options` lines)");
	expect_error("linux /k\nchainload-options -- -v\n",
		     "line 2: `chainload-options` takes chainload's options, and -- is not one "
		     "(the kernel's go on `options` lines)");
	expect_error("linux /k\nchainload-options --config=/x.conf\n",
		     "line 2: `chainload-options` cannot name another config");
	expect_error("linux /k\nchainload-options -c\n",
		     "line 2: `chainload-options` cannot name another config");
	expect_error("linux /k\nchainload-options -i\n",
		     "line 2: `chainload-options`: initrds go on `initrd` lines");
	expect_error("linux /k\nchainload-options --initrd=/i\n",
		     "line 2: `chainload-options`: initrds go on `initrd` lines");
}

static void test_limits(void **state)
{
	char *big = malloc(CONFIG_MAX_BYTES + 2);
	size_t n = 0;

	(void)state;
	assert_non_null(big);
	n += (size_t)sprintf(big, "linux /k\n");
	for (int i = 0; i < CONFIG_MAX_INITRDS + 1; i++)
		n += (size_t)sprintf(big + n, "initrd /i%d\n", i);
	assert_int_equal(parse_n(big, n), CL_E_CONFIG);
	assert_string_equal(d.msg, "line 34: more than 32 `initrd` lines");

	n = (size_t)sprintf(big, "linux /k\noptions");
	for (int i = 0; i < CONFIG_MAX_WORDS + 1; i++)
		n += (size_t)sprintf(big + n, " w");
	assert_int_equal(parse_n(big, n), CL_E_CONFIG);
	assert_string_equal(d.msg, "line 2: more than 1024 `options` words");

	n = (size_t)sprintf(big, "linux /k\nchainload-options");
	for (int i = 0; i < CONFIG_MAX_LOADER_WORDS; i++)
		n += (size_t)sprintf(big + n, " -v");
	assert_int_equal(parse_n(big, n), CL_OK);
	assert_int_equal(cfg.n_loader_words, CONFIG_MAX_LOADER_WORDS);
	n += (size_t)sprintf(big + n, " -v");
	assert_int_equal(parse_n(big, n), CL_E_CONFIG);
	assert_string_equal(d.msg, "line 2: more than 32 `chainload-options` words");

	memset(big, '#', CONFIG_MAX_BYTES + 1);
	memcpy(big, "linux /k\n", 9);
	assert_int_equal(parse_n(big, CONFIG_MAX_BYTES), CL_OK);
	assert_int_equal(parse_n(big, CONFIG_MAX_BYTES + 1), CL_E_CONFIG);
	assert_string_equal(d.msg, "file is 65537 bytes, more than the 65536 allowed");
	free(big);
}

/* Parsing stops at `size`: bytes after it are never read. */
static void test_bounded(void **state)
{
	char *exact = malloc(10);

	(void)state;
	assert_non_null(exact);
	memcpy(exact, "linux /ab", 9);
	assert_int_equal(config_parse(exact, 9, &cfg, &d), CL_OK);
	assert_string_equal(cfg.linux_path, "/ab");
	free(exact);
}

static void test_path_beside(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(config_path_beside("\\EFI\\BOOT\\BOOTX64.EFI", out, sizeof(out), &d),
			 CL_OK);
	assert_string_equal(out, "\\EFI\\BOOT\\chainload.conf");
	assert_int_equal(config_path_beside("\\chainload.efi", out, sizeof(out), &d), CL_OK);
	assert_string_equal(out, "\\chainload.conf");
	assert_int_equal(config_path_beside("chainload.efi", out, sizeof(out), &d), CL_OK);
	assert_string_equal(out, "chainload.conf");
	/* "\\a\\chainload.conf" and its NUL: 18 bytes. */
	assert_int_equal(config_path_beside("\\a\\b.efi", out, 18, &d), CL_OK);
	assert_int_equal(config_path_beside("\\a\\b.efi", out, 17, &d), CL_E_TOO_MANY);
	assert_int_equal(config_path_beside("b.efi", out, 15, &d), CL_OK);
	assert_int_equal(config_path_beside("b.efi", out, 14, &d), CL_E_TOO_MANY);
}

/* ---- a config and the command line together ---- */

static char cmdline[512];
static struct boot_args args;

static int parse_args(int argc, char **argv)
{
	return args_parse(argc, argv, cmdline, sizeof(cmdline), &args, &d);
}

static void test_modes(void **state)
{
	char *none[] = { NULL };
	char *opts_only[] = { "-v", "-i", "\\x.img" };
	char *with_config[] = { "-c", "\\loader\\entries\\a.conf", "quiet", "-v" };
	char *kernel_too[] = { "--config", "\\a.conf", "\\boot\\vmlinuz", "quiet" };
	char *kernel_fwd[] = { "--config=\\a.conf", "/boot/vmlinuz" };
	char *dashdash[] = { "--config", "\\a.conf", "--", "/weird" };
	char *twice[] = { "-c", "\\a.conf", "-c", "\\b.conf" };
	char *empty[] = { "--config=" };
	char *missing[] = { "--config" };
	char *version[] = { "--version" };
	char *kernel[] = { "\\boot\\vmlinuz", "ro" };

	(void)state;
	/* No words at all: the default config. */
	assert_int_equal(parse_args(0, none), CL_OK);
	assert_true(args.use_config);
	assert_null(args.config);
	assert_null(args.kernel);
	/* Options but no KERNEL: the default config too. */
	assert_int_equal(parse_args(3, opts_only), CL_OK);
	assert_true(args.use_config);
	assert_true(args.verbose);
	assert_int_equal(args.n_cli_initrds, 1);
	/* Words after the options are the kernel's, even "-v". */
	assert_int_equal(parse_args(4, with_config), CL_OK);
	assert_true(args.use_config);
	assert_false(args.verbose);
	assert_string_equal(args.config, "\\loader\\entries\\a.conf");
	assert_int_equal(args.n_extra, 2);
	assert_string_equal(args.extra[1], "-v");
	/* A KERNEL as well is refused, not silently preferred. */
	assert_int_equal(parse_args(4, kernel_too), CL_E_USAGE);
	assert_string_equal(d.msg, "KERNEL \\boot\\vmlinuz given together with --config \\a.conf, "
				   "whose `linux` line names the kernel");
	assert_int_equal(parse_args(2, kernel_fwd), CL_E_USAGE);
	assert_int_equal(parse_args(4, dashdash), CL_OK);
	assert_int_equal(args.n_extra, 1);
	assert_int_equal(parse_args(4, twice), CL_E_USAGE);
	assert_string_equal(d.msg, "more than one --config (\\a.conf and \\b.conf)");
	assert_int_equal(parse_args(1, empty), CL_E_USAGE);
	assert_int_equal(parse_args(1, missing), CL_E_USAGE);
	assert_string_equal(d.msg, "--config needs a FILE");
	assert_int_equal(parse_args(1, version), CL_OK);
	assert_true(args.version);
	/* A KERNEL without --config: no config involved. */
	assert_int_equal(parse_args(2, kernel), CL_OK);
	assert_false(args.use_config);
	assert_string_equal(args.cmdline, "ro");
}

static void test_precedence(void **state)
{
	char *argv[] = { "-i", "\\cli.img", "--config", "\\e.conf", "initrd=\\word.img", "quiet" };

	(void)state;
	assert_int_equal(parse("linux /vmlinuz\ninitrd /a.img\ninitrd /b.img\n"
			       "options root=/dev/sda2 initrd=/opt.img\noptions ro\n"),
			 CL_OK);
	assert_int_equal(parse_args(6, argv), CL_OK);
	assert_int_equal(args_apply_config(&args, &cfg, &d), CL_OK);
	assert_string_equal(args.kernel, "/vmlinuz");
	/* Config initrds, then -i, then initrd= words in command-line order. */
	assert_int_equal(args.n_initrds, 5);
	assert_string_equal(args.initrds[0], "/a.img");
	assert_string_equal(args.initrds[1], "/b.img");
	assert_string_equal(args.initrds[2], "\\cli.img");
	assert_string_equal(args.initrds[3], "/opt.img");
	assert_string_equal(args.initrds[4], "\\word.img");
	/* Config options first, then the words of the command line. */
	assert_string_equal(args.cmdline,
			    "root=/dev/sda2 initrd=/opt.img ro initrd=\\word.img quiet");
	assert_int_equal(args.cmdline_len, strlen(args.cmdline));
}

static void test_apply_limits(void **state)
{
	char *argv[] = { "-c", "\\e.conf", "x" };
	char big[600] = "linux /k\noptions ";
	char conf[2048] = "linux /k\n";

	(void)state;
	/* The command line is bounded by the caller's buffer. */
	memset(big + strlen(big), 'o', sizeof(cmdline));
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(parse(big), CL_OK);
	assert_int_equal(parse_args(3, argv), CL_OK);
	assert_int_equal(args_apply_config(&args, &cfg, &d), CL_E_CMDLINE_TOO_LONG);
	/* 32 config initrds and one -i: one too many. */
	for (int i = 0; i < ARGS_MAX_INITRDS; i++)
		sprintf(conf + strlen(conf), "initrd /%d\n", i);
	assert_int_equal(parse(conf), CL_OK);
	{
		char *more[] = { "-i", "\\x", "-c", "\\e.conf" };

		assert_int_equal(parse_args(4, more), CL_OK);
		assert_int_equal(args_apply_config(&args, &cfg, &d), CL_E_USAGE);
		assert_string_equal(d.msg, "more than 32 initrds");
	}
	/* An `efi` entry is the menu's: this path boots kernels only. */
	assert_int_equal(parse("efi /EFI/x.efi\n"), CL_OK);
	assert_int_equal(parse_args(3, argv), CL_OK);
	assert_int_equal(args_apply_config(&args, &cfg, &d), CL_E_CONFIG);
	assert_string_equal(d.msg, "an `efi` entry (/EFI/x.efi): chainload.conf and --config boot "
				   "Linux kernels; `efi` entries boot from the menu");
	/* Its options alone are the image's load options; chainload's word stays out. */
	assert_int_equal(parse("efi /EFI/x.efi\noptions -v  \\k\noptions a=b\n"), CL_OK);
	assert_int_equal(args_apply_efi_entry(&args, &cfg, &d), CL_OK);
	assert_string_equal(args.cmdline, "-v \\k a=b");
	assert_int_equal(args.cmdline_len, strlen(args.cmdline));
	assert_int_equal(parse(conf), CL_OK);
	assert_int_equal(args_apply_efi_entry(&args, &cfg, &d), CL_E_INTERNAL);
	/* Not in config mode: refused, as a bug would be. */
	{
		char *kernel[] = { "\\k" };

		assert_int_equal(parse_args(1, kernel), CL_OK);
		assert_int_equal(args_apply_config(&args, &cfg, &d), CL_E_INTERNAL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_entry),     cmocka_unit_test(test_text_forms),
		cmocka_unit_test(test_warnings),       cmocka_unit_test(test_errors),
		cmocka_unit_test(test_bls_keys),       cmocka_unit_test(test_arch_is_ours),
		cmocka_unit_test(test_limits),	       cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_loader_options), cmocka_unit_test(test_path_beside),
		cmocka_unit_test(test_modes),	       cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_apply_limits),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}

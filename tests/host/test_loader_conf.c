/* SPDX-License-Identifier: MIT */
/*
 * loader.conf (core/loader_conf.c) and the timeout variables: every key,
 * every value form systemd-boot takes, the warnings for what chainload does
 * not take, and the errors of malformed text, with their line numbers.
 * Value forms follow systemd-boot's own parser (src/boot/boot.c,
 * config_defaults_load_from_file and efivar_get_timeout) and what bootctl
 * (set-timeout) and logind (--boot-loader-menu=) write.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "loader_conf.h"

static struct loader_conf lc;
static struct diag d;
static char text[LOADER_CONF_MAX_BYTES + 16];

static int parse_n(const char *s, size_t n)
{
	memcpy(text, s, n);
	memset(&d, 0, sizeof(d));
	return loader_conf_parse(text, n, &lc, &d);
}

static int parse(const char *s)
{
	return parse_n(s, strlen(s));
}

static void expect_warning(size_t i, unsigned line, const char *msg)
{
	assert_true(i < lc.n_warnings);
	assert_int_equal(lc.warnings[i].line, line);
	assert_string_equal(lc.warnings[i].msg, msg);
}

static void test_defaults(void **state)
{
	(void)state;
	/* Nothing said: systemd-boot's defaults. */
	assert_int_equal(parse(""), CL_OK);
	assert_int_equal(lc.timeout.kind, LOADER_TIMEOUT_UNSET);
	assert_null(lc.default_pattern);
	assert_false(lc.default_saved);
	assert_true(lc.editor);
	assert_true(lc.auto_entries);
	assert_true(lc.auto_firmware);
	assert_int_equal(lc.console_mode, LOADER_CONSOLE_KEEP);
	assert_int_equal(lc.n_warnings, 0);
	/* A typical file, with the usual text forms. */
	assert_int_equal(parse("\xef\xbb\xbf# /boot/efi/loader/loader.conf\r\n"
			       "timeout 3\r\n"
			       "\r\n"
			       "  default\t01234567890abcdef1234567890abdf0-*  \r\n"
			       "editor no\r\n"
			       "console-mode max"),
			 CL_OK);
	assert_int_equal(lc.timeout.kind, LOADER_TIMEOUT_SECONDS);
	assert_int_equal(lc.timeout.seconds, 3);
	assert_string_equal(lc.default_pattern, "01234567890abcdef1234567890abdf0-*");
	assert_false(lc.editor);
	assert_int_equal(lc.console_mode, LOADER_CONSOLE_MAX);
	assert_int_equal(lc.n_warnings, 0);
}

static void test_timeout(void **state)
{
	static const struct {
		const char *value;
		enum loader_timeout_kind kind;
		uint32_t seconds;
	} cases[] = {
		{ "0", LOADER_TIMEOUT_MENU_HIDDEN, 0 },
		{ "1", LOADER_TIMEOUT_SECONDS, 1 },
		{ "10", LOADER_TIMEOUT_SECONDS, 10 },
		{ "007", LOADER_TIMEOUT_SECONDS, 7 },
		{ "4294967293", LOADER_TIMEOUT_SECONDS, 4294967293u },
		/* systemd-boot's reserved numbers. */
		{ "4294967294", LOADER_TIMEOUT_UNSET, 0 },
		{ "4294967295", LOADER_TIMEOUT_MENU_FORCE, 0 },
		{ "menu-force", LOADER_TIMEOUT_MENU_FORCE, 0 },
		{ "menu-hidden", LOADER_TIMEOUT_MENU_HIDDEN, 0 },
		{ "menu-disabled", LOADER_TIMEOUT_MENU_DISABLED, 0 },
		{ "\"5\"", LOADER_TIMEOUT_SECONDS, 5 },
		{ "'menu-force'", LOADER_TIMEOUT_MENU_FORCE, 0 },
	};
	char conf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sprintf(conf, "timeout 9\ntimeout %s\n", cases[i].value);
		assert_int_equal(parse(conf), CL_OK);
		if (lc.timeout.kind != cases[i].kind || lc.timeout.seconds != cases[i].seconds ||
		    lc.n_warnings)
			fail_msg("timeout %s: kind %d seconds %u, %zu warnings", cases[i].value,
				 lc.timeout.kind, lc.timeout.seconds, lc.n_warnings);
	}
}

/* A bad value: one warning naming the line and the value; the value before stays. */
static void test_bad_values(void **state)
{
	static const struct {
		const char *line;
		const char *msg;
	} cases[] = {
		{ "timeout 4294967296", "bad `timeout` value `4294967296`, ignored" },
		{ "timeout 99999999999999999999",
		  "bad `timeout` value `99999999999999999999`, ignored" },
		{ "timeout -1", "bad `timeout` value `-1`, ignored" },
		{ "timeout 5s", "bad `timeout` value `5s`, ignored" },
		{ "timeout +5", "bad `timeout` value `+5`, ignored" },
		{ "timeout Menu-Force", "bad `timeout` value `Menu-Force`, ignored" },
		{ "timeout \"\"", "bad `timeout` value ``, ignored" },
		{ "timeout", "`timeout` needs a value, ignored" },
		{ "editor maybe", "bad `editor` value `maybe`, ignored" },
		{ "editor YES", "bad `editor` value `YES`, ignored" },
		{ "auto-entries 2", "bad `auto-entries` value `2`, ignored" },
		{ "auto-firmware enable", "bad `auto-firmware` value `enable`, ignored" },
		{ "console-mode 2147483648", "bad `console-mode` value `2147483648`, ignored" },
		{ "console-mode Max", "bad `console-mode` value `Max`, ignored" },
		{ "console-mode -1", "bad `console-mode` value `-1`, ignored" },
		{ "default @current", "bad `default` value `@current`, ignored" },
		{ "default @saved2", "bad `default` value `@saved2`, ignored" },
		{ "default @save", "bad `default` value `@save`, ignored" },
		{ "default", "`default` needs a value, ignored" },
	};
	char conf[128];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sprintf(conf,
			"timeout 4\ndefault keep-*\neditor no\nauto-entries no\n"
			"auto-firmware no\nconsole-mode 1\n# next\n%s\n",
			cases[i].line);
		assert_int_equal(parse(conf), CL_OK);
		assert_int_equal(lc.n_warnings, 1);
		expect_warning(0, 8, cases[i].msg);
		assert_int_equal(lc.timeout.kind, LOADER_TIMEOUT_SECONDS);
		assert_int_equal(lc.timeout.seconds, 4);
		assert_string_equal(lc.default_pattern, "keep-*");
		assert_false(lc.editor || lc.auto_entries || lc.auto_firmware);
		assert_int_equal(lc.console_mode, LOADER_CONSOLE_NUMBER);
		assert_int_equal(lc.console_mode_number, 1);
	}
}

static void test_booleans(void **state)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "t", "on", "'on'" };
	static const char *const no[] = { "0", "no", "n", "false", "f", "off", "\"no\"" };
	static const char *const keys[] = { "editor", "auto-entries", "auto-firmware" };
	char conf[64];

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
			bool *field = k == 0   ? &lc.editor
				      : k == 1 ? &lc.auto_entries
					       : &lc.auto_firmware;

			sprintf(conf, "%s %s\n", keys[k], no[i]);
			assert_int_equal(parse(conf), CL_OK);
			assert_int_equal(lc.n_warnings, 0);
			assert_false(*field);
			sprintf(conf, "%s off\n%s %s\n", keys[k], keys[k], yes[i]);
			assert_int_equal(parse(conf), CL_OK);
			assert_int_equal(lc.n_warnings, 0);
			assert_true(*field);
		}
	}
}

static void test_default_and_console(void **state)
{
	(void)state;
	assert_int_equal(parse("default @saved\n"), CL_OK);
	assert_true(lc.default_saved);
	assert_null(lc.default_pattern);
	/* systemd-boot folds the case of the whole value. */
	assert_int_equal(parse("default debian-*\ndefault @SaVeD\n"), CL_OK);
	assert_true(lc.default_saved);
	assert_null(lc.default_pattern);
	/* A later pattern replaces @saved; kept as written (the matcher folds case). */
	assert_int_equal(parse("default @saved\ndefault \"Fedora*.conf\"\n"), CL_OK);
	assert_false(lc.default_saved);
	assert_string_equal(lc.default_pattern, "Fedora*.conf");
	/* A value with blanks inside is one value; unbalanced quotes stay. */
	assert_int_equal(parse("default my  entry\n"), CL_OK);
	assert_string_equal(lc.default_pattern, "my  entry");
	assert_int_equal(parse("default \"x'\n"), CL_OK);
	assert_string_equal(lc.default_pattern, "\"x'");
	assert_int_equal(parse("default \"\n"), CL_OK);
	assert_string_equal(lc.default_pattern, "\"");

	assert_int_equal(parse("console-mode auto\n"), CL_OK);
	assert_int_equal(lc.console_mode, LOADER_CONSOLE_AUTO);
	assert_int_equal(parse("console-mode auto\nconsole-mode keep\n"), CL_OK);
	assert_int_equal(lc.console_mode, LOADER_CONSOLE_KEEP);
	assert_int_equal(parse("console-mode 0\n"), CL_OK);
	assert_int_equal(lc.console_mode, LOADER_CONSOLE_NUMBER);
	assert_int_equal(lc.console_mode_number, 0);
	assert_int_equal(parse("console-mode 2147483647\n"), CL_OK);
	assert_int_equal(lc.console_mode, LOADER_CONSOLE_NUMBER);
	assert_int_equal(lc.console_mode_number, 2147483647u);
}

static void test_unsupported_and_unknown(void **state)
{
	static const char *const unsupported[] = {
		"auto-poweroff",
		"auto-reboot",
		"beep",
		"random-seed-mode",
		"reboot-for-bitlocker",
		"reboot-on-error",
		"secure-boot-enroll",
		"secure-boot-enroll-action",
	};
	char conf[96], msg[96];

	(void)state;
	for (size_t i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++) {
		sprintf(conf, "timeout 2\n%s yes\n", unsupported[i]);
		assert_int_equal(parse(conf), CL_OK);
		assert_int_equal(lc.n_warnings, 1);
		sprintf(msg, "`%s` is not supported, ignored", unsupported[i]);
		expect_warning(0, 2, msg);
	}
	/* Keys are case-sensitive, as in systemd-boot. */
	assert_int_equal(parse("\n\nTimeout 5\nfrobnicate\nbeep on\n"), CL_OK);
	assert_int_equal(lc.n_warnings, 3);
	expect_warning(0, 3, "unknown key `Timeout`, ignored");
	expect_warning(1, 4, "`frobnicate` needs a value, ignored");
	expect_warning(2, 5, "`beep` is not supported, ignored");
	assert_int_equal(lc.timeout.kind, LOADER_TIMEOUT_UNSET);
	assert_int_equal(parse("frobnicate 1\n"), CL_OK);
	expect_warning(0, 1, "unknown key `frobnicate`, ignored");
	/* More warnings than kept: counted, not stored past the table. */
	{
		char many[512] = "";

		for (int i = 0; i < LOADER_CONF_MAX_WARNINGS + 2; i++)
			strcat(many, "x 1\n");
		assert_int_equal(parse(many), CL_OK);
		assert_int_equal(lc.n_warnings, LOADER_CONF_MAX_WARNINGS + 2);
		expect_warning(LOADER_CONF_MAX_WARNINGS - 1, LOADER_CONF_MAX_WARNINGS,
			       "unknown key `x`, ignored");
	}
}

/* Only malformed text is an error, with its line and column. */
static void test_errors(void **state)
{
	char *big = malloc(LOADER_CONF_MAX_BYTES + 1);

	(void)state;
	assert_int_equal(parse("timeout 3\ndefault d\xc3\xa9\xff\n"), CL_E_CONFIG);
	assert_string_equal(d.msg, "line 2: byte 0xff at column 12 is not UTF-8 text");
	assert_int_equal(parse("timeout 3\n\neditor\x1bno\n"), CL_E_CONFIG);
	assert_string_equal(d.msg, "line 3: control character 0x1b at column 7: not a text file");
	assert_int_equal(parse_n("timeout 3\0\n", 11), CL_E_CONFIG);
	assert_string_equal(d.msg, "line 1: control character 0x00 at column 10: not a text file");
	assert_int_equal(parse("timeout 3\rdefault x\n"), CL_E_CONFIG);
	assert_string_equal(d.msg, "line 1: control character 0x0d at column 10: not a text file");

	assert_non_null(big);
	memset(big, '#', LOADER_CONF_MAX_BYTES + 1);
	assert_int_equal(parse_n(big, LOADER_CONF_MAX_BYTES), CL_OK);
	assert_int_equal(parse_n(big, LOADER_CONF_MAX_BYTES + 1), CL_E_CONFIG);
	assert_string_equal(d.msg, "file is 65537 bytes, more than the 65536 allowed");
	free(big);
}

/* Parsing stops at `size`: bytes after it are never read. */
static void test_bounded(void **state)
{
	char *exact = malloc(12);

	(void)state;
	assert_non_null(exact);
	memcpy(exact, "timeout 12", 10);
	assert_int_equal(loader_conf_parse(exact, 10, &lc, &d), CL_OK);
	assert_int_equal(lc.timeout.seconds, 12);
	free(exact);
}

/*
 * The variable forms: bootctl set-timeout writes the words to a loader that
 * announces menu-disabled and otherwise "4294967295" (menu-force) and "0"
 * (menu-hidden), seconds clamped to 4294967295; logind's
 * --boot-loader-menu= writes the seconds unclamped.
 */
static void test_timeout_variable(void **state)
{
	static const struct {
		const char *value;
		bool ok;
		enum loader_timeout_kind kind;
		uint32_t seconds;
	} cases[] = {
		{ "0", true, LOADER_TIMEOUT_MENU_HIDDEN, 0 },
		{ "30", true, LOADER_TIMEOUT_SECONDS, 30 },
		{ "4294967293", true, LOADER_TIMEOUT_SECONDS, 4294967293u },
		{ "4294967294", true, LOADER_TIMEOUT_UNSET, 0 },
		{ "4294967295", true, LOADER_TIMEOUT_MENU_FORCE, 0 },
		{ "4294967296", true, LOADER_TIMEOUT_MENU_FORCE, 0 },
		{ "18446744073709551615", true, LOADER_TIMEOUT_MENU_FORCE, 0 },
		{ "menu-force", true, LOADER_TIMEOUT_MENU_FORCE, 0 },
		{ "menu-hidden", true, LOADER_TIMEOUT_MENU_HIDDEN, 0 },
		{ "menu-disabled", true, LOADER_TIMEOUT_MENU_DISABLED, 0 },
		{ "18446744073709551616", false, 0, 0 },
		{ "", false, 0, 0 },
		{ "5 ", false, 0, 0 },
		{ " 5", false, 0, 0 },
		{ "0x10", false, 0, 0 },
		{ "menu", false, 0, 0 },
		{ "MENU-FORCE", false, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct loader_timeout t = { LOADER_TIMEOUT_SECONDS, 77 };
		bool ok = loader_timeout_parse(cases[i].value, &t);

		if (ok != cases[i].ok)
			fail_msg("\"%s\": parsed %d", cases[i].value, ok);
		if (!ok && (t.kind != LOADER_TIMEOUT_SECONDS || t.seconds != 77))
			fail_msg("\"%s\": refused but written", cases[i].value);
		if (ok && (t.kind != cases[i].kind || t.seconds != cases[i].seconds))
			fail_msg("\"%s\": kind %d seconds %u", cases[i].value, t.kind, t.seconds);
	}
}

/* What the menu writes to LoaderConfigTimeout, and that it reads back the same. */
static void test_timeout_format(void **state)
{
	static const struct {
		struct loader_timeout t;
		const char *text;
	} cases[] = {
		{ { LOADER_TIMEOUT_UNSET, 0 }, "" },
		{ { LOADER_TIMEOUT_SECONDS, 1 }, "1" },
		{ { LOADER_TIMEOUT_SECONDS, 4294967293u }, "4294967293" },
		{ { LOADER_TIMEOUT_MENU_HIDDEN, 0 }, "menu-hidden" },
		{ { LOADER_TIMEOUT_MENU_FORCE, 0 }, "menu-force" },
		{ { LOADER_TIMEOUT_MENU_DISABLED, 0 }, "menu-disabled" },
	};
	char buf[LOADER_TIMEOUT_TEXT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct loader_timeout back;

		memset(buf, 'x', sizeof(buf));
		assert_int_equal(loader_timeout_format(&cases[i].t, buf, sizeof(buf)),
				 strlen(cases[i].text));
		assert_string_equal(buf, cases[i].text);
		if (!buf[0])
			continue;
		assert_true(loader_timeout_parse(buf, &back));
		assert_int_equal(back.kind, cases[i].t.kind);
		assert_int_equal(back.seconds, cases[i].t.seconds);
	}
	/* Truncated to the buffer, always NUL-terminated; nothing for no room. */
	assert_int_equal(loader_timeout_format(&cases[4].t, buf, 5), 4);
	assert_string_equal(buf, "menu");
	buf[0] = 'x';
	assert_int_equal(loader_timeout_format(&cases[4].t, buf, 0), 0);
	assert_int_equal(buf[0], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_default_and_console),
		cmocka_unit_test(test_unsupported_and_unknown),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_timeout_variable),
		cmocka_unit_test(test_timeout_format),
	};

	return cmocka_run_group_tests_name("loader_conf", tests, NULL, NULL);
}

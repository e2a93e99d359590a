/* SPDX-License-Identifier: MIT */
/*
 * loader.conf and the timeout variables (loader_conf.h), with systemd-boot's
 * value forms; the lines themselves come from conf_lines.c.
 */
#include "loader_conf.h"

#include <string.h>

#include "fmt.h"

/* Keys systemd-boot takes that chainload does not implement: named, not "unknown". */
static const char *const unsupported_keys[] = {
	"auto-poweroff",
	"auto-reboot",
	"beep",
	"random-seed-mode",
	"reboot-for-bitlocker",
	"reboot-on-error",
	"secure-boot-enroll",
	"secure-boot-enroll-action",
};

struct parser {
	struct loader_conf *c;
	unsigned line;
};

/* Decimal digits only, at least one, no overflow: systemd-boot's number syntax. */
static bool parse_u64(const char *s, uint64_t *ret)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*s < '0' || *s > '9' || v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*ret = v;
	return true;
}

static bool parse_bool(const char *s, bool *ret)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "t", "on" };
	static const char *const no[] = { "0", "no", "n", "false", "f", "off" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcmp(s, yes[i])) {
			*ret = true;
			return true;
		}
		if (!strcmp(s, no[i])) {
			*ret = false;
			return true;
		}
	}
	return false;
}

/* The words, or false: the caller reads a number. */
static bool timeout_word(const char *s, struct loader_timeout *ret)
{
	if (!strcmp(s, "menu-force"))
		ret->kind = LOADER_TIMEOUT_MENU_FORCE;
	else if (!strcmp(s, "menu-hidden"))
		ret->kind = LOADER_TIMEOUT_MENU_HIDDEN;
	else if (!strcmp(s, "menu-disabled"))
		ret->kind = LOADER_TIMEOUT_MENU_DISABLED;
	else
		return false;
	ret->seconds = 0;
	return true;
}

/* A number at most UINT32_MAX, with systemd-boot's special values. */
static void timeout_number(uint32_t n, struct loader_timeout *ret)
{
	ret->seconds = 0;
	if (n == 0)
		ret->kind = LOADER_TIMEOUT_MENU_HIDDEN;
	else if (n == LOADER_TIMEOUT_NUMBER_UNSET)
		ret->kind = LOADER_TIMEOUT_UNSET;
	else if (n == LOADER_TIMEOUT_NUMBER_FORCE)
		ret->kind = LOADER_TIMEOUT_MENU_FORCE;
	else {
		ret->kind = LOADER_TIMEOUT_SECONDS;
		ret->seconds = n;
	}
}

bool loader_timeout_parse(const char *text, struct loader_timeout *ret)
{
	uint64_t n;

	if (timeout_word(text, ret))
		return true;
	if (!parse_u64(text, &n))
		return false;
	/* A variable's larger numbers are clamped (loader.conf refuses them). */
	timeout_number(n > UINT32_MAX ? UINT32_MAX : (uint32_t)n, ret);
	return true;
}

size_t loader_timeout_format(const struct loader_timeout *t, char *buf, size_t cap)
{
	const char *word = NULL;

	if (!cap)
		return 0;
	buf[0] = '\0';
	switch (t->kind) {
	case LOADER_TIMEOUT_UNSET:
		return 0;
	case LOADER_TIMEOUT_SECONDS:
		return fmt_format(buf, cap, "%u", (unsigned)t->seconds);
	case LOADER_TIMEOUT_MENU_HIDDEN:
		word = "menu-hidden";
		break;
	case LOADER_TIMEOUT_MENU_FORCE:
		word = "menu-force";
		break;
	default:
		word = "menu-disabled";
		break;
	}
	return fmt_format(buf, cap, "%s", word);
}

void loader_conf_defaults(struct loader_conf *ret)
{
	memset(ret, 0, sizeof(*ret));
	ret->timeout.kind = LOADER_TIMEOUT_UNSET;
	ret->editor = true;
	ret->auto_entries = true;
	ret->auto_firmware = true;
	ret->console_mode = LOADER_CONSOLE_KEEP;
}

static void bad_value(struct parser *p, const char *key, const char *value)
{
	conf_warn(p->c->warnings, &p->c->n_warnings, p->line, "bad `%s` value `%s`, ignored", key,
		  value);
}

static void set_timeout(struct parser *p, const char *key, const char *value)
{
	uint64_t n;

	if (timeout_word(value, &p->c->timeout))
		return;
	if (!parse_u64(value, &n) || n > UINT32_MAX) {
		bad_value(p, key, value);
		return;
	}
	timeout_number((uint32_t)n, &p->c->timeout);
}

/* "@saved" in any case: systemd-boot's one special entry id. */
static bool is_saved(const char *value)
{
	static const char saved[] = "saved";

	if (value[0] != '@')
		return false;
	/* A NUL never matches a letter, so the walk stops at the end of the value. */
	for (size_t i = 0; i < sizeof(saved) - 1; i++)
		if ((value[i + 1] | 0x20) != saved[i])
			return false;
	return !value[sizeof(saved)];
}

static void set_default(struct parser *p, const char *key, const char *value)
{
	struct loader_conf *c = p->c;

	if (is_saved(value)) {
		c->default_saved = true;
		c->default_pattern = NULL;
	} else if (value[0] == '@') {
		bad_value(p, key, value);
	} else {
		c->default_saved = false;
		c->default_pattern = value;
	}
}

static void set_console_mode(struct parser *p, const char *key, const char *value)
{
	struct loader_conf *c = p->c;
	uint64_t n;

	if (!strcmp(value, "keep"))
		c->console_mode = LOADER_CONSOLE_KEEP;
	else if (!strcmp(value, "auto"))
		c->console_mode = LOADER_CONSOLE_AUTO;
	else if (!strcmp(value, "max"))
		c->console_mode = LOADER_CONSOLE_MAX;
	else if (parse_u64(value, &n) && n <= INT32_MAX) {
		c->console_mode = LOADER_CONSOLE_NUMBER;
		c->console_mode_number = (uint32_t)n;
	} else
		bad_value(p, key, value);
}

static void set_bool(struct parser *p, bool *field, const char *key, const char *value)
{
	if (!parse_bool(value, field))
		bad_value(p, key, value);
}

/* As systemd-boot: a value wholly in "..." or '...' loses the quotes. */
static char *unquote(char *value)
{
	size_t n = strlen(value);

	if (n >= 2 && (value[0] == '"' || value[0] == '\'') && value[n - 1] == value[0]) {
		value[n - 1] = '\0';
		return value + 1;
	}
	return value;
}

static void handle(struct parser *p, const char *key, char *value)
{
	struct loader_conf *c = p->c;

	if (!*value) {
		conf_warn(c->warnings, &c->n_warnings, p->line, "`%s` needs a value, ignored", key);
		return;
	}
	value = unquote(value);
	if (!strcmp(key, "timeout"))
		set_timeout(p, key, value);
	else if (!strcmp(key, "default"))
		set_default(p, key, value);
	else if (!strcmp(key, "editor"))
		set_bool(p, &c->editor, key, value);
	else if (!strcmp(key, "auto-entries"))
		set_bool(p, &c->auto_entries, key, value);
	else if (!strcmp(key, "auto-firmware"))
		set_bool(p, &c->auto_firmware, key, value);
	else if (!strcmp(key, "console-mode"))
		set_console_mode(p, key, value);
	else {
		for (size_t i = 0; i < sizeof(unsupported_keys) / sizeof(unsupported_keys[0]); i++)
			if (!strcmp(key, unsupported_keys[i])) {
				conf_warn(c->warnings, &c->n_warnings, p->line,
					  "`%s` is not supported, ignored", key);
				return;
			}
		conf_warn(c->warnings, &c->n_warnings, p->line, "unknown key `%s`, ignored", key);
	}
}

int loader_conf_parse(char *text, size_t size, struct loader_conf *ret, struct diag *diag)
{
	struct parser p = { .c = ret };
	struct conf_reader r;
	char *key, *value;
	int rc;

	loader_conf_defaults(ret);
	rc = conf_lines_begin(&r, text, size, LOADER_CONF_MAX_BYTES, diag);
	while (!rc) {
		rc = conf_lines_next(&r, &key, &value, diag);
		if (rc || !key)
			break;
		p.line = r.line;
		handle(&p, key, value);
	}
	return rc;
}

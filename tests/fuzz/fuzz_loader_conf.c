/* SPDX-License-Identifier: MIT */
/*
 * loader.conf (core/loader_conf.c) and the timeout variable forms from
 * arbitrary bytes.  The parser reads only the `size` bytes it is given plus
 * the one NUL it writes after them (the buffer is exactly that long, so
 * ASan sees any overrun); only malformed text is refused, and what it
 * accepts is well formed: a default pattern inside the buffer or @saved,
 * never both, a timeout and console mode in their ranges, warnings with
 * their lines.  The same bytes, read as a variable's value, must parse to a
 * timeout that formats and parses back to itself.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "loader_conf.h"

static struct loader_conf lc;

static void check_timeout(const struct loader_timeout *t)
{
	CHECK(t->kind >= LOADER_TIMEOUT_UNSET && t->kind <= LOADER_TIMEOUT_MENU_DISABLED, "kind %d",
	      t->kind);
	if (t->kind == LOADER_TIMEOUT_SECONDS)
		CHECK(t->seconds >= 1 && t->seconds < LOADER_TIMEOUT_NUMBER_UNSET, "seconds %u",
		      t->seconds);
	else
		CHECK(t->seconds == 0, "seconds %u without a countdown", t->seconds);
}

static void check_conf(const char *buf, size_t size)
{
	const char *p = lc.default_pattern;

	check_timeout(&lc.timeout);
	CHECK(!p || (p >= buf && p <= buf + size && memchr(p, '\0', (size_t)(buf + size + 1 - p))),
	      "default pattern outside the text");
	CHECK(!(p && lc.default_saved), "a pattern and @saved");
	CHECK(lc.console_mode >= LOADER_CONSOLE_KEEP && lc.console_mode <= LOADER_CONSOLE_NUMBER,
	      "console mode %d", lc.console_mode);
	CHECK(lc.console_mode_number <= 0x7fffffffu, "console mode number %u",
	      lc.console_mode_number);
	for (size_t i = 0; i < lc.n_warnings && i < LOADER_CONF_MAX_WARNINGS; i++)
		CHECK(lc.warnings[i].line &&
			      memchr(lc.warnings[i].msg, '\0', sizeof(lc.warnings[i].msg)),
		      "warning %zu", i);
}

/* The input as a variable's text: what parses formats and parses back the same. */
static void check_variable(const uint8_t *data, size_t size)
{
	char text[32], out[LOADER_TIMEOUT_TEXT_MAX];
	struct loader_timeout t, back;
	size_t n;

	if (size >= sizeof(text))
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	if (!loader_timeout_parse(text, &t))
		return;
	check_timeout(&t);
	n = loader_timeout_format(&t, out, sizeof(out));
	CHECK(n < sizeof(out) && strlen(out) == n, "formatted length %zu", n);
	if (t.kind == LOADER_TIMEOUT_UNSET) {
		CHECK(n == 0, "unset formatted as \"%s\"", out);
		return;
	}
	CHECK(loader_timeout_parse(out, &back), "\"%s\" does not parse back", out);
	CHECK(back.kind == t.kind && back.seconds == t.seconds, "\"%s\" -> \"%s\" changed", text,
	      out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { "" };
	char *buf;
	int rc;

	check_variable(data, size);
	if (size > LOADER_CONF_MAX_BYTES + 1)
		return 0;
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	rc = loader_conf_parse(buf, size, &lc, &d);
	CHECK(rc == CL_OK || rc == CL_E_CONFIG, "status %s", cl_status_name(rc));
	if (rc)
		CHECK(d.msg[0], "rejected without a message");
	else
		check_conf(buf, size);
	free(buf);
	return 0;
}

/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "fmt.h"
#include "utf8.h"

struct parser {
	struct config *c;
	struct diag *diag;
	unsigned line;
	unsigned title_line, version_line, linux_line;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void warn(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warn(struct parser *p, const char *fmt, ...)
{
	struct config *c = p->c;
	va_list ap;

	if (c->n_warnings < CONFIG_MAX_WARNINGS) {
		c->warnings[c->n_warnings].line = p->line;
		va_start(ap, fmt);
		fmt_vformat(c->warnings[c->n_warnings].msg, sizeof(c->warnings[0].msg), fmt, ap);
		va_end(ap);
	}
	c->n_warnings++;
}

/* A line must be well-formed UTF-8 text: no NUL, no control characters but tab. */
static int check_text(struct parser *p, const char *line, size_t n)
{
	const uint8_t *s = (const uint8_t *)line;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);

		if (cp == UTF8_INVALID)
			return diag_set(p->diag, CL_E_CONFIG,
					"line %u: byte 0x%02x at column %zu is not UTF-8 text",
					p->line, s[i], i + 1);
		if ((cp < 0x20 && cp != '\t') || cp == 0x7f)
			return diag_set(
				p->diag, CL_E_CONFIG,
				"line %u: control character 0x%02x at column %zu: not a text file",
				p->line, s[i], i + 1);
		i += len;
	}
	return CL_OK;
}

static int set_once(struct parser *p, const char **field, unsigned *field_line, const char *key,
		    const char *value)
{
	if (*field)
		return diag_set(p->diag, CL_E_CONFIG,
				"line %u: second `%s` line (the first is line %u)", p->line, key,
				*field_line);
	*field = value;
	*field_line = p->line;
	return CL_OK;
}

/* `options` values are split at blanks in place; each word ends in a NUL. */
static int add_words(struct parser *p, char *value)
{
	struct config *c = p->c;
	char *s = value;

	while (*s) {
		if (c->n_words == CONFIG_MAX_WORDS)
			return diag_set(p->diag, CL_E_CONFIG, "line %u: more than %d option words",
					p->line, CONFIG_MAX_WORDS);
		c->words[c->n_words++] = s;
		while (*s && !is_blank(*s))
			s++;
		if (!*s)
			break;
		*s++ = '\0';
		while (is_blank(*s))
			s++;
	}
	return CL_OK;
}

/* BLS architecture names are case-insensitive; chainload boots x86-64 only. */
static int check_architecture(struct parser *p, const char *value)
{
	if ((value[0] == 'x' || value[0] == 'X') && !strcmp(value + 1, "64"))
		return CL_OK;
	return diag_set(p->diag, CL_E_CONFIG, "line %u: entry is for architecture `%s`, not x64",
			p->line, value);
}

static int handle(struct parser *p, const char *key, char *value)
{
	struct config *c = p->c;

	if (!*value)
		return diag_set(p->diag, CL_E_CONFIG, "line %u: `%s` needs a value", p->line, key);
	if (!strcmp(key, "title"))
		return set_once(p, &c->title, &p->title_line, key, value);
	if (!strcmp(key, "version"))
		return set_once(p, &c->version, &p->version_line, key, value);
	if (!strcmp(key, "linux"))
		return set_once(p, &c->linux_path, &p->linux_line, key, value);
	if (!strcmp(key, "initrd")) {
		if (c->n_initrds == CONFIG_MAX_INITRDS)
			return diag_set(p->diag, CL_E_CONFIG,
					"line %u: more than %d `initrd` lines", p->line,
					CONFIG_MAX_INITRDS);
		c->initrds[c->n_initrds++] = value;
		return CL_OK;
	}
	if (!strcmp(key, "options"))
		return add_words(p, value);
	if (!strcmp(key, "architecture"))
		return check_architecture(p, value);
	/* Menu metadata of the specification: meaningless for one entry, not wrong. */
	if (!strcmp(key, "machine-id") || !strcmp(key, "sort-key"))
		return CL_OK;
	warn(p, "unknown key `%s`, ignored", key);
	return CL_OK;
}

/* One line, NUL-terminated in place, without its line break. */
static int parse_line(struct parser *p, char *s, size_t n)
{
	char *key, *value;
	int rc;

	if (n && s[n - 1] == '\r')
		n--;
	rc = check_text(p, s, n);
	if (rc)
		return rc;
	while (n && is_blank(s[n - 1]))
		n--;
	s[n] = '\0';
	while (is_blank(*s))
		s++;
	if (!*s || *s == '#')
		return CL_OK;
	key = s;
	while (*s && !is_blank(*s))
		s++;
	value = s;
	if (*s) {
		*s = '\0';
		for (value = s + 1; is_blank(*value); value++)
			;
	}
	return handle(p, key, value);
}

int config_parse(char *text, size_t size, struct config *ret, struct diag *diag)
{
	struct parser p = { ret, diag, 0, 0, 0, 0 };
	size_t pos = 0;
	int rc;

	memset(ret, 0, sizeof(*ret));
	if (size > CONFIG_MAX_BYTES)
		return diag_set(diag, CL_E_CONFIG, "file is %zu bytes, more than the %d allowed",
				size, CONFIG_MAX_BYTES);
	text[size] = '\0';
	/* A UTF-8 byte-order mark, as some Windows editors write. */
	if (size >= 3 && (unsigned char)text[0] == 0xef && (unsigned char)text[1] == 0xbb &&
	    (unsigned char)text[2] == 0xbf)
		pos = 3;
	while (pos < size) {
		size_t n = 0;

		while (pos + n < size && text[pos + n] != '\n')
			n++;
		p.line++;
		rc = parse_line(&p, text + pos, n);
		if (rc)
			return rc;
		pos += n + 1;
	}
	if (!ret->linux_path)
		return diag_set(diag, CL_E_CONFIG, "no `linux` line: nothing to boot");
	return CL_OK;
}

int config_path_beside(const char *image_path, char *out, size_t cap, struct diag *diag)
{
	const char *name = CONFIG_DEFAULT_NAME;
	size_t dir = 0, n = strlen(name);

	for (size_t i = 0; image_path[i]; i++)
		if (image_path[i] == '\\' || image_path[i] == '/')
			dir = i + 1;
	if ((dir ? dir : 1) + n + 1 > cap)
		return diag_set(diag, CL_E_TOO_MANY, "path longer than %zu bytes",
				cap ? cap - 1 : 0);
	memcpy(out, image_path, dir);
	if (!dir)
		out[dir++] = '\\';
	memcpy(out + dir, name, n + 1);
	return CL_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * The shared line reader of entry files and loader.conf (conf_lines.h):
 * splitting, trimming, comments and the text check, once for both.
 */
#include "conf_lines.h"

#include <stdarg.h>
#include <stdint.h>

#include "fmt.h"
#include "utf8.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A line must be well-formed UTF-8 text: no NUL, no control characters but tab. */
static int check_text(const char *line, size_t n, unsigned line_no, struct diag *diag)
{
	const uint8_t *s = (const uint8_t *)line;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);

		if (cp == UTF8_INVALID)
			return diag_set(diag, CL_E_CONFIG,
					"line %u: byte 0x%02x at column %zu is not UTF-8 text",
					line_no, s[i], i + 1);
		if ((cp < 0x20 && cp != '\t') || cp == 0x7f)
			return diag_set(
				diag, CL_E_CONFIG,
				"line %u: control character 0x%02x at column %zu: not a text file",
				line_no, s[i], i + 1);
		i += len;
	}
	return CL_OK;
}

int conf_lines_begin(struct conf_reader *r, char *text, size_t size, size_t max_bytes,
		     struct diag *diag)
{
	r->text = text;
	r->size = 0;
	r->pos = 0;
	r->line = 0;
	if (size > max_bytes)
		return diag_set(diag, CL_E_CONFIG, "file is %zu bytes, more than the %zu allowed",
				size, max_bytes);
	r->size = size;
	text[size] = '\0';
	/* A UTF-8 byte-order mark, as some Windows editors write. */
	if (size >= 3 && (unsigned char)text[0] == 0xef && (unsigned char)text[1] == 0xbb &&
	    (unsigned char)text[2] == 0xbf)
		r->pos = 3;
	return CL_OK;
}

/*
 * Splits one line, s[0..n) without its LF, in place.  *ret_key is NULL for
 * a blank or comment line.
 */
static int split_line(char *s, size_t n, unsigned line_no, char **ret_key, char **ret_value,
		      struct diag *diag)
{
	char *value;
	int rc;

	*ret_key = NULL;
	if (n && s[n - 1] == '\r')
		n--;
	rc = check_text(s, n, line_no, diag);
	if (rc)
		return rc;
	while (n && is_blank(s[n - 1]))
		n--;
	s[n] = '\0';
	while (is_blank(*s))
		s++;
	if (!*s || *s == '#')
		return CL_OK;
	*ret_key = s;
	while (*s && !is_blank(*s))
		s++;
	value = s;
	if (*s) {
		*s = '\0';
		for (value = s + 1; is_blank(*value); value++)
			;
	}
	*ret_value = value;
	return CL_OK;
}

int conf_lines_next(struct conf_reader *r, char **ret_key, char **ret_value, struct diag *diag)
{
	*ret_key = NULL;
	while (r->pos < r->size) {
		char *s = r->text + r->pos;
		size_t n = 0;
		int rc;

		while (r->pos + n < r->size && s[n] != '\n')
			n++;
		r->line++;
		r->pos += n + 1;
		rc = split_line(s, n, r->line, ret_key, ret_value, diag);
		if (rc || *ret_key)
			return rc;
	}
	return CL_OK;
}

void conf_warn(struct conf_warning *table, size_t *n, unsigned line, const char *fmt, ...)
{
	va_list ap;

	if (*n < CONF_MAX_WARNINGS) {
		table[*n].line = line;
		va_start(ap, fmt);
		fmt_vformat(table[*n].msg, sizeof(table[0].msg), fmt, ap);
		va_end(ap);
	}
	++*n;
}

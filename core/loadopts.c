/* SPDX-License-Identifier: MIT */
#include "loadopts.h"

#include "le.h"
#include "utf16.h"

#define MAX_UNITS 4096

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* C0 and C1 controls (but blanks) and the noncharacters FFFE/FFFF are not text. */
static int is_text_unit(uint16_t u)
{
	if (u == '\t' || u == '\r' || u == '\n')
		return 1;
	return !(u < 0x20 || (u >= 0x7f && u < 0xa0) || u >= 0xfffe);
}

/* Splits text in place; quotes are dropped by compacting each word. */
static int split_words(char *text, char **argv, int max, int *ret_argc, struct diag *diag)
{
	char *r = text, *w = text;
	int argc = 0;

	for (;;) {
		int quoted = 0;

		while (is_blank(*r))
			r++;
		if (!*r)
			break;
		if (argc == max)
			return diag_set(diag, CL_E_USAGE, "more than %d words in load options", max);
		argv[argc++] = w;
		for (; *r && (quoted || !is_blank(*r)); r++) {
			if (*r == '"')
				quoted = !quoted;
			else
				*w++ = *r;
		}
		if (quoted)
			return diag_set(diag, CL_E_USAGE, "unterminated quote in load options");
		if (*r)
			r++;
		*w++ = '\0';
	}
	*ret_argc = argc;
	return CL_OK;
}

int loadopts_split(const uint8_t *buf, size_t size, char *text, size_t cap,
		   char **argv, int max, int *ret_argc, struct diag *diag)
{
	uint16_t units[MAX_UNITS];
	size_t n, len;
	int rc;

	if (size % 2) {
		if (buf[size - 1])
			return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
					"load options are %zu bytes, an odd count: not UTF-16 text",
					size);
		size--;	/* a stray trailing NUL byte */
	}
	n = size / 2;
	if (n > MAX_UNITS)
		return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
				"load options are longer than %d characters", MAX_UNITS);
	for (size_t i = 0; i < n; i++)
		units[i] = le16(buf + 2 * i);
	if (n && units[0] == 0xfeff) {	/* byte-order mark */
		for (size_t i = 1; i < n; i++)
			units[i - 1] = units[i];
		n--;
	}
	for (size_t i = 0; i < n && units[i]; i++)
		if (!is_text_unit(units[i]))
			return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
					"load options hold character 0x%04x: not text", units[i]);
	rc = utf16_to_utf8(units, n, text, cap, &len, diag);
	if (rc)
		return rc == CL_E_TOO_MANY ? diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
						      "load options too long") : rc;
	return split_words(text, argv, max, ret_argc, diag);
}

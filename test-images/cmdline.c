/* SPDX-License-Identifier: MIT */
/*
 * The test kernel's command-line words (tk.*=).  Words are separated by
 * single spaces; no quoting.  The string is already known to be mapped and
 * NUL-terminated; lengths are passed anyway so nothing reads past it.
 */
#include "tk.h"

static bool has_prefix(const char *s, uint64_t len, const char *prefix)
{
	uint64_t i;

	for (i = 0; prefix[i]; i++)
		if (i >= len || s[i] != prefix[i])
			return false;
	return true;
}

static uint64_t str_len(const char *s)
{
	uint64_t n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * Find the last word of s[0, len) that begins with @key (e.g. "tk.load=");
 * the value is the rest of that word.
 */
bool cmdline_find(const char *s, uint64_t len, const char *key, const char **val, uint64_t *val_len)
{
	uint64_t key_len = str_len(key);
	uint64_t start = 0, end;
	bool found = false;

	while (start < len) {
		for (end = start; end < len && s[end] != ' '; end++)
			;
		if (has_prefix(s + start, end - start, key)) {
			*val = s + start + key_len;
			*val_len = end - start - key_len;
			found = true;
		}
		start = end + 1;
	}
	return found;
}

/*
 * The last word must be "tk.cmdline_crc32=" and 8 lowercase hex digits, with
 * nothing after it.  It covers every byte before the space that precedes it
 * (none if the word stands alone).
 */
bool cmdline_crc_word(const char *s, uint64_t len, uint64_t *covered, uint32_t *crc)
{
	static const char key[] = "tk.cmdline_crc32=";
	uint64_t start = len;

	while (start > 0 && s[start - 1] != ' ')
		start--;
	if (!has_prefix(s + start, len - start, key))
		return false;
	if (!parse_crc32(s + start + sizeof(key) - 1, len - start - (sizeof(key) - 1), crc))
		return false;
	*covered = start ? start - 1 : 0;
	return true;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "0x" and 1 to 16 hex digits, either case. */
bool parse_hex64(const char *s, uint64_t len, uint64_t *out)
{
	uint64_t v = 0, i;

	if (len < 3 || len > 18 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return false;
	for (i = 2; i < len; i++) {
		int d = hex_digit(s[i]);

		if (d < 0)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return true;
}

/* 1 to 20 decimal digits, no overflow. */
bool parse_dec64(const char *s, uint64_t len, uint64_t *out)
{
	uint64_t v = 0, i;

	if (len < 1 || len > 20)
		return false;
	for (i = 0; i < len; i++) {
		uint64_t d = (uint64_t)(s[i] - '0');

		if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* Exactly 8 lowercase hex digits, no prefix. */
bool parse_crc32(const char *s, uint64_t len, uint32_t *out)
{
	uint32_t v = 0;
	uint64_t i;

	if (len != 8)
		return false;
	for (i = 0; i < len; i++) {
		int d = hex_digit(s[i]);

		if (d < 0 || (s[i] >= 'A' && s[i] <= 'F'))
			return false;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return true;
}

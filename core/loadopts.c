/* SPDX-License-Identifier: MIT */
#include "loadopts.h"

#include "le.h"
#include "utf16.h"

/*
 * OptionalData of the boot options edk2 creates by itself (one per disk,
 * booting \EFI\BOOT\BOOTX64.EFI): the GUID 8108ac4e-9f11-4d59-850e-e21a522c59b2,
 * in its in-memory byte order.  A marker for the firmware, not options for us.
 */
static const uint8_t edk2_auto_option[16] = {
	0x4e, 0xac, 0x08, 0x81, 0x11, 0x9f, 0x59, 0x4d,
	0x85, 0x0e, 0xe2, 0x1a, 0x52, 0x2c, 0x59, 0xb2,
};

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

static int is_ascii_print(uint8_t b)
{
	return b >= 0x20 && b < 0x7f;
}

static int is_edk2_auto_option(const uint8_t *buf, size_t size)
{
	if (size != sizeof(edk2_auto_option))
		return 0;
	for (size_t i = 0; i < size; i++)
		if (buf[i] != edk2_auto_option[i])
			return 0;
	return 1;
}

/*
 * Options written as 8-bit text (efibootmgr without --unicode) are bytes of
 * printable ASCII, maybe NUL-separated or -terminated.  UTF-16 text has a
 * zero byte right after its first character whenever that is ASCII, as a
 * blank, a backslash or an option's dash always are; only text that starts
 * with two characters from U+2020..U+7E7E would be taken for 8-bit.
 */
static int looks_8bit(const uint8_t *buf, size_t size)
{
	if (size < 2 || !is_ascii_print(buf[0]) || !is_ascii_print(buf[1]))
		return 0;
	for (size_t i = 2; i < size; i++)
		if (buf[i] && !is_ascii_print(buf[i]))
			return 0;
	return 1;
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
			return diag_set(diag, CL_E_USAGE, "more than %d words", max);
		argv[argc++] = w;
		for (; *r && (quoted || !is_blank(*r)); r++) {
			if (*r == '"')
				quoted = !quoted;
			else
				*w++ = *r;
		}
		if (quoted)
			return diag_set(diag, CL_E_USAGE, "unterminated double quote");
		if (*r)
			r++;
		*w++ = '\0';
	}
	*ret_argc = argc;
	return CL_OK;
}

size_t loadopts_text_cap(size_t size)
{
	size_t units = size / 2;

	return utf16_utf8_bound(units < LOADOPTS_MAX_CHARS ? units : LOADOPTS_MAX_CHARS);
}

int loadopts_split(const uint8_t *buf, size_t size, char *text, size_t cap, char **argv, int max,
		   int *ret_argc, struct diag *diag)
{
	uint16_t units[LOADOPTS_MAX_CHARS];
	size_t n, len, start = 0;
	int ascii = 0, rc;

	if (!size || is_edk2_auto_option(buf, size)) {
		*ret_argc = 0;
		return CL_OK;
	}
	if (looks_8bit(buf, size))
		return diag_set(
			diag, CL_E_OPTIONS_NOT_TEXT,
			"8-bit text, not UTF-16 (create the entry with efibootmgr --unicode)");
	if (size % 2) {
		if (buf[size - 1])
			return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
					"%zu bytes, an odd count: not UTF-16 text", size);
		size--; /* a stray trailing NUL byte */
	}
	n = size / 2;
	if (n && le16(buf) == 0xfffe)
		return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
				"byte-swapped byte-order mark: big-endian UTF-16 is not supported");
	if (n && le16(buf) == 0xfeff)
		start = 1;
	/* The string ends at its NUL; after it there may only be padding. */
	for (len = start; len < n && le16(buf + 2 * len); len++)
		;
	for (size_t i = len; i < n; i++)
		if (le16(buf + 2 * i))
			return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
					"text goes on after a NUL at character %zu "
					"(binary data, or several efibootmgr --unicode arguments)",
					len - start);
	len -= start;
	if (len > LOADOPTS_MAX_CHARS)
		return diag_set(diag, CL_E_OPTIONS_NOT_TEXT, "%zu characters, longer than %d", len,
				LOADOPTS_MAX_CHARS);
	for (size_t i = 0; i < len; i++) {
		units[i] = le16(buf + 2 * (start + i));
		if (!is_text_unit(units[i]))
			return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
					"character 0x%04x at position %zu is not text", units[i],
					i);
		ascii |= units[i] < 0x80;
	}
	/* Binary data often decodes as valid UTF-16; options always hold some ASCII. */
	if (len && !ascii)
		return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
				"%zu characters and none of them ASCII: binary data, not options",
				len);
	rc = utf16_to_utf8(units, len, text, cap, &len, diag);
	if (rc)
		return rc == CL_E_TOO_MANY ? diag_set(diag, CL_E_OPTIONS_NOT_TEXT, "too long") : rc;
	return split_words(text, argv, max, ret_argc, diag);
}

/* The part of `path` after its last '\' or '/'. */
static const char *last_component(const char *path)
{
	const char *name = path;

	for (; *path; path++)
		if (*path == '\\' || *path == '/')
			name = path + 1;
	return name;
}

static char fold(char c)
{
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 'A');
	return c;
}

bool loadopts_names_image(const char *word, const char *image_path)
{
	const char *a = last_component(word), *b = last_component(image_path);

	if (!*b)
		return false;
	for (; *a && fold(*a) == fold(*b); a++, b++)
		;
	return !*a && !*b;
}

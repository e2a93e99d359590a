/* SPDX-License-Identifier: MIT */
#include "utf16.h"

size_t utf16_utf8_bound(size_t units)
{
	return units * 3 + 1; /* a unit is at most 3 bytes; pairs give 4 for 2 */
}

static size_t encode(uint32_t cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int utf16_to_utf8(const uint16_t *in, size_t units, char *out, size_t cap, size_t *ret_len,
		  struct diag *diag)
{
	size_t len = 0;

	for (size_t i = 0; i < units && in[i]; i++) {
		uint32_t cp = in[i];
		char buf[4];
		size_t n;

		if (cp >= 0xdc00 && cp <= 0xdfff)
			return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
					"unpaired UTF-16 low surrogate at unit %zu", i);
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (i + 1 >= units || in[i + 1] < 0xdc00 || in[i + 1] > 0xdfff)
				return diag_set(diag, CL_E_OPTIONS_NOT_TEXT,
						"unpaired UTF-16 high surrogate at unit %zu", i);
			cp = 0x10000 + ((cp - 0xd800) << 10) + (in[++i] - 0xdc00);
		}
		n = encode(cp, buf);
		if (n >= cap - len)
			return diag_set(diag, CL_E_TOO_MANY, "text longer than %zu bytes", cap - 1);
		for (size_t k = 0; k < n; k++)
			out[len++] = buf[k];
	}
	if (!cap)
		return diag_set(diag, CL_E_TOO_MANY, "no room for text");
	out[len] = '\0';
	*ret_len = len;
	return CL_OK;
}

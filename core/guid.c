/* SPDX-License-Identifier: MIT */
#include "guid.h"

static char *put_hex(char *o, const uint8_t *bytes, int n, int reverse)
{
	static const char digits[] = "0123456789ABCDEF";

	for (int i = 0; i < n; i++) {
		uint8_t b = bytes[reverse ? n - 1 - i : i];

		*o++ = digits[b >> 4];
		*o++ = digits[b & 0xf];
	}
	return o;
}

void guid_format(const uint8_t guid[16], char out[GUID_TEXT_LEN + 1])
{
	char *o = out;

	o = put_hex(o, guid, 4, 1);
	*o++ = '-';
	o = put_hex(o, guid + 4, 2, 1);
	*o++ = '-';
	o = put_hex(o, guid + 6, 2, 1);
	*o++ = '-';
	o = put_hex(o, guid + 8, 2, 0);
	*o++ = '-';
	o = put_hex(o, guid + 10, 6, 0);
	*o = '\0';
}

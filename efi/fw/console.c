/* SPDX-License-Identifier: MIT */
#include "fw/console.h"

#include <efilib.h>
#include <stdarg.h>

#include "fmt.h"
#include "fw/efi_status.h"
#include "utf8.h"

#define LINE_MAX 512

/*
 * Decodes UTF-8 and writes it, \n as CR LF.  What the console cannot show
 * (an ill-formed part, a character above U+FFFF) becomes one '?'.
 */
static void put_utf8(const char *s)
{
	CHAR16 out[LINE_MAX + 2];
	UINTN n = 0;

	while (*s) {
		uint32_t c;

		s += utf8_decode((const uint8_t *)s, UTF8_MAX_LEN, &c);
		if (c == UTF8_INVALID || c > 0xffff)
			c = '?';
		if (c == '\n')
			out[n++] = L'\r';
		out[n++] = (CHAR16)c;
		if (n >= LINE_MAX) {
			out[n] = 0;
			ST->ConOut->OutputString(ST->ConOut, out);
			n = 0;
		}
	}
	out[n] = 0;
	ST->ConOut->OutputString(ST->ConOut, out);
}

void con_print(const char *fmt, ...)
{
	char buf[LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	put_utf8(buf);
}

EFI_STATUS con_error(EFI_STATUS status, const char *what, const char *fmt, ...)
{
	char msg[LINE_MAX / 2];
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	con_print("chainload: error: %s: %s (%s)\n", what, msg, efi_status_name(status));
	return status;
}

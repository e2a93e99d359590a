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

/*
 * A message on its way out: formatted bytes gather here and go to put_utf8()
 * whenever the buffer fills, so no line is ever cut, however long.
 */
struct con_out {
	char buf[LINE_MAX];
	UINTN n;
};

/*
 * Bytes at the end of buf[0..n) that may be a character cut short: from the
 * last character start (a byte that is no UTF-8 continuation) within the
 * last four bytes.  0 when there is none, or it is the whole buffer.
 */
static UINTN last_char_len(const char *buf, UINTN n)
{
	for (UINTN len = 1; len <= 4 && len < n; len++)
		if (((unsigned char)buf[n - len] & 0xc0) != 0x80)
			return len;
	return 0;
}

/* Writes what is gathered; with `hold_last`, keeps the last character for later. */
static void con_flush(struct con_out *o, BOOLEAN hold_last)
{
	UINTN keep = hold_last ? last_char_len(o->buf, o->n) : 0;
	char held[4];

	CopyMem(held, o->buf + o->n - keep, keep);
	o->buf[o->n - keep] = '\0';
	put_utf8(o->buf);
	CopyMem(o->buf, held, keep);
	o->n = keep;
}

static void con_put(void *ctx, const char *p, size_t n)
{
	struct con_out *o = ctx;

	for (size_t i = 0; i < n; i++) {
		if (o->n + 1 == sizeof(o->buf))
			con_flush(o, TRUE);
		o->buf[o->n++] = p[i];
	}
}

static void con_write(struct con_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void con_write(struct con_out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vstream(con_put, o, fmt, ap);
	va_end(ap);
}

void con_print(const char *fmt, ...)
{
	struct con_out o = { .n = 0 };
	va_list ap;

	va_start(ap, fmt);
	fmt_vstream(con_put, &o, fmt, ap);
	va_end(ap);
	con_flush(&o, FALSE);
}

/* The last error line, without its "chainload: error: ", for the boot menu. */
static char last_error[LINE_MAX];

EFI_STATUS con_error(EFI_STATUS status, const char *what, const char *fmt, ...)
{
	struct con_out o = { .n = 0 };
	char msg[LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fmt_format(last_error, sizeof(last_error), "%s: %s (%s)", what, msg,
		   efi_status_name(status));
	con_write(&o, "chainload: error: %s: ", what);
	va_start(ap, fmt);
	fmt_vstream(con_put, &o, fmt, ap);
	va_end(ap);
	con_write(&o, " (%s)\n", efi_status_name(status));
	con_flush(&o, FALSE);
	return status;
}

const char *con_last_error(void)
{
	return last_error;
}

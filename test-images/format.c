/* SPDX-License-Identifier: MIT */
/*
 * A small printf: %c %s %u %x %lu %lx and %%, with an optional '0' flag and
 * a width.  Output goes to the serial port or into a bounded buffer.
 */
#include "tk.h"

typedef void (*put_fn)(void *ctx, char c);

static void put_serial(void *ctx, char c)
{
	(void)ctx;
	serial_putc(c);
}

static void put_buf(void *ctx, char c)
{
	struct tk_buf *b = ctx;

	if (b->len + 1 < b->cap) {
		b->p[b->len++] = c;
		b->p[b->len] = '\0';
	}
}

static void put_number(put_fn put, void *ctx, uint64_t v, unsigned int base, unsigned int width,
		       char pad)
{
	char digits[20];
	unsigned int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (width > n) {
		put(ctx, pad);
		width--;
	}
	while (n)
		put(ctx, digits[--n]);
}

static void vformat(put_fn put, void *ctx, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		unsigned int width = 0;
		bool is_long = false;
		char pad = ' ';
		const char *s;
		uint64_t v;

		if (*fmt != '%') {
			put(ctx, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned int)(*fmt++ - '0');
		if (*fmt == 'l') {
			is_long = true;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			put(ctx, (char)va_arg(ap, int));
			break;
		case 's':
			for (s = va_arg(ap, const char *); *s; s++)
				put(ctx, *s);
			break;
		case 'u':
		case 'x':
			v = is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			put_number(put, ctx, v, *fmt == 'u' ? 10 : 16, width, pad);
			break;
		case '%':
			put(ctx, '%');
			break;
		default: /* unknown or truncated conversion: show it */
			put(ctx, '%');
			if (!*fmt)
				return;
			put(ctx, *fmt);
			break;
		}
	}
}

void tk_buf_init(struct tk_buf *b, char *p, unsigned int cap)
{
	b->p = p;
	b->len = 0;
	b->cap = cap;
	p[0] = '\0';
}

void tk_vbprintf(struct tk_buf *b, const char *fmt, va_list ap)
{
	vformat(put_buf, b, fmt, ap);
}

void tk_bprintf(struct tk_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(put_buf, b, fmt, ap);
	va_end(ap);
}

void tk_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(put_serial, NULL, fmt, ap);
	va_end(ap);
}

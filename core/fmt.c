/* SPDX-License-Identifier: MIT */
#include "fmt.h"

#include <stdint.h>

/* Where the formatter's bytes go, and how many went. */
struct sink {
	fmt_put_fn *out;
	void *ctx;
	size_t len;
};

static void put_bytes(struct sink *s, const char *p, size_t n)
{
	if (n)
		s->out(s->ctx, p, n);
	s->len += n;
}

static void put(struct sink *s, char c)
{
	put_bytes(s, &c, 1);
}

static void put_number(struct sink *s, uint64_t v, unsigned base, int negative, unsigned width,
		       char pad)
{
	char digits[24];
	unsigned n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (negative)
		digits[n++] = '-';
	while (width > n) {
		put(s, pad);
		width--;
	}
	while (n)
		put(s, digits[--n]);
}

size_t fmt_vstream(fmt_put_fn *out, void *ctx, const char *fmt, va_list ap)
{
	struct sink s = { out, ctx, 0 };

	for (; *fmt; fmt++) {
		unsigned width = 0, longs = 0;
		int left = 0;
		char pad = ' ';
		uint64_t v;

		if (*fmt != '%') {
			put(&s, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '-') {
			left = 1;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned)(*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			longs += *fmt == 'z' ? 2 : 1;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *str = va_arg(ap, const char *);

			size_t n = 0;

			if (!str)
				str = "(null)";
			while (str[n])
				n++;
			for (; !left && width > n; width--)
				put(&s, ' ');
			put_bytes(&s, str, n);
			for (; left && width > n; width--)
				put(&s, ' ');
			break;
		}
		case 'c':
			put(&s, (char)va_arg(ap, int));
			break;
		case 'd': {
			int64_t d = longs ? va_arg(ap, long long) : va_arg(ap, int);

			put_number(&s, d < 0 ? -(uint64_t)d : (uint64_t)d, 10, d < 0, width, pad);
			break;
		}
		case 'u':
		case 'x':
			v = longs ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
			put_number(&s, v, *fmt == 'u' ? 10 : 16, 0, width, pad);
			break;
		case '%':
			put(&s, '%');
			break;
		default: /* unknown conversion: show it rather than guess */
			put(&s, '%');
			if (!*fmt)
				goto out;
			put(&s, *fmt);
		}
	}
out:
	return s.len;
}

/* fmt_vformat's destination: a buffer that keeps what fits. */
struct bounded {
	char *buf;
	size_t size; /* capacity including the NUL */
	size_t len;
};

static void put_bounded(void *ctx, const char *p, size_t n)
{
	struct bounded *b = ctx;

	for (size_t i = 0; i < n && b->len + 1 < b->size; i++)
		b->buf[b->len++] = p[i];
}

size_t fmt_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bounded b = { buf, size, 0 };

	fmt_vstream(put_bounded, &b, fmt, ap);
	if (size)
		buf[b.len] = '\0';
	return b.len;
}

size_t fmt_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

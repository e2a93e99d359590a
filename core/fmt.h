/* SPDX-License-Identifier: MIT */
/* A small bounded printf for messages: no allocation, always NUL-terminated. */
#ifndef CHAINLOAD_FMT_H
#define CHAINLOAD_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Supports %s %c %d %u %x with the l, ll and z length modifiers, the '-'
 * (left-justify, strings only) and '0' flags and a field width.  Output is
 * truncated to fit `size` bytes; the return value is the number of bytes
 * written, not counting the NUL.
 */
size_t fmt_vformat(char *buf, size_t size, const char *fmt, va_list ap);

/* Takes formatted output in pieces: `n` bytes at `p`, not NUL-terminated. */
typedef void fmt_put_fn(void *ctx, const char *p, size_t n);

/*
 * The same conversions without a bound: every byte goes to `out`, in
 * order, in as many calls as it takes (a %s argument in one).  Returns the
 * number of bytes.
 */
size_t fmt_vstream(fmt_put_fn *out, void *ctx, const char *fmt, va_list ap);
size_t fmt_format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* CHAINLOAD_FMT_H */

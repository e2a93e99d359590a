/* SPDX-License-Identifier: MIT */
#include "status.h"

#include <stdarg.h>

#include "fmt.h"

static void diag_vset(struct diag *d, const char *fmt, va_list ap)
{
	if (d)
		fmt_vformat(d->msg, sizeof(d->msg), fmt, ap);
}

int diag_set(struct diag *d, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, fmt, ap);
	va_end(ap);
	return status;
}

bool diag_false(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, fmt, ap);
	va_end(ap);
	return false;
}

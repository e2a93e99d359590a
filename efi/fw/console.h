/* SPDX-License-Identifier: MIT */
/* Console output: UTF-8 printf-style text to ConOut.  Never after the exit. */
#ifndef CHAINLOAD_CONSOLE_H
#define CHAINLOAD_CONSOLE_H

#include <efi.h>

void con_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "chainload: error: WHAT: MESSAGE (EFI_STATUS_NAME)"; returns `status`. */
EFI_STATUS con_error(EFI_STATUS status, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The last con_error() line as "WHAT: MESSAGE (STATUS)"; "" before any. */
const char *con_last_error(void);

#endif /* CHAINLOAD_CONSOLE_H */

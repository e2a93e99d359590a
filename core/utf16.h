/* SPDX-License-Identifier: MIT */
/* UTF-16 (what UEFI speaks) to UTF-8 (what the kernel command line holds). */
#ifndef CHAINLOAD_UTF16_H
#define CHAINLOAD_UTF16_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/*
 * Converts up to `units` UTF-16 code units (stopping early at a NUL) into
 * NUL-terminated UTF-8 in out[0..cap).  Rejects unpaired surrogates and
 * output that does not fit.  Sets *ret_len to the bytes written, NUL excluded.
 */
int utf16_to_utf8(const uint16_t *in, size_t units, char *out, size_t cap, size_t *ret_len,
		  struct diag *diag);

/* UTF-8 bytes needed for `units` code units, NUL included (an upper bound). */
size_t utf16_utf8_bound(size_t units);

#endif /* CHAINLOAD_UTF16_H */

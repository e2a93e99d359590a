/* SPDX-License-Identifier: MIT */
/*
 * Raw LoadOptions, as a firmware boot entry passes them: untrusted bytes that
 * should be a UTF-16LE string (maybe with a byte-order mark, maybe without a
 * terminator).  Anything that is not text is rejected, never guessed at.
 */
#ifndef CHAINLOAD_LOADOPTS_H
#define CHAINLOAD_LOADOPTS_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/*
 * Decodes `size` bytes into UTF-8 in text[0..cap) and splits it into words
 * (blanks separate, double quotes group and are removed), pointing argv[]
 * (room for `max`) into `text`.  Sets *ret_argc.
 */
int loadopts_split(const uint8_t *buf, size_t size, char *text, size_t cap,
		   char **argv, int max, int *ret_argc, struct diag *diag);

#endif /* CHAINLOAD_LOADOPTS_H */

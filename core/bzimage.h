/* SPDX-License-Identifier: MIT */
/*
 * bzImage header parsing: decides whether a file is a Linux x86 kernel this
 * loader can start through the 64-bit entry, and extracts what placement and
 * boot_params need.  Input is untrusted: every field is range-checked.
 */
#ifndef CHAINLOAD_BZIMAGE_H
#define CHAINLOAD_BZIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* Bytes a caller must read from the file start (or all of a smaller file). */
#define BZIMAGE_HEAD_BYTES 4096

struct bzimage_info {
	uint16_t version;      /* boot protocol, e.g. 0x020f */
	uint64_t setup_size;   /* bytes before the protected-mode payload */
	uint64_t payload_size; /* protected-mode code: file size - setup */
	uint64_t header_end;   /* 0x202 + byte[0x201]: setup header length */
	bool relocatable;
	uint64_t pref_address;
	uint64_t kernel_alignment; /* bytes, a power of two */
	uint64_t min_alignment;	   /* bytes, a power of two <= kernel_alignment */
	uint64_t init_size;	   /* bytes needed from the load address */
	uint16_t xloadflags;
	uint32_t cmdline_size;	  /* max command line bytes, NUL excluded */
	uint64_t initrd_addr_max; /* highest address of the initrd's last byte */
};

/*
 * Parses the header in `head` (the first min(file_size, BZIMAGE_HEAD_BYTES)
 * bytes of a file of `file_size` bytes).  On success fills *ret.
 */
int bzimage_parse(const uint8_t *head, size_t head_len, uint64_t file_size,
		  struct bzimage_info *ret, struct diag *diag);

#endif /* CHAINLOAD_BZIMAGE_H */

/* SPDX-License-Identifier: MIT */
/* Fills the control pages (layout in include/stub_args.h). */
#ifndef CHAINLOAD_CONTROL_H
#define CHAINLOAD_CONTROL_H

#include <stdint.h>

#include "stub_args.h"

/* The control blob's bytes (relocate/blob.S). */
extern const uint8_t control_blob_start[];
extern const uint8_t control_blob_end[];

struct control_request {
	uint64_t list_head; /* from the layout's page list */
	uint64_t cr3;	    /* identity map root */
	uint64_t boot_params;
	uint64_t entry; /* kernel load address + STARTUP_64_OFFSET */
	uint64_t flags; /* STUB_F_* */
	uint64_t tsc_per_us;
	uint64_t tsc_start; /* chainload's start */
	uint64_t nsegs;	    /* a layout's segments: at most STUB_MAX_SEGS (core/layout.h) */
	const struct stub_segment *segs;
};

/*
 * Copies the blob into `pages` (CONTROL_SIZE bytes, mapped at physical
 * `addr`) and fills its argument block and GDT.  Returns the physical
 * address of the argument block, which the stub takes in %rdi.
 */
uint64_t control_page_fill(void *pages, uint64_t addr, const struct control_request *req);

#endif /* CHAINLOAD_CONTROL_H */

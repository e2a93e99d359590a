/* SPDX-License-Identifier: MIT */
/*
 * The page allocator the pure core is given: the firmware's AllocatePages in
 * the EFI application, a simulated physical memory in host tests.
 *
 * Ownership: every page handed out stays owned by the allocator's owner,
 * which frees them all when a launch fails.  Core code therefore never frees
 * and cannot leak on its error paths.
 */
#ifndef CHAINLOAD_PAGE_ALLOC_H
#define CHAINLOAD_PAGE_ALLOC_H

#include <stdint.h>

enum page_kind {
	PAGE_KIND_DATA, /* data the kernel or the stub reads */
	PAGE_KIND_CODE, /* the control page: must be executable */
};

struct page_alloc {
	void *ctx;
	/* Takes `pages` pages at exactly `addr`; fails unless all are free now. */
	int (*claim)(void *ctx, uint64_t addr, uint64_t pages);
	/* Takes `pages` contiguous pages anywhere ending at or below `max_end`. */
	int (*alloc)(void *ctx, enum page_kind kind, uint64_t pages, uint64_t max_end,
		     uint64_t *ret_addr);
	/* A pointer through which the page at physical `addr` can be written. */
	void *(*map)(void *ctx, uint64_t addr);
};

#endif /* CHAINLOAD_PAGE_ALLOC_H */

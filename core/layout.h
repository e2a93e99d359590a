/* SPDX-License-Identifier: MIT */
/*
 * Layout: where every byte we place is staged before ExitBootServices and
 * where it must end up afterwards.
 *
 * A window is a destination range reserved for one object (the kernel's
 * init_size window, the initrd).  Its pages that are free now are claimed at
 * once, so nothing else of ours or the firmware's can land there.  A segment
 * is the data placed in a window, cut into extents: an extent whose source
 * equals its destination is read in place and never copied; any other extent
 * has source pages outside every window and is moved by the relocation stub.
 * This is the invariant the page list relies on: no source page, page-list
 * page or control page is ever a destination.
 */
#ifndef CHAINLOAD_LAYOUT_H
#define CHAINLOAD_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memmap.h"
#include "page_alloc.h"
#include "status.h"
#include "stub_args.h"

#define LAYOUT_MAX_WINDOWS  4
#define LAYOUT_MAX_SEGMENTS 4
#define LAYOUT_MAX_EXTENTS  1024

/* After the copy the stub checks every segment's SHA-256: none may go unverified. */
_Static_assert(LAYOUT_MAX_SEGMENTS <= STUB_MAX_SEGS,
	       "the relocation stub must have a digest slot for every layout segment");

struct window {
	uint64_t start; /* page aligned */
	uint64_t end;	/* exclusive, page aligned */
};

struct extent {
	uint64_t dest; /* final physical address */
	uint64_t src;  /* staging address; == dest when read in place */
	uint64_t pages;
};

struct segment {
	const char *name; /* "kernel", "initrd": for messages */
	uint64_t dest;	  /* page aligned */
	uint64_t size;	  /* bytes of data */
	size_t first;	  /* index of the first extent */
	size_t count;	  /* extents, in destination order */
};

struct layout {
	struct window windows[LAYOUT_MAX_WINDOWS];
	size_t n_windows;
	struct segment segments[LAYOUT_MAX_SEGMENTS];
	size_t n_segments;
	struct extent extents[LAYOUT_MAX_EXTENTS];
	size_t n_extents;
	uint64_t pages_in_place; /* read straight to their destination */
	uint64_t pages_copied;	 /* staged elsewhere, moved by the stub */
	uint64_t list_head;	 /* first page-list entry, see kexec_list.h */
	uint64_t list_pages;	 /* indirection pages used */
	/* Source and page-list pages end by this: FOUR_GIB for a stub that copies with paging off. */
	uint64_t alloc_end;
};

/* An empty layout whose pages may lie anywhere (alloc_end UINT64_MAX). */
void layout_init(struct layout *l);

/* Reserves [start, end) as a destination window, claiming its free pages. */
int layout_reserve(struct layout *l, const struct memmap *map, const struct page_alloc *pa,
		   uint64_t start, uint64_t end, struct diag *diag);

/*
 * Adds a segment of `size` bytes at `dest` inside a reserved window.  Pages
 * that were free (and claimed) are read in place unless `force_copy`; the
 * others get freshly allocated source pages.  Returns the segment index in
 * *ret_index.
 */
int layout_add_segment(struct layout *l, const struct memmap *map, const struct page_alloc *pa,
		       const char *name, uint64_t dest, uint64_t size, bool force_copy,
		       size_t *ret_index, struct diag *diag);

/*
 * Adds a segment staged in one contiguous, page-aligned buffer the caller
 * already filled (at physical `src`, outside every window): every page is
 * moved by the stub.  Used when the bytes to place are the bytes that were
 * verified as a whole file, so they cannot be read in place.
 */
int layout_add_segment_staged(struct layout *l, const char *name, uint64_t dest, uint64_t size,
			      uint64_t src, size_t *ret_index, struct diag *diag);

/* Allocates pages that lie outside every window (retrying past strays). */
int layout_alloc_outside(const struct layout *l, const struct page_alloc *pa, enum page_kind kind,
			 uint64_t pages, uint64_t max_end, uint64_t *ret_addr, struct diag *diag);

/* Does [start, end) intersect a window? */
bool layout_in_window(const struct layout *l, uint64_t start, uint64_t end);

/*
 * Where byte `offset` of segment `seg` is staged, and how many bytes from
 * there are contiguous (up to the end of its extent).  Offsets run to the
 * end of the segment's last page, so the page tail can be zeroed.  Returns
 * false when offset is past that.
 */
bool layout_chunk(const struct layout *l, size_t seg, uint64_t offset, uint64_t *ret_addr,
		  uint64_t *ret_len);

/* Zeroes `len` staged bytes of a segment from `offset` (padding, page tails). */
void layout_zero(const struct layout *l, const struct page_alloc *pa, size_t seg, uint64_t offset,
		 uint64_t len);

/*
 * Checks the final memory map before ExitBootServices: every window must be
 * memory that is ours after the exit (conventional, loader, boot services).
 */
int layout_check_final(const struct layout *l, const struct memmap *final_map, struct diag *diag);

#endif /* CHAINLOAD_LAYOUT_H */

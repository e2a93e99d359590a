/* SPDX-License-Identifier: MIT */
/*
 * A simulated machine for host tests: a small physical memory, a firmware
 * memory map over it, and a page allocator that behaves like AllocatePages
 * (claims only free pages, allocates top-down below a limit).
 */
#ifndef CHAINLOAD_TEST_SIM_H
#define CHAINLOAD_TEST_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "memmap.h"
#include "page_alloc.h"

#define SIM_MAX_RANGES 4096

struct sim {
	uint8_t *ram; /* ram[addr] for addr < size; starts with junk */
	uint64_t size;
	uint8_t *busy;	   /* one byte a page: 1 = allocated */
	uint8_t *cls;	   /* one byte a page: enum mem_class per the map */
	uint64_t free_top; /* no page at or above it is free */
	struct mem_range ranges[SIM_MAX_RANGES];
	struct memmap map;
	uint64_t allocs;     /* successful claim/alloc calls */
	uint64_t fail_after; /* alloc fails once allocs reaches this (0: never) */
};

/* A machine of `size` bytes with no ranges yet; one machine at a time. */
void sim_init(struct sim *s, uint64_t size);
void sim_free(struct sim *s);

/*
 * Adds [start, end) of EFI `type`; non-conventional ranges start busy.
 * Ranges may overlap: a page takes the worst class of those covering it, as
 * memmap_window_class() sees it.
 */
void sim_add(struct sim *s, uint64_t start, uint64_t end, uint32_t type);

/* The core-facing allocator for this machine. */
struct page_alloc sim_allocator(struct sim *s);

/* Raw EFI descriptors for the current ranges (desc_size bytes each). */
size_t sim_efi_descriptors(const struct sim *s, uint8_t *buf, size_t desc_size);

/*
 * Executes a page list the way the relocation stub does, over s->ram.
 * Returns false (and stops) on a malformed list, an address outside the
 * machine, or an indirection page whose last slot is not a link (where the
 * stub would read on past the page).
 */
bool sim_walk_list(struct sim *s, uint64_t head);

/* What a page list says, without executing it: filled by sim_check_list(). */
struct sim_list_stats {
	uint64_t list_pages;   /* indirection pages visited */
	uint64_t sources;      /* IND_SOURCE entries */
	uint64_t destinations; /* IND_DESTINATION entries */
};

/*
 * Checks a page list against its layout without running it: every
 * indirection page and every source page lies outside every window, every
 * destination page lies inside one, no destination page is written twice,
 * and the copied pages are exactly the layout's copied extents.  Returns
 * NULL when all holds, else a static message naming the first violation.
 */
const char *sim_check_list(const struct sim *s, const struct layout *l, struct sim_list_stats *ret);

#endif /* CHAINLOAD_TEST_SIM_H */

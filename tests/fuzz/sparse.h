/* SPDX-License-Identifier: MIT */
/*
 * A sparse simulated machine for fuzzing: the memory map may put RAM
 * anywhere in the 64-bit address space, so nothing is backed by host memory
 * except the pages the core asks to write (page-list and page-table pages).
 * The allocator behaves like AllocatePages: claims succeed only on free
 * (conventional, untaken) pages, allocations are the highest free run below
 * a limit.  Pages are never freed.
 */
#ifndef CHAINLOAD_FUZZ_SPARSE_H
#define CHAINLOAD_FUZZ_SPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memmap.h"
#include "page_alloc.h"

#define SPARSE_MAX_FREE	  256  /* free intervals of a map */
#define SPARSE_MAX_TAKEN  8192 /* taken intervals */
#define SPARSE_MAX_MAPPED 2048 /* pages the core may write */

struct interval {
	uint64_t start, end;
};

struct sparse {
	struct interval free[SPARSE_MAX_FREE]; /* sorted, disjoint */
	size_t n_free;
	struct interval taken[SPARSE_MAX_TAKEN]; /* sorted, disjoint */
	size_t n_taken;
	uint64_t mapped_addr[SPARSE_MAX_MAPPED];
	size_t n_mapped;
	bool exhausted; /* a table was full: the input is beyond the harness */
};

/* Derives the free intervals from `map` (the pages memmap_window_class calls free). */
void sparse_init(struct sparse *s, const struct memmap *map);

struct page_alloc sparse_allocator(struct sparse *s);

/* Was [start, end) handed out by claim or alloc (all of it)? */
bool sparse_taken(const struct sparse *s, uint64_t start, uint64_t end);

/* The host buffer behind a page the core wrote, or NULL if it never mapped it. */
uint64_t *sparse_page(struct sparse *s, uint64_t addr);

#endif /* CHAINLOAD_FUZZ_SPARSE_H */

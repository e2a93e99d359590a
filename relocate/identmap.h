/* SPDX-License-Identifier: MIT */
/*
 * The relocation stub's own page tables: a 4-level identity map of
 * [0, top), built from pages outside every destination window so that the
 * copy can never overwrite the tables it runs on.
 */
#ifndef CHAINLOAD_IDENTMAP_H
#define CHAINLOAD_IDENTMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "layout.h"
#include "page_alloc.h"
#include "status.h"
#include "units.h"

#define PTE_PRESENT   0x001ull
#define PTE_WRITE     0x002ull
#define PTE_LARGE     0x080ull /* PS: 2 MiB in a PD, 1 GiB in a PDPT */
#define PTE_ADDR_MASK 0x000ffffffffff000ull

#define IDENTMAP_MAX_TOP (1ull << 48) /* what 4-level paging can address */

struct identmap {
	uint64_t cr3;	/* physical address of the PML4 */
	uint64_t top;	/* mapped: [0, top), a multiple of 1 GiB */
	uint64_t pages; /* table pages used */
	bool gb_pages;	/* 1 GiB leaves (else 2 MiB) */
};

/*
 * Maps [0, top rounded up to 1 GiB) with 1 GiB pages when `gb_pages`, else
 * 2 MiB pages.  Tables are allocated below 4 GiB and outside l's windows.
 */
int identmap_build(const struct layout *l, const struct page_alloc *pa, uint64_t top, bool gb_pages,
		   struct identmap *ret, struct diag *diag);

#endif /* CHAINLOAD_IDENTMAP_H */

/* SPDX-License-Identifier: MIT */
/*
 * Page allocations with a ledger: every AllocatePages of a launch is
 * recorded, so a failed launch frees them all in one call and a successful
 * one hands them to the kernel.  Implements core's struct page_alloc.
 */
#ifndef CHAINLOAD_PAGES_H
#define CHAINLOAD_PAGES_H

#include <efi.h>

#include "page_alloc.h"

struct ledger_entry {
	EFI_PHYSICAL_ADDRESS addr;
	UINTN pages;
};

struct ledger {
	struct ledger_entry *entries; /* pool */
	UINTN count;
	UINTN capacity;
};

/* A page_alloc backed by the firmware; pages are recorded in `ledger`. */
void pages_init(struct ledger *ledger, struct page_alloc *ret);

/*
 * Takes the allocation that starts at `addr` out of the ledger: it stays
 * allocated for good (a page whose attributes can no longer be restored).
 */
void pages_keep(struct ledger *ledger, EFI_PHYSICAL_ADDRESS addr);

/* Frees every page the ledger holds, and the ledger itself. */
void pages_free_all(struct ledger *ledger);

#endif /* CHAINLOAD_PAGES_H */

/* SPDX-License-Identifier: MIT */
#include "fw/pages.h"

#include <efilib.h>

static EFI_STATUS record(struct ledger *l, EFI_PHYSICAL_ADDRESS addr, UINTN pages)
{
	if (l->count == l->capacity) {
		UINTN cap = l->capacity ? l->capacity * 2 : 64;
		struct ledger_entry *e;
		EFI_STATUS st;

		st = BS->AllocatePool(EfiLoaderData, cap * sizeof(*e), (void **)&e);
		if (EFI_ERROR(st))
			return st;
		if (l->count)
			CopyMem(e, l->entries, l->count * sizeof(*e));
		if (l->entries)
			BS->FreePool(l->entries);
		l->entries = e;
		l->capacity = cap;
	}
	l->entries[l->count].addr = addr;
	l->entries[l->count].pages = pages;
	l->count++;
	return EFI_SUCCESS;
}

static int allocate(struct ledger *l, EFI_ALLOCATE_TYPE type, EFI_MEMORY_TYPE mem, UINTN pages,
		    EFI_PHYSICAL_ADDRESS *addr)
{
	EFI_STATUS st = BS->AllocatePages(type, mem, pages, addr);

	if (EFI_ERROR(st))
		return -1;
	if (EFI_ERROR(record(l, *addr, pages))) {
		BS->FreePages(*addr, pages);
		return -1;
	}
	return 0;
}

static int ledger_claim(void *ctx, uint64_t addr, uint64_t pages)
{
	EFI_PHYSICAL_ADDRESS a = addr;

	return allocate(ctx, AllocateAddress, EfiLoaderData, pages, &a);
}

static int ledger_alloc(void *ctx, enum page_kind kind, uint64_t pages, uint64_t max_end,
			uint64_t *ret_addr)
{
	EFI_MEMORY_TYPE mem = kind == PAGE_KIND_CODE ? EfiLoaderCode : EfiLoaderData;
	EFI_ALLOCATE_TYPE type = max_end == UINT64_MAX ? AllocateAnyPages : AllocateMaxAddress;
	EFI_PHYSICAL_ADDRESS a = max_end - 1; /* AllocateMaxAddress: highest byte */

	if (allocate(ctx, type, mem, pages, &a))
		return -1;
	*ret_addr = a;
	return 0;
}

static void *ledger_map(void *ctx, uint64_t addr)
{
	(void)ctx;
	return (void *)(UINTN)addr; /* boot services run identity-mapped */
}

void pages_init(struct ledger *ledger, struct page_alloc *ret)
{
	ledger->entries = NULL;
	ledger->count = ledger->capacity = 0;
	ret->ctx = ledger;
	ret->claim = ledger_claim;
	ret->alloc = ledger_alloc;
	ret->map = ledger_map;
}

void pages_keep(struct ledger *ledger, EFI_PHYSICAL_ADDRESS addr)
{
	for (UINTN i = 0; i < ledger->count; i++) {
		if (ledger->entries[i].addr == addr) {
			ledger->entries[i] = ledger->entries[--ledger->count];
			return;
		}
	}
}

void pages_free_all(struct ledger *ledger)
{
	while (ledger->count) {
		struct ledger_entry *e = &ledger->entries[--ledger->count];

		BS->FreePages(e->addr, e->pages);
	}
	if (ledger->entries)
		BS->FreePool(ledger->entries);
	ledger->entries = NULL;
	ledger->capacity = 0;
}

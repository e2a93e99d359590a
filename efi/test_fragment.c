/* SPDX-License-Identifier: MIT */
/*
 * TEST-ONLY (see test_fragment.h); compiles to nothing in the real build.
 *
 * The pages are found as one LoaderData run of 2N pages, released, then
 * every other page is taken back as EfiReservedMemoryType at its exact
 * address.  Allocating Reserved memory "anywhere" would not do: edk2 serves
 * it from a pre-sized bin whose free pages it still reports as Reserved, so
 * the holes between our pages would not show in the map.
 */
#ifdef CHAINLOAD_TEST_FRAGMENT
#include "test_fragment.h"

#include <efilib.h>

#include "fw/console.h"

/* Reserved pages: with the free pages between them, ~600 e820 entries. */
#define FRAGMENT_PAGES 300

EFI_STATUS test_fragment_apply(struct test_fragment *f)
{
	EFI_PHYSICAL_ADDRESS run, page;
	EFI_STATUS st;

	f->reserved = 0;
	st = BS->AllocatePages(AllocateAnyPages, EfiLoaderData, 2 * FRAGMENT_PAGES, &run);
	if (EFI_ERROR(st))
		return con_error(st, "test fragment", "no run of %llu pages",
				 (unsigned long long)(2 * FRAGMENT_PAGES));
	BS->FreePages(run, 2 * FRAGMENT_PAGES);
	f->base = run;
	for (UINTN i = 0; i < FRAGMENT_PAGES; i++) {
		page = run + 2 * i * EFI_PAGE_SIZE;
		st = BS->AllocatePages(AllocateAddress, EfiReservedMemoryType, 1, &page);
		if (EFI_ERROR(st)) {
			test_fragment_release(f);
			return con_error(st, "test fragment", "page 0x%llx was taken meanwhile",
					 (unsigned long long)page);
		}
		f->reserved++;
	}
	con_print("chainload: TEST BUILD: %llu reserved pages, one every other page, "
		  "at 0x%llx\n", (unsigned long long)f->reserved, (unsigned long long)run);
	return EFI_SUCCESS;
}

void test_fragment_release(struct test_fragment *f)
{
	while (f->reserved) {
		f->reserved--;
		BS->FreePages(f->base + 2 * f->reserved * EFI_PAGE_SIZE, 1);
	}
}
#endif /* CHAINLOAD_TEST_FRAGMENT */

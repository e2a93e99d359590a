/* SPDX-License-Identifier: MIT */
/*
 * Test fixture, run from startup.nsh before chainload: 300 single reserved
 * pages, each followed by a free one, so the memory map gains some 600
 * ranges and chainload's e820 table overflows the zero page's 128 entries
 * into a SETUP_E820_EXT node (tests/qemu/e820-ext.sh).  The fixture exits
 * and the pages stay allocated: page allocations belong to no image.
 *
 * The pages are found as one free run of 2N pages (taken as LoaderData,
 * given back), then every other page is taken as EfiReservedMemoryType at
 * its exact address.  Reserved pages "anywhere" would not do: edk2 serves
 * them from a pre-sized bin whose free pages it already reports as
 * Reserved, so the holes between our pages would not show in the map.
 */
#include <efi.h>
#include <efilib.h>

#define FRAGMENT_PAGES 300

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

/* Gives back the first n reserved pages after a failure. */
static void release(EFI_PHYSICAL_ADDRESS run, UINTN n)
{
	while (n--)
		BS->FreePages(run + 2 * n * EFI_PAGE_SIZE, 1);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	EFI_PHYSICAL_ADDRESS run, page;
	EFI_STATUS st;
	UINTN i;

	InitializeLib(image, systab);
	st = BS->AllocatePages(AllocateAnyPages, EfiLoaderData, 2 * FRAGMENT_PAGES, &run);
	if (EFI_ERROR(st)) {
		Print(L"fixture: fragment-memory: no free run of %d pages (%r)\n",
		      2 * FRAGMENT_PAGES, st);
		return st;
	}
	BS->FreePages(run, 2 * FRAGMENT_PAGES);
	for (i = 0; i < FRAGMENT_PAGES; i++) {
		page = run + 2 * i * EFI_PAGE_SIZE;
		st = BS->AllocatePages(AllocateAddress, EfiReservedMemoryType, 1, &page);
		if (EFI_ERROR(st))
			goto err_page;
	}
	Print(L"fixture: fragment-memory: %d reserved pages, one every other page, from 0x%lx\n",
	      FRAGMENT_PAGES, (UINT64)run);
	return EFI_SUCCESS;

err_page:
	Print(L"fixture: fragment-memory: page 0x%lx was taken meanwhile (%r)\n",
	      (UINT64)(run + 2 * i * EFI_PAGE_SIZE), st);
	release(run, i);
	return st;
}

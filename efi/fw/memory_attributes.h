/* SPDX-License-Identifier: MIT */
/*
 * Page permissions in the firmware's own page tables, through
 * EFI_MEMORY_ATTRIBUTE_PROTOCOL (UEFI 2.10; gnu-efi 3.0.15 does not declare
 * it).  Firmware with a strict no-execute policy maps the pages it hands out
 * non-executable, so code chainload runs on those tables must be made
 * executable first: the relocation stub runs its first instructions, up to
 * loading its own identity map, on them.  Firmware without the protocol
 * maps loader code executable (it has no way to be asked), and is left as
 * it is.
 */
#ifndef CHAINLOAD_MEMORY_ATTRIBUTES_H
#define CHAINLOAD_MEMORY_ATTRIBUTES_H

#include <efi.h>

#define MEMORY_ATTRIBUTE_PROTOCOL_GUID                                 \
	{                                                              \
		0xf4560cf6, 0x40ec, 0x4b4a,                            \
		{                                                      \
			0xa1, 0x92, 0xbf, 0x1d, 0x57, 0xd0, 0xb1, 0x89 \
		}                                                      \
	}

/* The access attributes it reads and changes (UEFI 2.10, EFI_MEMORY_DESCRIPTOR). */
#define MEMORY_RP     0x0000000000002000ull /* read-protected */
#define MEMORY_XP     0x0000000000004000ull /* not executable */
#define MEMORY_RO     0x0000000000020000ull /* read-only */
#define MEMORY_ACCESS (MEMORY_RP | MEMORY_XP | MEMORY_RO)

struct memory_attribute_protocol;

/* Get: the attributes of [base, base + len), EFI_NO_MAPPING if not uniform.
 * Set and Clear add or remove `attrs` (a mask of the three above). */
struct memory_attribute_protocol {
	EFI_STATUS(EFIAPI *get)
	(struct memory_attribute_protocol *self, EFI_PHYSICAL_ADDRESS base, UINT64 len,
	 UINT64 *ret_attrs);
	EFI_STATUS(EFIAPI *set)
	(struct memory_attribute_protocol *self, EFI_PHYSICAL_ADDRESS base, UINT64 len,
	 UINT64 attrs);
	EFI_STATUS(EFIAPI *clear)
	(struct memory_attribute_protocol *self, EFI_PHYSICAL_ADDRESS base, UINT64 len,
	 UINT64 attrs);
};

/* Pages of code code_pages_protect() handles at most. */
#define CODE_PAGES_MAX 4

/* What code_pages_protect() changed, so that code_pages_restore() can undo it. */
struct code_pages {
	struct memory_attribute_protocol *proto; /* NULL: nothing changed */
	EFI_PHYSICAL_ADDRESS addr;
	UINTN pages;
	UINT64 before[CODE_PAGES_MAX]; /* each page's access attributes */
};

/*
 * Makes the pages holding `code_bytes` of code at page-aligned `addr`
 * executable in the firmware's page tables, and those of them that lie
 * wholly below `addr + unwritten_bytes` (nothing writes there any more)
 * read-only too.  Reads each page back and fails, with one line, when
 * it is still not executable.  Without the protocol it changes nothing;
 * `verbose` says what was done either way.
 */
EFI_STATUS code_pages_protect(struct code_pages *cp, EFI_PHYSICAL_ADDRESS addr, UINT64 code_bytes,
			      UINT64 unwritten_bytes, BOOLEAN verbose);

/*
 * Puts back the attributes the pages had before (the launch failed and
 * they are about to be freed: a read-only page must not go back to the
 * firmware's free memory).
 */
void code_pages_restore(struct code_pages *cp);

#endif /* CHAINLOAD_MEMORY_ATTRIBUTES_H */

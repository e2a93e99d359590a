/* SPDX-License-Identifier: MIT */
#include "fw/memory_attributes.h"

#include <efilib.h>

#include "fw/console.h"
#include "fw/efi_status.h"
#include "fmt.h"

#define WHAT "memory attributes"

static EFI_GUID memattr_guid = MEMORY_ATTRIBUTE_PROTOCOL_GUID;

/* "XP+RO", "none", or "unreadable" for attributes Get could not read. */
static const char *names(BOOLEAN known, UINT64 a, char buf[16])
{
	static const struct {
		UINT64 bit;
		const char *name;
	} bits[] = { { MEMORY_RP, "RP" }, { MEMORY_XP, "XP" }, { MEMORY_RO, "RO" } };
	size_t n = 0;

	if (!known)
		return "unreadable";
	for (UINTN i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (a & bits[i].bit)
			n += fmt_format(buf + n, 16 - n, "%s%s", n ? "+" : "", bits[i].name);
	return n ? buf : "none";
}

/* One page: XP cleared, RO set when `ro`, then read back. */
static EFI_STATUS protect_page(struct memory_attribute_protocol *ma, EFI_PHYSICAL_ADDRESS page,
			       BOOLEAN ro, UINT64 *ret_before, BOOLEAN verbose)
{
	BOOLEAN known_before, known_after;
	UINT64 after = 0;
	char a[16], b[16];
	EFI_STATUS st;

	/* Unreadable: assume the strict default, so a restore sets XP back. */
	known_before = !EFI_ERROR(ma->get(ma, page, EFI_PAGE_SIZE, ret_before));
	if (!known_before)
		*ret_before = MEMORY_XP;
	st = ma->clear(ma, page, EFI_PAGE_SIZE, MEMORY_XP);
	if (EFI_ERROR(st))
		return con_error(st, WHAT,
				 "cannot make the relocation stub's code page 0x%llx "
				 "executable",
				 (unsigned long long)page);
	/* Read-only is hardening, as for Linux's own stub: its failure costs a warning. */
	if (ro) {
		st = ma->set(ma, page, EFI_PAGE_SIZE, MEMORY_RO);
		if (EFI_ERROR(st))
			con_print(
				"chainload: warning: cannot make code page 0x%llx read-only (%s)\n",
				(unsigned long long)page, efi_status_name(st));
	}
	known_after = !EFI_ERROR(ma->get(ma, page, EFI_PAGE_SIZE, &after));
	if (known_after && (after & MEMORY_XP))
		return con_error(EFI_UNSUPPORTED, WHAT,
				 "code page 0x%llx is still not executable "
				 "after ClearMemoryAttributes",
				 (unsigned long long)page);
	if (verbose)
		con_print("chainload: code page 0x%llx: attributes %s -> %s "
			  "(EFI_MEMORY_ATTRIBUTE_PROTOCOL)\n",
			  (unsigned long long)page, names(known_before, *ret_before, b),
			  names(known_after, after, a));
	return EFI_SUCCESS;
}

EFI_STATUS code_pages_protect(struct code_pages *cp, EFI_PHYSICAL_ADDRESS addr, UINT64 code_bytes,
			      UINT64 unwritten_bytes, BOOLEAN verbose)
{
	UINT64 pages = EFI_SIZE_TO_PAGES(code_bytes);
	struct memory_attribute_protocol *ma;
	EFI_STATUS st;

	SetMem(cp, sizeof(*cp), 0);
	if (pages > CODE_PAGES_MAX)
		return con_error(EFI_BAD_BUFFER_SIZE, WHAT, "%llu pages of code, more than %u",
				 (unsigned long long)pages, (unsigned)CODE_PAGES_MAX);
	if (EFI_ERROR(BS->LocateProtocol(&memattr_guid, NULL, (void **)&ma)) || !ma) {
		if (verbose)
			con_print("chainload: no EFI_MEMORY_ATTRIBUTE_PROTOCOL: code page 0x%llx "
				  "keeps the attributes the firmware gave it\n",
				  (unsigned long long)addr);
		return EFI_SUCCESS;
	}
	cp->proto = ma;
	cp->addr = addr;
	for (UINTN i = 0; i < pages; i++) {
		EFI_PHYSICAL_ADDRESS page = addr + i * EFI_PAGE_SIZE;

		/* Counted first: a failure part-way still restores this page. */
		cp->pages = i + 1;
		st = protect_page(ma, page, (i + 1) * EFI_PAGE_SIZE <= unwritten_bytes,
				  &cp->before[i], verbose);
		if (EFI_ERROR(st))
			return st;
	}
	return EFI_SUCCESS;
}

void code_pages_restore(struct code_pages *cp)
{
	struct memory_attribute_protocol *ma = cp->proto;

	for (UINTN i = 0; ma && i < cp->pages; i++) {
		EFI_PHYSICAL_ADDRESS page = cp->addr + i * EFI_PAGE_SIZE;
		EFI_STATUS st = EFI_SUCCESS;

		if (!(cp->before[i] & MEMORY_RO))
			st = ma->clear(ma, page, EFI_PAGE_SIZE, MEMORY_RO);
		if (!EFI_ERROR(st) && (cp->before[i] & MEMORY_XP))
			st = ma->set(ma, page, EFI_PAGE_SIZE, MEMORY_XP);
		if (EFI_ERROR(st))
			con_print(
				"chainload: warning: cannot restore the attributes of page 0x%llx "
				"(%s)\n",
				(unsigned long long)page, efi_status_name(st));
	}
	cp->proto = NULL;
	cp->pages = 0;
}

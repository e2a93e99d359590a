/* SPDX-License-Identifier: MIT */
/*
 * Test fixture: a strict no-execute policy on firmware that has none.  A
 * boot-service driver, loaded by startup.nsh before chainload (a driver
 * stays resident; an application's image would be freed when it returns).
 * From its load on:
 *   - every page BootServices->AllocatePages hands out as EfiLoaderCode or
 *     EfiLoaderData is non-executable in the live page tables, as firmware
 *     with a strict policy maps them; pages given back become executable
 *     again (this firmware's default);
 *   - EFI_MEMORY_ATTRIBUTE_PROTOCOL reads and changes those same page
 *     tables (XP is the NX bit, RO a clear R/W bit; RP is not offered),
 *     and each Set or Clear prints one line of what the page tables allow
 *     on its first page before and after (its own reading, not the
 *     caller's), with the page-table entry the walk ended on.
 * So a loader that jumps into a page it allocated without clearing XP
 * there faults at the first instruction, as it would on such firmware.
 * Test-only: built as build/test-images/efi/drivers/nx-strict.efi, never
 * part of chainload.
 */
#include <efi.h>
#include <efilib.h>

#include "fw/memory_attributes.h"

#define PTE_P	      0x1ull
#define PTE_W	      0x2ull
#define PTE_US	      0x4ull
#define PTE_PS	      0x80ull	/* a large page (level 2 or 3) */
#define PTE_PAT_4K    0x80ull	/* PAT, in a 4 KiB entry */
#define PTE_PAT_LARGE 0x1000ull /* PAT, in a large entry */
#define PTE_NX	      (1ull << 63)
#define PTE_ADDR      0x000ffffffffff000ull
#define PTE_FLAGS     (~PTE_ADDR)

#define MSR_EFER 0xc0000080u
#define EFER_NXE (1ull << 11)
#define CR0_WP	 (1ull << 16)

static EFI_ALLOCATE_PAGES firmware_allocate;
static EFI_FREE_PAGES firmware_free;

static UINT64 read_cr0(void)
{
	UINT64 v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static void write_cr0(UINT64 v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static UINT64 read_cr3(void)
{
	UINT64 v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

/* Reloading CR3 drops every (non-global) TLB entry. */
static void flush_tlb(void)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(read_cr3()) : "memory");
}

static UINT64 rdmsr(UINT32 msr)
{
	UINT32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (UINT64)hi << 32 | lo;
}

static void wrmsr(UINT32 msr, UINT64 v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((UINT32)v), "d"((UINT32)(v >> 32)));
}

/* Level 1 maps 4 KiB, 2 maps 2 MiB, 3 maps 1 GiB, 4 is the PML4. */
static UINT64 level_size(int level)
{
	return 1ull << (12 + 9 * (level - 1));
}

static UINT64 *entry_of(UINT64 *table, UINT64 addr, int level)
{
	return &table[(addr >> (12 + 9 * (level - 1))) & 511];
}

static BOOLEAN is_leaf(UINT64 e, int level)
{
	return level == 1 || (level <= 3 && (e & PTE_PS));
}

/* Replaces the large page `*e` at `level` by a table of 512 smaller ones. */
static BOOLEAN split(UINT64 *e, int level)
{
	UINT64 size = level_size(level - 1), base, flags, *t;
	EFI_PHYSICAL_ADDRESS page;

	if (EFI_ERROR(firmware_allocate(AllocateAnyPages, EfiBootServicesData, 1, &page)))
		return FALSE;
	t = (UINT64 *)(UINTN)page;
	base = *e & PTE_ADDR & ~(level_size(level) - 1);
	flags = *e & PTE_FLAGS;
	if (level - 1 == 1) {
		flags &= ~PTE_PS;
		if (*e & PTE_PAT_LARGE)
			flags |= PTE_PAT_4K;
	} else {
		flags |= *e & PTE_PAT_LARGE;
	}
	for (UINTN i = 0; i < 512; i++)
		t[i] = (base + i * size) | flags;
	/* The permissions move down to the new entries. */
	*e = page | PTE_P | PTE_W | (*e & PTE_US);
	return TRUE;
}

/*
 * The leaf entry mapping `addr` (its level in *ret_level), with large pages
 * split until the leaf lies inside [addr, end).  NULL: not mapped.
 */
static UINT64 *leaf_within(UINT64 addr, UINT64 end, int *ret_level)
{
	UINT64 *table = (UINT64 *)(UINTN)(read_cr3() & PTE_ADDR);

	for (int level = 4; level >= 1; level--) {
		UINT64 *e = entry_of(table, addr, level);
		BOOLEAN whole =
			!(addr & (level_size(level) - 1)) && end - addr >= level_size(level);

		if (!(*e & PTE_P))
			return NULL;
		if (is_leaf(*e, level) && (level == 1 || whole)) {
			*ret_level = level;
			return e;
		}
		if (is_leaf(*e, level) && !split(e, level))
			return NULL;
		table = (UINT64 *)(UINTN)(*e & PTE_ADDR);
	}
	return NULL;
}

/* Sets then clears PTE bits on every page of [base, base + len). */
static EFI_STATUS change(UINT64 base, UINT64 len, UINT64 set, UINT64 clear)
{
	UINT64 cr0 = read_cr0(), end = base + len;
	EFI_STATUS st = EFI_SUCCESS;

	/* The firmware may keep its page tables read-only. */
	write_cr0(cr0 & ~CR0_WP);
	for (UINT64 a = base; a < end;) {
		int level;
		UINT64 *e = leaf_within(a, end, &level);

		if (!e) {
			st = EFI_NO_MAPPING;
			break;
		}
		*e = (*e | set) & ~clear;
		a = (a & ~(level_size(level) - 1)) + level_size(level);
	}
	write_cr0(cr0);
	flush_tlb();
	return st;
}

/*
 * What the page at `addr` allows, over every level of the walk; the entry
 * the walk ended on (the leaf, or the first not present) in *ret_entry.
 */
static UINT64 page_attrs(UINT64 addr, UINT64 *ret_entry)
{
	UINT64 *table = (UINT64 *)(UINTN)(read_cr3() & PTE_ADDR);
	BOOLEAN writable = TRUE, nx = FALSE;

	for (int level = 4; level >= 1; level--) {
		UINT64 e = *entry_of(table, addr, level);

		*ret_entry = e;
		if (!(e & PTE_P))
			return MEMORY_RP;
		writable = writable && (e & PTE_W);
		nx = nx || (e & PTE_NX);
		if (is_leaf(e, level))
			break;
		table = (UINT64 *)(UINTN)(e & PTE_ADDR);
	}
	return (nx ? MEMORY_XP : 0) | (writable ? 0 : MEMORY_RO);
}

/* "XP", "RO", "XP+RO", "none", or "not present". */
static const CHAR16 *attr_names(UINT64 a)
{
	static const CHAR16 *const names[] = { L"none", L"XP", L"RO", L"XP+RO" };

	if (a & MEMORY_RP)
		return L"not present";
	return names[(a & MEMORY_XP ? 1 : 0) | (a & MEMORY_RO ? 2 : 0)];
}

static BOOLEAN bad_range(EFI_PHYSICAL_ADDRESS base, UINT64 len)
{
	return !len || (base & EFI_PAGE_MASK) || (len & EFI_PAGE_MASK) || base + len < base;
}

static EFI_STATUS EFIAPI attrs_get(struct memory_attribute_protocol *self,
				   EFI_PHYSICAL_ADDRESS base, UINT64 len, UINT64 *ret)
{
	UINT64 first, entry;

	(void)self;
	if (bad_range(base, len) || !ret)
		return EFI_INVALID_PARAMETER;
	first = page_attrs(base, &entry);
	for (UINT64 a = base + EFI_PAGE_SIZE; a < base + len; a += EFI_PAGE_SIZE)
		if (page_attrs(a, &entry) != first)
			return EFI_NO_MAPPING;
	*ret = first;
	return EFI_SUCCESS;
}

/* What SetMemoryAttributes and ClearMemoryAttributes both refuse. */
static EFI_STATUS check_request(EFI_PHYSICAL_ADDRESS base, UINT64 len, UINT64 attrs)
{
	if (bad_range(base, len) || !attrs || (attrs & ~MEMORY_ACCESS))
		return EFI_INVALID_PARAMETER;
	if (attrs & MEMORY_RP)
		return EFI_UNSUPPORTED;
	return EFI_SUCCESS;
}

/*
 * Set or Clear (`what`) of `attrs` on [base, base + len): the PTE bits
 * `set` set, then `clear` cleared.  One line, read from the page tables
 * before and after, says what the first page's walk allows and its entry.
 */
static EFI_STATUS change_request(const CHAR16 *what, EFI_PHYSICAL_ADDRESS base, UINT64 len,
				 UINT64 attrs, UINT64 set, UINT64 clear)
{
	EFI_STATUS st = check_request(base, len, attrs);
	UINT64 before, after, entry_before, entry_after;

	if (EFI_ERROR(st))
		return st;
	before = page_attrs(base, &entry_before);
	st = change(base, len, set, clear);
	after = page_attrs(base, &entry_after);
	Print(L"nx-strict: %sMemoryAttributes(%s) 0x%lx, %ld pages: page tables %s -> %s "
	      L"(entry 0x%lx -> 0x%lx)\n",
	      what, attr_names(attrs), base, len / EFI_PAGE_SIZE, attr_names(before),
	      attr_names(after), entry_before, entry_after);
	return st;
}

static EFI_STATUS EFIAPI attrs_set(struct memory_attribute_protocol *self,
				   EFI_PHYSICAL_ADDRESS base, UINT64 len, UINT64 attrs)
{
	(void)self;
	return change_request(L"Set", base, len, attrs, attrs & MEMORY_XP ? PTE_NX : 0,
			      attrs & MEMORY_RO ? PTE_W : 0);
}

static EFI_STATUS EFIAPI attrs_clear(struct memory_attribute_protocol *self,
				     EFI_PHYSICAL_ADDRESS base, UINT64 len, UINT64 attrs)
{
	(void)self;
	return change_request(L"Clear", base, len, attrs, attrs & MEMORY_RO ? PTE_W : 0,
			      attrs & MEMORY_XP ? PTE_NX : 0);
}

static struct memory_attribute_protocol attrs_protocol = {
	.get = attrs_get,
	.set = attrs_set,
	.clear = attrs_clear,
};

static EFI_STATUS EFIAPI strict_allocate(EFI_ALLOCATE_TYPE type, EFI_MEMORY_TYPE mem, UINTN pages,
					 EFI_PHYSICAL_ADDRESS *addr)
{
	EFI_STATUS st = firmware_allocate(type, mem, pages, addr);

	if (!EFI_ERROR(st) && (mem == EfiLoaderCode || mem == EfiLoaderData))
		change(*addr, pages * EFI_PAGE_SIZE, PTE_NX, 0);
	return st;
}

static EFI_STATUS EFIAPI strict_free(EFI_PHYSICAL_ADDRESS addr, UINTN pages)
{
	EFI_STATUS st = firmware_free(addr, pages);

	if (!EFI_ERROR(st))
		change(addr, pages * EFI_PAGE_SIZE, 0, PTE_NX);
	return st;
}

/* gnu-efi's crt0 calls this with the System V convention. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	EFI_GUID guid = MEMORY_ATTRIBUTE_PROTOCOL_GUID;
	EFI_HANDLE handle = NULL;
	UINT64 efer;
	EFI_STATUS st;

	InitializeLib(image, systab);
	efer = rdmsr(MSR_EFER);
	if (!(efer & EFER_NXE))
		wrmsr(MSR_EFER, efer | EFER_NXE);
	st = BS->InstallProtocolInterface(&handle, &guid, EFI_NATIVE_INTERFACE, &attrs_protocol);
	if (EFI_ERROR(st)) {
		Print(L"nx-strict: cannot install EFI_MEMORY_ATTRIBUTE_PROTOCOL (%r)\n", st);
		return st;
	}
	firmware_allocate = BS->AllocatePages;
	firmware_free = BS->FreePages;
	BS->AllocatePages = strict_allocate;
	BS->FreePages = strict_free;
	BS->Hdr.CRC32 = 0;
	BS->CalculateCrc32(BS, BS->Hdr.HeaderSize, &BS->Hdr.CRC32);
	Print(L"nx-strict: EFER.NXE was %s; EfiLoaderCode and EfiLoaderData pages are "
	      L"non-executable from now on; EFI_MEMORY_ATTRIBUTE_PROTOCOL installed\n",
	      efer & EFER_NXE ? L"set" : L"clear");
	return EFI_SUCCESS;
}

/* SPDX-License-Identifier: MIT */
/*
 * Walks the live page tables from CR3: 4 levels, or 5 when CR4.LA57 is set;
 * 1 GiB and 2 MiB pages end the walk early.  Table pages are read through
 * their physical address, i.e. the walk itself trusts the identity map for
 * the tables (a fault there is caught by the exception handler).
 */
#include "tk.h"
#include "x86.h"

#define PTE_PRESENT (1ull << 0)
#define PTE_LARGE   (1ull << 7) /* PS: 1 GiB in a PDPTE, 2 MiB in a PDE */
#define PTE_ADDR    0x000ffffffffff000ull

unsigned int pgwalk_levels(void)
{
	return (read_cr4() & CR4_LA57) ? 5 : 4;
}

/*
 * Translate @va; on success store the physical address and the size of the
 * page that maps it.  Fails for unmapped and for upper-half addresses (no
 * physical address can be identity-mapped there).
 */
bool pgwalk_translate(uint64_t va, uint64_t *pa, uint64_t *page_size)
{
	unsigned int level = pgwalk_levels();
	uint64_t table = read_cr3() & PTE_ADDR;

	if (va >> (12 + 9 * level - 1))
		return false;
	for (; level >= 1; level--) {
		unsigned int shift = 12 + 9 * (level - 1);
		const volatile uint64_t *t = (const volatile uint64_t *)table;
		uint64_t e = t[(va >> shift) & 511];
		uint64_t size = 1ull << shift;

		if (!(e & PTE_PRESENT))
			return false;
		if (level == 1 || ((level == 2 || level == 3) && (e & PTE_LARGE))) {
			/* ~(size - 1) also drops the PAT bit (12) of large pages. */
			*pa = (e & PTE_ADDR & ~(size - 1)) | (va & (size - 1));
			*page_size = size;
			return true;
		}
		table = e & PTE_ADDR;
	}
	return false;
}

/*
 * True if every byte of [addr, addr + len) is present and maps to itself;
 * otherwise @fault says where and how it failed.  An empty range is mapped.
 */
bool pgwalk_identity(uint64_t addr, uint64_t len, struct pgwalk_fault *fault)
{
	uint64_t last, pa, size;

	if (!len)
		return true;
	last = addr + (len - 1);
	fault->va = addr;
	fault->pa = 0;
	fault->present = false;
	if (last < addr) /* wraps around the address space */
		return false;
	for (;;) {
		if (!pgwalk_translate(addr, &pa, &size)) {
			fault->va = addr;
			fault->present = false;
			return false;
		}
		if (pa != addr) {
			fault->va = addr;
			fault->pa = pa;
			fault->present = true;
			return false;
		}
		/* Next page; stop once it starts past the range (or wraps). */
		addr = (addr | (size - 1)) + 1;
		if (!addr || addr > last)
			return true;
	}
}

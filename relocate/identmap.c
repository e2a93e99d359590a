/* SPDX-License-Identifier: MIT */
#include "identmap.h"

#include <string.h>

#include "units.h"

#define ENTRIES 512

struct builder {
	const struct layout *l;
	const struct page_alloc *pa;
	struct identmap *m;
	struct diag *diag;
};

static int new_table(struct builder *b, uint64_t *ret_addr, uint64_t **ret_table)
{
	int rc = layout_alloc_outside(b->l, b->pa, PAGE_KIND_DATA, 1, FOUR_GIB, ret_addr, b->diag);

	if (rc)
		return rc;
	*ret_table = b->pa->map(b->pa->ctx, *ret_addr);
	memset(*ret_table, 0, PAGE_SIZE);
	b->m->pages++;
	return CL_OK;
}

/* Fills one PDPT covering [base, base + 512 GiB) up to m->top. */
static int fill_pdpt(struct builder *b, uint64_t *pdpt, uint64_t base)
{
	for (unsigned i = 0; i < ENTRIES && base + i * GIB < b->m->top; i++) {
		uint64_t gib = base + i * GIB;
		uint64_t pd_addr, *pd;
		int rc;

		if (b->m->gb_pages) {
			pdpt[i] = gib | PTE_LARGE | PTE_WRITE | PTE_PRESENT;
			continue;
		}
		rc = new_table(b, &pd_addr, &pd);
		if (rc)
			return rc;
		for (unsigned j = 0; j < ENTRIES; j++)
			pd[j] = (gib + ((uint64_t)j << 21)) | PTE_LARGE | PTE_WRITE | PTE_PRESENT;
		pdpt[i] = pd_addr | PTE_WRITE | PTE_PRESENT;
	}
	return CL_OK;
}

int identmap_build(const struct layout *l, const struct page_alloc *pa, uint64_t top, bool gb_pages,
		   struct identmap *ret, struct diag *diag)
{
	struct identmap m = { 0 };
	struct builder b = { l, pa, &m, diag };
	uint64_t *pml4;
	int rc;

	if (!top || top > IDENTMAP_MAX_TOP)
		return diag_set(diag, CL_E_MEMMAP_INVALID,
				"memory reaches 0x%llx, beyond what 4-level paging maps",
				(unsigned long long)top);
	m.top = align_up(top, GIB); /* top <= IDENTMAP_MAX_TOP: no wrap */
	m.gb_pages = gb_pages;
	rc = new_table(&b, &m.cr3, &pml4);
	for (unsigned i = 0; !rc && (uint64_t)i * 512 * GIB < m.top; i++) {
		uint64_t pdpt_addr, *pdpt;

		rc = new_table(&b, &pdpt_addr, &pdpt);
		if (rc)
			break;
		pml4[i] = pdpt_addr | PTE_WRITE | PTE_PRESENT;
		rc = fill_pdpt(&b, pdpt, (uint64_t)i * 512 * GIB);
	}
	if (!rc)
		*ret = m;
	return rc;
}

/* SPDX-License-Identifier: MIT */
#include "kexec_list.h"

#include "kexec_flags.h"

/* Appends entries to the current indirection page, chaining new ones. */
struct list_writer {
	struct layout *l;
	const struct page_alloc *pa;
	uint64_t *slots; /* current indirection page, NULL before the first */
	unsigned used;	 /* slots used in it */
	struct diag *diag;
};

static int new_page(struct list_writer *w, uint64_t *ret_addr)
{
	int rc = layout_alloc_outside(w->l, w->pa, PAGE_KIND_DATA, 1, w->l->alloc_end, ret_addr,
				      w->diag);

	if (!rc)
		w->l->list_pages++;
	return rc;
}

static int emit(struct list_writer *w, uint64_t entry)
{
	uint64_t page;
	int rc;

	/* The last slot is kept for the link, unless this entry ends the list. */
	if (!w->slots || (w->used == IND_ENTRIES_PER_PAGE - 1 && entry != IND_DONE)) {
		rc = new_page(w, &page);
		if (rc)
			return rc;
		if (w->slots)
			w->slots[w->used] = page | IND_INDIRECTION;
		else
			w->l->list_head = page | IND_INDIRECTION;
		w->slots = w->pa->map(w->pa->ctx, page);
		w->used = 0;
	}
	w->slots[w->used++] = entry;
	return CL_OK;
}

int kexec_list_build(struct layout *l, const struct page_alloc *pa, struct diag *diag)
{
	struct list_writer w = { l, pa, NULL, 0, diag };
	uint64_t next_dest = 1; /* never a page address: forces the first DESTINATION */
	int rc;

	l->list_head = IND_DONE;
	l->list_pages = 0;
	for (size_t i = 0; i < l->n_extents; i++) {
		const struct extent *x = &l->extents[i];

		if (x->src == x->dest)
			continue;
		if (x->dest != next_dest) {
			rc = emit(&w, x->dest | IND_DESTINATION);
			if (rc)
				return rc;
		}
		for (uint64_t p = 0; p < x->pages; p++) {
			rc = emit(&w, (x->src + p * PAGE_SIZE) | IND_SOURCE);
			if (rc)
				return rc;
		}
		next_dest = x->dest + x->pages * PAGE_SIZE;
	}
	return w.slots ? emit(&w, IND_DONE) : CL_OK;
}

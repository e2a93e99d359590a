/* SPDX-License-Identifier: MIT */
#include "layout.h"

#include <string.h>

#include "units.h"

/* A stray is a fresh allocation inside a window (memory freed since the map). */
#define MAX_STRAYS 64

void layout_init(struct layout *l)
{
	memset(l, 0, sizeof(*l));
	l->alloc_end = UINT64_MAX;
}

bool layout_in_window(const struct layout *l, uint64_t start, uint64_t end)
{
	for (size_t i = 0; i < l->n_windows; i++)
		if (start < l->windows[i].end && l->windows[i].start < end)
			return true;
	return false;
}

/*
 * Calls fn for each maximal run of [start, end) with one class.  Runs are
 * split where the class changes; holes are MEM_NEVER.
 */
static int for_each_run(const struct memmap *map, uint64_t start, uint64_t end,
			int (*fn)(void *arg, uint64_t s, uint64_t e, enum mem_class c), void *arg)
{
	uint64_t run = start;
	enum mem_class cls = memmap_window_class(map, start, start + PAGE_SIZE);

	/* p < end, never p <= end: a window may end at the top page, and p must not wrap. */
	for (uint64_t p = start + PAGE_SIZE; p < end; p += PAGE_SIZE) {
		enum mem_class c = memmap_window_class(map, p, p + PAGE_SIZE);
		int rc;

		if (c == cls)
			continue;
		rc = fn(arg, run, p, cls);
		if (rc)
			return rc;
		run = p;
		cls = c;
	}
	return fn(arg, run, end, cls);
}

struct reserve_ctx {
	const struct page_alloc *pa;
	struct diag *diag;
};

static int reserve_run(void *arg, uint64_t s, uint64_t e, enum mem_class c)
{
	struct reserve_ctx *ctx = arg;

	if (c == MEM_NEVER)
		return diag_set(ctx->diag, CL_E_INTERNAL,
				"window 0x%llx-0x%llx is not memory the loader may use",
				(unsigned long long)s, (unsigned long long)e);
	if (c == MEM_FREE && ctx->pa->claim(ctx->pa->ctx, s, (e - s) / PAGE_SIZE))
		return diag_set(ctx->diag, CL_E_OUT_OF_PAGES,
				"cannot claim free pages 0x%llx-0x%llx", (unsigned long long)s,
				(unsigned long long)e);
	return CL_OK;
}

int layout_reserve(struct layout *l, const struct memmap *map, const struct page_alloc *pa,
		   uint64_t start, uint64_t end, struct diag *diag)
{
	struct reserve_ctx ctx = { pa, diag };
	int rc;

	if (!is_aligned(start | end, PAGE_SIZE) || end <= start)
		return diag_set(diag, CL_E_INTERNAL, "window 0x%llx-0x%llx is not page aligned",
				(unsigned long long)start, (unsigned long long)end);
	if (l->n_windows == LAYOUT_MAX_WINDOWS)
		return diag_set(diag, CL_E_TOO_MANY, "more than %d windows", LAYOUT_MAX_WINDOWS);
	if (layout_in_window(l, start, end))
		return diag_set(diag, CL_E_INTERNAL, "window 0x%llx-0x%llx overlaps another",
				(unsigned long long)start, (unsigned long long)end);
	rc = for_each_run(map, start, end, reserve_run, &ctx);
	if (rc)
		return rc;
	l->windows[l->n_windows].start = start;
	l->windows[l->n_windows].end = end;
	l->n_windows++;
	return CL_OK;
}

int layout_alloc_outside(const struct layout *l, const struct page_alloc *pa, enum page_kind kind,
			 uint64_t pages, uint64_t max_end, uint64_t *ret_addr, struct diag *diag)
{
	for (int stray = 0; stray < MAX_STRAYS; stray++) {
		uint64_t addr;

		if (pa->alloc(pa->ctx, kind, pages, max_end, &addr))
			return diag_set(diag, CL_E_OUT_OF_PAGES,
					"cannot allocate %llu pages below 0x%llx",
					(unsigned long long)pages, (unsigned long long)max_end);
		/* A stray stays allocated so the allocator cannot return it again. */
		if (!layout_in_window(l, addr, addr + pages * PAGE_SIZE)) {
			*ret_addr = addr;
			return CL_OK;
		}
	}
	return diag_set(diag, CL_E_OUT_OF_PAGES,
			"the firmware keeps returning pages inside destination windows");
}

static int add_extent(struct layout *l, uint64_t dest, uint64_t src, uint64_t pages,
		      struct diag *diag)
{
	if (l->n_extents == LAYOUT_MAX_EXTENTS)
		return diag_set(diag, CL_E_TOO_MANY, "memory too fragmented: more than %d extents",
				LAYOUT_MAX_EXTENTS);
	l->extents[l->n_extents].dest = dest;
	l->extents[l->n_extents].src = src;
	l->extents[l->n_extents].pages = pages;
	l->n_extents++;
	return CL_OK;
}

/* Stages [dest, dest + pages) in source runs as long as the firmware gives. */
static int add_copy_run(struct layout *l, const struct page_alloc *pa, uint64_t dest,
			uint64_t pages, struct diag *diag)
{
	uint64_t want = pages;

	while (pages) {
		uint64_t src;
		int rc;

		if (want > pages)
			want = pages;
		rc = layout_alloc_outside(l, pa, PAGE_KIND_DATA, want, l->alloc_end, &src, NULL);
		if (rc) {
			if (want == 1)
				return diag_set(diag, rc,
						"no memory left to stage pages for 0x%llx",
						(unsigned long long)dest);
			want /= 2; /* fragmented: take smaller runs */
			continue;
		}
		rc = add_extent(l, dest, src, want, diag);
		if (rc)
			return rc;
		l->pages_copied += want;
		dest += want * PAGE_SIZE;
		pages -= want;
	}
	return CL_OK;
}

struct segment_ctx {
	struct layout *l;
	const struct page_alloc *pa;
	bool force_copy;
	struct diag *diag;
};

static int segment_run(void *arg, uint64_t s, uint64_t e, enum mem_class c)
{
	struct segment_ctx *ctx = arg;
	uint64_t pages = (e - s) / PAGE_SIZE;
	int rc;

	if (c == MEM_NEVER)
		return diag_set(ctx->diag, CL_E_INTERNAL, "segment page 0x%llx is unusable",
				(unsigned long long)s);
	if (c == MEM_FREE && !ctx->force_copy) {
		rc = add_extent(ctx->l, s, s, pages, ctx->diag);
		if (!rc)
			ctx->l->pages_in_place += pages;
		return rc;
	}
	return add_copy_run(ctx->l, ctx->pa, s, pages, ctx->diag);
}

static bool inside_one_window(const struct layout *l, uint64_t start, uint64_t end)
{
	for (size_t i = 0; i < l->n_windows; i++)
		if (start >= l->windows[i].start && end <= l->windows[i].end)
			return true;
	return false;
}

/* Opens segment `n_segments` at [dest, dest + size) inside one window. */
static int begin_segment(struct layout *l, const char *name, uint64_t dest, uint64_t size,
			 uint64_t *ret_end, struct diag *diag)
{
	struct segment *seg;

	/* dest + size rounded up to a page must not wrap. */
	if (!size || !is_aligned(dest, PAGE_SIZE) || size > UINT64_MAX - dest ||
	    !align_up_checked(dest + size, PAGE_SIZE, ret_end))
		return diag_set(diag, CL_E_INTERNAL, "bad %s segment", name);
	if (!inside_one_window(l, dest, *ret_end))
		return diag_set(diag, CL_E_INTERNAL, "%s segment is outside its window", name);
	if (l->n_segments == LAYOUT_MAX_SEGMENTS)
		return diag_set(diag, CL_E_TOO_MANY, "more than %d segments", LAYOUT_MAX_SEGMENTS);
	seg = &l->segments[l->n_segments];
	seg->name = name;
	seg->dest = dest;
	seg->size = size;
	seg->first = l->n_extents;
	return CL_OK;
}

static void end_segment(struct layout *l, size_t *ret_index)
{
	struct segment *seg = &l->segments[l->n_segments];

	seg->count = l->n_extents - seg->first;
	*ret_index = l->n_segments++;
}

int layout_add_segment(struct layout *l, const struct memmap *map, const struct page_alloc *pa,
		       const char *name, uint64_t dest, uint64_t size, bool force_copy,
		       size_t *ret_index, struct diag *diag)
{
	struct segment_ctx ctx = { l, pa, force_copy, diag };
	uint64_t end;
	int rc;

	rc = begin_segment(l, name, dest, size, &end, diag);
	if (!rc)
		rc = for_each_run(map, dest, end, segment_run, &ctx);
	if (rc)
		return rc;
	end_segment(l, ret_index);
	return CL_OK;
}

int layout_add_segment_staged(struct layout *l, const char *name, uint64_t dest, uint64_t size,
			      uint64_t src, size_t *ret_index, struct diag *diag)
{
	uint64_t end;
	int rc;

	rc = begin_segment(l, name, dest, size, &end, diag);
	if (rc)
		return rc;
	if (!is_aligned(src, PAGE_SIZE) || src > UINT64_MAX - (end - dest) ||
	    layout_in_window(l, src, src + (end - dest)))
		return diag_set(diag, CL_E_INTERNAL,
				"%s staging buffer 0x%llx overlaps a destination", name,
				(unsigned long long)src);
	rc = add_extent(l, dest, src, (end - dest) / PAGE_SIZE, diag);
	if (rc)
		return rc;
	l->pages_copied += (end - dest) / PAGE_SIZE;
	end_segment(l, ret_index);
	return CL_OK;
}

bool layout_chunk(const struct layout *l, size_t seg, uint64_t offset, uint64_t *ret_addr,
		  uint64_t *ret_len)
{
	const struct segment *s;
	uint64_t span, dest;

	if (seg >= l->n_segments)
		return false;
	s = &l->segments[seg];
	span = align_up(s->size, PAGE_SIZE); /* data plus its page tail; checked when added */
	if (offset >= span)
		return false;
	dest = s->dest + offset;
	for (size_t i = s->first; i < s->first + s->count; i++) {
		const struct extent *x = &l->extents[i];
		uint64_t x_end = x->dest + x->pages * PAGE_SIZE;

		if (dest < x->dest || dest >= x_end)
			continue;
		*ret_addr = x->src + (dest - x->dest);
		*ret_len = x_end - dest;
		return true;
	}
	return false;
}

void layout_zero(const struct layout *l, const struct page_alloc *pa, size_t seg, uint64_t offset,
		 uint64_t len)
{
	uint64_t addr, n;

	while (len && layout_chunk(l, seg, offset, &addr, &n)) {
		if (n > len)
			n = len;
		/* Chunks never cross an extent, and extents are contiguous pages. */
		memset(pa->map(pa->ctx, addr), 0, n);
		offset += n;
		len -= n;
	}
}

int layout_check_final(const struct layout *l, const struct memmap *final_map, struct diag *diag)
{
	for (size_t i = 0; i < l->n_windows; i++) {
		const struct window *w = &l->windows[i];

		if (memmap_window_class(final_map, w->start, w->end) == MEM_NEVER)
			return diag_set(
				diag, CL_E_MEMMAP_INVALID,
				"destination 0x%llx-0x%llx is no longer usable RAM in the final memory map",
				(unsigned long long)w->start, (unsigned long long)w->end);
	}
	return CL_OK;
}

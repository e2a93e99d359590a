/* SPDX-License-Identifier: MIT */
/*
 * Planner + layout + page list + identity map, over any memory map the
 * firmware could report (anywhere in the 64-bit space) and any kernel
 * placement fields.  Checks what the stub's correctness rests on:
 *  - the kernel window is [addr, addr + init_size) at a legal address, the
 *    initrd below its limit, both in memory the loader may use;
 *  - windows and segments never overlap; in-place pages were free;
 *  - every source, page-list, page-table and control page lies outside
 *    every destination window;
 *  - the page list encodes exactly the copied extents, in order;
 *  - on a well-formed map (no overlapping descriptors) the placement is the
 *    one the documented rules give, computed here independently.
 */
#include <string.h>

#include "bootparam.h"
#include "fuzz.h"
#include "identmap.h"
#include "kexec_flags.h"
#include "kexec_list.h"
#include "layout.h"
#include "plan.h"
#include "sparse.h"
#include "units.h"

#define MIB	   (1ull << 20)
#define MAX_RANGES 32
#define DESC	   48

static struct sparse sp;
static struct layout lay;
static struct mem_range ranges[MAX_RANGES];

/* ---- input ---- */

struct input {
	struct bzimage_info bz;
	uint64_t initrd_size;
	bool force_copy, gb_pages;
};

static void decode_kernel(struct cursor *c, struct input *in)
{
	unsigned flags = (unsigned)take_le(c, 1);
	unsigned kshift = 12 + (unsigned)take_le(c, 1) % 20;
	unsigned mshift = 12 + (unsigned)take_le(c, 1) % (kshift - 11);
	struct bzimage_info *bz = &in->bz;

	memset(in, 0, sizeof(*in));
	bz->version = 0x020f;
	bz->relocatable = flags & 1;
	bz->xloadflags = XLF_KERNEL_64 | (flags & 2 ? XLF_CAN_BE_LOADED_ABOVE_4G : 0);
	in->force_copy = flags & 4;
	in->gb_pages = flags & 8;
	bz->pref_address = take_le(c, 8) & ~(PAGE_SIZE - 1);
	bz->kernel_alignment = bz->relocatable ? 1ull << kshift : PAGE_SIZE;
	bz->min_alignment = bz->relocatable ? 1ull << mshift : PAGE_SIZE;
	/* Sizes stay small enough for a fast run; what matters is where they go. */
	bz->payload_size = STARTUP_64_OFFSET + 1 + take_le(c, 4) % (16 * MIB);
	bz->init_size = bz->payload_size + take_le(c, 4) % (48 * MIB);
	bz->initrd_addr_max = (uint32_t)take_le(c, 4);
	in->initrd_size = take_le(c, 4) % (64 * MIB);
}

/*
 * Map entries: type, a length scale, a start, a length.  The start's top two
 * bits choose how it counts: 1x from the previous range's end (contiguous
 * maps), 01 down from the top of the address space (the edge where sums
 * wrap), 00 absolute.  Encoded as real 48-byte EFI descriptors and parsed by
 * memmap_from_efi, as the loader does.
 */
static int decode_map(struct cursor *c, struct memmap *map)
{
	static uint8_t raw[MAX_RANGES * DESC];
	uint64_t prev_end = 0;
	size_t n = 0;
	struct diag d;

	while (c->left && n < MAX_RANGES) {
		unsigned t = (unsigned)take_le(c, 1);
		unsigned shift = (unsigned)take_le(c, 1) % 24;
		uint64_t start = take_le(c, 8);
		uint64_t pages = (take_le(c, 2) + 1) << shift;
		uint32_t type = t < 224 ? t % 16 : 0x70000000u + t;
		uint8_t *p = raw + n * DESC;

		if (start >> 63)
			start = prev_end + (start & 0xffffffffull);
		else if (start >> 62)
			start = 0 - ((start & 0xffffffffull) << 12);
		start &= ~(PAGE_SIZE - 1);
		memset(p, 0, DESC);
		memcpy(p, &type, 4);
		memcpy(p + 8, &start, 8);
		memcpy(p + 24, &pages, 8);
		prev_end = start + pages * PAGE_SIZE;
		n++;
	}
	map->ranges = ranges;
	map->capacity = MAX_RANGES;
	map->count = 0;
	return memmap_from_efi(map, raw, n * DESC, DESC, &d);
}

static bool overlapping(const struct memmap *map)
{
	uint64_t end = 0;

	for (size_t i = 0; i < map->count; i++) {
		if (i && map->ranges[i].start < end)
			return true;
		if (map->ranges[i].end > end)
			end = map->ranges[i].end;
	}
	return false;
}

/* ---- the placement rules, independently ---- */

static uint64_t kernel_limit(const struct bzimage_info *bz)
{
	return bz->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G ? UINT64_MAX : FOUR_GIB;
}

static bool kernel_fits(const struct memmap *map, const struct bzimage_info *bz, uint64_t a,
			enum mem_class worst)
{
	uint64_t size = align_up(bz->init_size, PAGE_SIZE), limit = kernel_limit(bz);

	return a >= PLAN_LOW_FLOOR && a <= limit && size <= limit - a &&
	       memmap_window_class(map, a, a + size) <= worst;
}

/* boot.rst: pref_address if usable, else the lowest window at the largest alignment. */
static bool expected_kernel(const struct memmap *map, const struct bzimage_info *bz, uint64_t *ret)
{
	uint64_t floor = bz->pref_address > PLAN_LOW_FLOOR ? bz->pref_address : PLAN_LOW_FLOOR;

	*ret = bz->pref_address;
	if (!bz->relocatable)
		return kernel_fits(map, bz, *ret, MEM_FREE_AFTER_EXIT);
	if (!(*ret & (bz->min_alignment - 1)) && kernel_fits(map, bz, *ret, MEM_FREE))
		return true;
	for (uint64_t align = bz->kernel_alignment; align >= bz->min_alignment; align >>= 1) {
		bool found = false;

		for (size_t f = 0; f < sp.n_free; f++) {
			uint64_t a = sp.free[f].start > floor ? sp.free[f].start : floor;

			if (a > UINT64_MAX - align)
				continue;
			a = align_up(a, align);
			if (kernel_fits(map, bz, a, MEM_FREE) && (!found || a < *ret)) {
				*ret = a;
				found = true;
			}
		}
		if (found)
			return true;
	}
	return false;
}

static uint64_t initrd_limit(const struct bzimage_info *bz)
{
	if (bz->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G)
		return UINT64_MAX & ~(PAGE_SIZE - 1);
	return (bz->initrd_addr_max + 1ull) & ~(PAGE_SIZE - 1);
}

static bool initrd_fits(const struct memmap *map, const struct plan *p, uint64_t a, uint64_t pages,
			uint64_t limit)
{
	return a >= PLAN_LOW_FLOOR && a <= limit && pages <= limit - a &&
	       !(a < p->kernel_end && p->kernel_addr < a + pages) &&
	       memmap_window_class(map, a, a + pages) == MEM_FREE;
}

/* As high as possible: the best window ends at a free interval's end or the kernel. */
static bool expected_initrd(const struct memmap *map, const struct bzimage_info *bz, uint64_t size,
			    const struct plan *p, uint64_t *ret)
{
	uint64_t pages = align_up(size, PAGE_SIZE), limit = initrd_limit(bz);
	bool found = false;

	for (size_t f = 0; f <= sp.n_free; f++) {
		uint64_t end = f < sp.n_free ? sp.free[f].end : p->kernel_addr;

		if (end > limit)
			end = limit;
		if (end >= pages && initrd_fits(map, p, end - pages, pages, limit) &&
		    (!found || end - pages > *ret)) {
			*ret = end - pages;
			found = true;
		}
	}
	return found;
}

/* ---- invariants of what was built ---- */

static bool in_window(uint64_t start, uint64_t end)
{
	return layout_in_window(&lay, start, end);
}

/* One of ours: handed out by the allocator, outside every window, maybe below 4 GiB. */
static void check_ours(const char *what, uint64_t addr, uint64_t pages, uint64_t max_end)
{
	CHECK(!(addr & (PAGE_SIZE - 1)), "%s 0x%llx unaligned", what, (unsigned long long)addr);
	CHECK(!in_window(addr, addr + pages * PAGE_SIZE), "%s 0x%llx is a destination", what,
	      (unsigned long long)addr);
	CHECK(sparse_taken(&sp, addr, addr + pages * PAGE_SIZE), "%s 0x%llx was never allocated",
	      what, (unsigned long long)addr);
	CHECK(addr + pages * PAGE_SIZE <= max_end, "%s 0x%llx above its limit", what,
	      (unsigned long long)addr);
}

static void check_windows(const struct memmap *map, const struct input *in, const struct plan *p)
{
	for (size_t i = 0; i < lay.n_windows; i++)
		for (size_t j = 0; j < i; j++)
			CHECK(lay.windows[i].end <= lay.windows[j].start ||
				      lay.windows[j].end <= lay.windows[i].start,
			      "windows %zu, %zu", i, j);
	CHECK(lay.windows[0].start == p->kernel_addr && lay.windows[0].end == p->kernel_end,
	      "kernel window");
	CHECK(p->kernel_end - p->kernel_addr == align_up(in->bz.init_size, PAGE_SIZE),
	      "kernel window is not init_size");
	CHECK(p->kernel_addr >= PLAN_LOW_FLOOR, "kernel below 1 MiB");
	CHECK(p->kernel_end <= kernel_limit(&in->bz), "kernel above 4 GiB");
	if (in->bz.relocatable) {
		CHECK(p->kernel_addr >= in->bz.pref_address, "relocatable kernel below pref");
		CHECK(!(p->kernel_addr & (in->bz.min_alignment - 1)), "kernel misaligned");
		CHECK(memmap_window_class(map, p->kernel_addr, p->kernel_end) == MEM_FREE,
		      "relocatable kernel in busy memory");
	} else {
		CHECK(p->kernel_addr == in->bz.pref_address, "fixed kernel moved");
		CHECK(memmap_window_class(map, p->kernel_addr, p->kernel_end) != MEM_NEVER,
		      "fixed kernel in memory that is never ours");
	}
	if (!in->initrd_size)
		return;
	CHECK(lay.windows[1].start == p->initrd_addr && lay.windows[1].end == p->initrd_end,
	      "initrd window");
	CHECK(p->initrd_end - p->initrd_addr == align_up(in->initrd_size, PAGE_SIZE),
	      "initrd size");
	CHECK(p->initrd_addr >= PLAN_LOW_FLOOR, "initrd below 1 MiB");
	CHECK(p->initrd_end <= initrd_limit(&in->bz), "initrd above its limit");
	CHECK(memmap_window_class(map, p->initrd_addr, p->initrd_end) == MEM_FREE,
	      "initrd in busy memory");
}

static void check_segments(const struct memmap *map, bool force_copy)
{
	for (size_t s = 0; s < lay.n_segments; s++) {
		const struct segment *g = &lay.segments[s];
		uint64_t dest = g->dest, span = align_up(g->size, PAGE_SIZE);

		for (size_t t = 0; t < s; t++)
			CHECK(lay.segments[t].dest + align_up(lay.segments[t].size, PAGE_SIZE) <=
					      g->dest ||
				      g->dest + span <= lay.segments[t].dest,
			      "segments %zu, %zu", s, t);
		for (size_t i = g->first; i < g->first + g->count; i++) {
			const struct extent *x = &lay.extents[i];

			CHECK(x->dest == dest && x->pages, "extents of segment %zu not contiguous",
			      s);
			CHECK(in_window(x->dest, x->dest + x->pages * PAGE_SIZE),
			      "extent outside windows");
			if (x->src == x->dest) {
				CHECK(!force_copy, "page read in place under --force-copy");
				CHECK(memmap_window_class(map, x->dest,
							  x->dest + x->pages * PAGE_SIZE) ==
					      MEM_FREE,
				      "busy page read in place");
			} else {
				check_ours("source", x->src, x->pages, UINT64_MAX);
			}
			dest += x->pages * PAGE_SIZE;
		}
		CHECK(dest == g->dest + span, "segment %zu not covered", s);
	}
}

/* The list, walked as the stub walks it, against the copied extents in order. */
static void check_list(void)
{
	uint64_t entry = lay.list_head, dest = 0, pages = 0, list_pages = 0;
	size_t x = 0;
	uint64_t xp = 0;
	const uint64_t *slot = NULL;
	unsigned used = 0;

	for (;;) {
		uint64_t addr = entry & PAGE_MASK;

		if (slot)
			CHECK(++used <= IND_ENTRIES_PER_PAGE, "indirection page overrun");
		if (entry & IND_DONE)
			break;
		if (entry & IND_INDIRECTION) {
			check_ours("list page", addr, 1, UINT64_MAX);
			slot = sparse_page(&sp, addr);
			CHECK(slot, "list page 0x%llx never written", (unsigned long long)addr);
			used = 0;
			list_pages++;
		} else if (entry & IND_DESTINATION) {
			dest = addr;
		} else {
			CHECK(entry & IND_SOURCE, "entry 0x%llx has no flag",
			      (unsigned long long)entry);
			while (x < lay.n_extents && lay.extents[x].src == lay.extents[x].dest)
				x++;
			CHECK(x < lay.n_extents, "more sources than copied pages");
			CHECK(dest == lay.extents[x].dest + xp * PAGE_SIZE, "destination 0x%llx",
			      (unsigned long long)dest);
			CHECK(addr == lay.extents[x].src + xp * PAGE_SIZE, "source 0x%llx",
			      (unsigned long long)addr);
			if (++xp == lay.extents[x].pages) {
				x++;
				xp = 0;
			}
			dest += PAGE_SIZE;
			pages++;
		}
		CHECK(slot, "list head is not an indirection page");
		entry = *slot++;
	}
	while (x < lay.n_extents && lay.extents[x].src == lay.extents[x].dest)
		x++;
	CHECK(x == lay.n_extents && pages == lay.pages_copied, "copied pages missing from list");
	CHECK(list_pages == lay.list_pages, "list_pages");
}

/* Every table reachable from CR3 is ours; every leaf maps its address to itself. */
static void check_identmap(const struct identmap *m)
{
	uint64_t tables = 1;
	const uint64_t *pml4 = sparse_page(&sp, m->cr3);

	check_ours("PML4", m->cr3, 1, FOUR_GIB);
	CHECK(pml4, "PML4 never written");
	for (unsigned i = 0; i < 512; i++) {
		const uint64_t *pdpt;

		if (!(pml4[i] & PTE_PRESENT))
			continue;
		check_ours("PDPT", pml4[i] & PTE_ADDR_MASK, 1, FOUR_GIB);
		pdpt = sparse_page(&sp, pml4[i] & PTE_ADDR_MASK);
		tables++;
		for (unsigned j = 0; j < 512; j++) {
			uint64_t va = (uint64_t)i << 39 | (uint64_t)j << 30;
			const uint64_t *pd;

			if (!(pdpt[j] & PTE_PRESENT))
				continue;
			CHECK(va < m->top, "mapped past top");
			if (pdpt[j] & PTE_LARGE) {
				CHECK(m->gb_pages && (pdpt[j] & PTE_ADDR_MASK) == va, "1 GiB leaf");
				continue;
			}
			check_ours("PD", pdpt[j] & PTE_ADDR_MASK, 1, FOUR_GIB);
			pd = sparse_page(&sp, pdpt[j] & PTE_ADDR_MASK);
			tables++;
			for (unsigned k = 0; k < 512; k++)
				CHECK((pd[k] & PTE_LARGE) &&
					      (pd[k] & PTE_ADDR_MASK) == (va | (uint64_t)k << 21),
				      "2 MiB leaf");
		}
	}
	CHECK(tables == m->pages, "table count");
}

/* ---- the run ---- */

static int allowed(int rc, int a, int b)
{
	return rc == CL_OK || rc == a || rc == b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cursor c = { data, size };
	struct page_alloc pa = sparse_allocator(&sp);
	struct memmap map;
	struct input in;
	struct plan plan = { 0 };
	struct identmap m;
	struct diag d;
	uint64_t want, top, control;
	size_t idx;
	bool exact;
	int rc;

	decode_kernel(&c, &in);
	if (decode_map(&c, &map))
		return 0;
	sparse_init(&sp, &map);
	exact = !overlapping(&map) && !sp.exhausted;

	rc = plan_kernel(&map, &in.bz, &plan, &d);
	CHECK(allowed(rc, CL_E_NO_KERNEL_WINDOW, CL_OK), "plan_kernel: %s", cl_status_name(rc));
	if (exact) {
		bool exists = expected_kernel(&map, &in.bz, &want);

		CHECK(!rc == exists, "kernel placement %s, rules say %s", cl_status_name(rc),
		      exists ? "possible" : "impossible");
		CHECK(rc || plan.kernel_addr == want, "kernel at 0x%llx, rules say 0x%llx",
		      (unsigned long long)plan.kernel_addr, (unsigned long long)want);
	}
	if (rc)
		return 0;
	rc = plan_initrd(&map, &in.bz, in.initrd_size, &plan, &d);
	CHECK(allowed(rc, CL_E_NO_INITRD_WINDOW, CL_OK), "plan_initrd: %s", cl_status_name(rc));
	if (exact && in.initrd_size) {
		bool exists = expected_initrd(&map, &in.bz, in.initrd_size, &plan, &want);

		CHECK(!rc == exists, "initrd placement %s, rules say %s", cl_status_name(rc),
		      exists ? "possible" : "impossible");
		CHECK(rc || plan.initrd_addr == want, "initrd at 0x%llx, rules say 0x%llx",
		      (unsigned long long)plan.initrd_addr, (unsigned long long)want);
	}
	if (rc)
		return 0;

	/* Nothing is taken yet, so claiming the planned windows cannot fail. */
	layout_init(&lay);
	rc = layout_reserve(&lay, &map, &pa, plan.kernel_addr, plan.kernel_end, &d);
	CHECK(rc == CL_OK, "reserve kernel: %s: %s", cl_status_name(rc), d.msg);
	if (in.initrd_size) {
		rc = layout_reserve(&lay, &map, &pa, plan.initrd_addr, plan.initrd_end, &d);
		CHECK(rc == CL_OK, "reserve initrd: %s: %s", cl_status_name(rc), d.msg);
	}
	check_windows(&map, &in, &plan);
	rc = layout_add_segment(&lay, &map, &pa, "kernel", plan.kernel_addr, in.bz.payload_size,
				in.force_copy, &idx, &d);
	if (!rc && in.initrd_size)
		rc = layout_add_segment(&lay, &map, &pa, "initrd", plan.initrd_addr, in.initrd_size,
					in.force_copy, &idx, &d);
	/* Too fragmented or too little memory are honest answers; nothing else is. */
	CHECK(allowed(rc, CL_E_TOO_MANY, CL_E_OUT_OF_PAGES), "segment: %s: %s", cl_status_name(rc),
	      d.msg);
	if (sp.exhausted)
		return 0;
	check_segments(&map, in.force_copy);
	if (rc)
		return 0;
	rc = kexec_list_build(&lay, &pa, &d);
	CHECK(allowed(rc, CL_E_OUT_OF_PAGES, CL_OK), "list: %s", cl_status_name(rc));
	if (rc || sp.exhausted)
		return 0;
	check_list();

	top = memmap_top(&map);
	if (top && top <= IDENTMAP_MAX_TOP && (in.gb_pages || top <= (64ull << 30))) {
		rc = identmap_build(&lay, &pa, top, in.gb_pages, &m, &d);
		CHECK(allowed(rc, CL_E_OUT_OF_PAGES, CL_OK), "identmap: %s", cl_status_name(rc));
		if (rc || sp.exhausted)
			return 0;
		CHECK(m.top >= top && !(m.top & ((1ull << 30) - 1)), "identmap top");
		check_identmap(&m);
	}
	rc = layout_alloc_outside(&lay, &pa, PAGE_KIND_CODE, 1, FOUR_GIB, &control, &d);
	CHECK(allowed(rc, CL_E_OUT_OF_PAGES, CL_OK), "control page: %s", cl_status_name(rc));
	if (!rc)
		check_ours("control page", control, 1, FOUR_GIB);
	return 0;
}

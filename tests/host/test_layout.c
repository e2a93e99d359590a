/* SPDX-License-Identifier: MIT */
/*
 * Layout: windows, segments cut into extents (read in place, or staged and
 * copied), allocations outside every window, chunk lookup and zeroing, and
 * the final-map check.  Then plan -> layout -> page list -> reference walker
 * end to end on the OVMF shape.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "kexec_flags.h"
#include "kexec_list.h"
#include "layout.h"
#include "plan.h"
#include "sim.h"

#define MIB	 (1ull << 20)
#define TOP_PAGE (~0ull - PAGE_SIZE + 1) /* the last page of the 64-bit space */

static struct layout lay;
static struct diag d;

/* The OVMF shape: 16 MiB busy with boot-services data at load time. */
static void ovmf_like(struct sim *s)
{
	sim_init(s, 64 * MIB);
	sim_add(s, 0, MIB, MM_RESERVED);
	sim_add(s, MIB, 9 * MIB, MM_CONVENTIONAL);
	sim_add(s, 9 * MIB, 21 * MIB, MM_BOOT_DATA);
	sim_add(s, 21 * MIB, 60 * MIB, MM_CONVENTIONAL);
	sim_add(s, 60 * MIB, 64 * MIB, MM_RUNTIME_DATA);
	layout_init(&lay);
}

static void expect_extent(size_t i, uint64_t dest, uint64_t src, uint64_t pages)
{
	const struct extent *x = &lay.extents[i];

	if (x->dest != dest || x->src != src || x->pages != pages)
		fail_msg("extent %zu: 0x%llx <- 0x%llx x %llu, expected 0x%llx <- 0x%llx x %llu", i,
			 (unsigned long long)x->dest, (unsigned long long)x->src,
			 (unsigned long long)x->pages, (unsigned long long)dest,
			 (unsigned long long)src, (unsigned long long)pages);
}

static void test_reserve(void **state)
{
	struct page_alloc pa;
	struct sim s;

	(void)state;
	ovmf_like(&s);
	pa = sim_allocator(&s);
	/* Free pages are claimed at once; busy ones are left to the firmware. */
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 8 * MIB, 10 * MIB, &d), CL_OK);
	assert_int_equal(lay.n_windows, 1);
	assert_int_equal(s.allocs, 1);
	assert_true(s.busy[(8 * MIB) / PAGE_SIZE] && s.busy[(9 * MIB - PAGE_SIZE) / PAGE_SIZE]);
	assert_false(pa.claim(pa.ctx, 8 * MIB, 1) == 0);
	/* Errors, each with its own status. */
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 30 * MIB + 1, 31 * MIB, &d),
			 CL_E_INTERNAL);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 30 * MIB, 30 * MIB, &d), CL_E_INTERNAL);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 31 * MIB, 30 * MIB, &d), CL_E_INTERNAL);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 9 * MIB + PAGE_SIZE, 11 * MIB, &d),
			 CL_E_INTERNAL); /* overlaps the first window */
	assert_string_equal(d.msg, "window 0x901000-0xb00000 overlaps another");
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 59 * MIB, 61 * MIB, &d),
			 CL_E_INTERNAL); /* runtime data is never ours */
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 64 * MIB, 65 * MIB, &d),
			 CL_E_INTERNAL); /* past the map */
	/* A page taken since the map was read: the claim fails. */
	s.busy[(30 * MIB) / PAGE_SIZE] = 1;
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 29 * MIB, 31 * MIB, &d),
			 CL_E_OUT_OF_PAGES);
	assert_int_equal(lay.n_windows, 1);
	for (uint64_t i = 0; i < 3; i++)
		assert_int_equal(
			layout_reserve(&lay, &s.map, &pa, (40 + i) * MIB, (41 + i) * MIB, &d),
			CL_OK);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 50 * MIB, 51 * MIB, &d), CL_E_TOO_MANY);
	assert_true(layout_in_window(&lay, 9 * MIB, 9 * MIB + 1));
	assert_true(layout_in_window(&lay, 10 * MIB - 1, 11 * MIB));
	assert_false(layout_in_window(&lay, 10 * MIB, 40 * MIB)); /* ends are exclusive */
	sim_free(&s);
}

/* free | busy | free under one segment: in place, staged, in place. */
static void test_segment_extents(void **state)
{
	struct page_alloc pa;
	struct sim s;
	size_t idx;

	(void)state;
	ovmf_like(&s);
	pa = sim_allocator(&s);
	sim_add(&s, 30 * MIB, 30 * MIB + 3 * PAGE_SIZE, MM_LOADER_DATA); /* overrides */
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 30 * MIB - 2 * PAGE_SIZE, 31 * MIB, &d),
			 CL_OK);
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "kernel", 30 * MIB - 2 * PAGE_SIZE,
					    6 * PAGE_SIZE + 1, false, &idx, &d),
			 CL_OK);
	assert_int_equal(idx, 0);
	assert_int_equal(lay.n_extents, 3);
	expect_extent(0, 30 * MIB - 2 * PAGE_SIZE, 30 * MIB - 2 * PAGE_SIZE, 2);
	expect_extent(1, 30 * MIB, 60 * MIB - 3 * PAGE_SIZE, 3); /* top-down below runtime */
	expect_extent(2, 30 * MIB + 3 * PAGE_SIZE, 30 * MIB + 3 * PAGE_SIZE, 2);
	assert_int_equal(lay.pages_in_place, 4);
	assert_int_equal(lay.pages_copied, 3);
	assert_int_equal(lay.segments[0].first, 0);
	assert_int_equal(lay.segments[0].count, 3);
	assert_int_equal(lay.segments[0].size, 6 * PAGE_SIZE + 1);
	/* force_copy stages free pages as well. */
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 40 * MIB, 41 * MIB, &d), CL_OK);
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "initrd", 40 * MIB, 2 * PAGE_SIZE,
					    true, &idx, &d),
			 CL_OK);
	assert_int_equal(idx, 1);
	expect_extent(3, 40 * MIB, 60 * MIB - 5 * PAGE_SIZE, 2);
	assert_int_equal(lay.pages_copied, 5);
	sim_free(&s);
}

static void test_segment_errors(void **state)
{
	struct page_alloc pa;
	struct sim s;
	size_t idx = 99;

	(void)state;
	ovmf_like(&s);
	pa = sim_allocator(&s);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 30 * MIB, 31 * MIB, &d), CL_OK);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 31 * MIB, 32 * MIB, &d), CL_OK);
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "k", 30 * MIB, 0, false, &idx, &d),
			 CL_E_INTERNAL);
	assert_int_equal(
		layout_add_segment(&lay, &s.map, &pa, "k", 30 * MIB + 1, 1, false, &idx, &d),
		CL_E_INTERNAL);
	assert_int_equal(
		layout_add_segment(&lay, &s.map, &pa, "k", 29 * MIB, PAGE_SIZE, false, &idx, &d),
		CL_E_INTERNAL);
	assert_string_equal(d.msg, "k segment is outside its window");
	/* Two adjacent windows are still two: a segment may not straddle them. */
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "k", 31 * MIB - PAGE_SIZE,
					    2 * PAGE_SIZE, false, &idx, &d),
			 CL_E_INTERNAL);
	/* The last byte of a window is in, one more is out. */
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "k", 31 * MIB - PAGE_SIZE,
					    PAGE_SIZE + 1, false, &idx, &d),
			 CL_E_INTERNAL);
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "k", 30 * MIB, ~0ull - 30 * MIB,
					    false, &idx, &d),
			 CL_E_INTERNAL);
	assert_int_equal(idx, 99);
	for (int i = 0; i < LAYOUT_MAX_SEGMENTS; i++)
		assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "k",
						    30 * MIB + (uint64_t)i * PAGE_SIZE, PAGE_SIZE,
						    false, &idx, &d),
				 CL_OK);
	assert_int_equal(
		layout_add_segment(&lay, &s.map, &pa, "k", 31 * MIB, PAGE_SIZE, false, &idx, &d),
		CL_E_TOO_MANY);
	sim_free(&s);
}

/* Below 8 MiB, free and busy pages alternate: a segment there needs an extent a page. */
static void alternating_machine(struct sim *s)
{
	sim_init(s, 64 * MIB);
	sim_add(s, 0, MIB, MM_RESERVED);
	for (uint64_t p = MIB; p < 8 * MIB; p += PAGE_SIZE)
		sim_add(s, p, p + PAGE_SIZE, p / PAGE_SIZE % 2 ? MM_BOOT_DATA : MM_CONVENTIONAL);
	sim_add(s, 8 * MIB, 64 * MIB, MM_CONVENTIONAL);
	layout_init(&lay);
}

static void test_too_many_extents(void **state)
{
	struct page_alloc pa;
	struct sim s;
	size_t idx;

	(void)state;
	alternating_machine(&s);
	pa = sim_allocator(&s);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, MIB, 8 * MIB, &d), CL_OK);
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "k", MIB,
					    LAYOUT_MAX_EXTENTS * PAGE_SIZE, false, &idx, &d),
			 CL_OK);
	assert_int_equal(lay.n_extents, LAYOUT_MAX_EXTENTS);
	sim_free(&s);
	/* One page more than the table holds. */
	alternating_machine(&s);
	pa = sim_allocator(&s);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, MIB, 8 * MIB, &d), CL_OK);
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "k", MIB,
					    (LAYOUT_MAX_EXTENTS + 1) * PAGE_SIZE, false, &idx, &d),
			 CL_E_TOO_MANY);
	assert_string_equal(d.msg, "memory too fragmented: more than 1024 extents");
	sim_free(&s);
}

/* Free memory outside the window in runs of 8 pages: staging halves its request. */
static void test_fragmented_staging(void **state)
{
	struct page_alloc pa;
	struct sim s;
	size_t idx;

	(void)state;
	sim_init(&s, 16 * MIB);
	sim_add(&s, 0, MIB, MM_RESERVED);
	sim_add(&s, MIB, 2 * MIB, MM_BOOT_DATA);
	for (uint64_t p = 2 * MIB; p < 16 * MIB; p += 16 * PAGE_SIZE) {
		sim_add(&s, p, p + 8 * PAGE_SIZE, MM_CONVENTIONAL);
		sim_add(&s, p + 8 * PAGE_SIZE, p + 16 * PAGE_SIZE, MM_ACPI_NVS);
	}
	layout_init(&lay);
	pa = sim_allocator(&s);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, MIB, 2 * MIB, &d), CL_OK);
	assert_int_equal(
		layout_add_segment(&lay, &s.map, &pa, "k", MIB, 64 * PAGE_SIZE, false, &idx, &d),
		CL_OK);
	assert_int_equal(lay.n_extents, 8);
	for (uint64_t i = 0; i < 8; i++)
		expect_extent(i, MIB + i * 8 * PAGE_SIZE, 16 * MIB - (2 * i + 2) * 8 * PAGE_SIZE,
			      8);
	/* And when nothing is left at all: */
	layout_init(&lay);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, MIB, 2 * MIB, &d), CL_OK);
	s.fail_after = s.allocs;
	assert_int_equal(
		layout_add_segment(&lay, &s.map, &pa, "k", MIB, 4 * PAGE_SIZE, false, &idx, &d),
		CL_E_OUT_OF_PAGES);
	assert_string_equal(d.msg, "no memory left to stage pages for 0x100000");
	sim_free(&s);
}

static void test_alloc_outside(void **state)
{
	struct page_alloc pa;
	uint64_t addr = 0;
	struct sim s;

	(void)state;
	ovmf_like(&s);
	pa = sim_allocator(&s);
	/* An unclaimed window of free pages at the top: 40 strays, then a good page. */
	lay.windows[0].start = 60 * MIB - 40 * PAGE_SIZE;
	lay.windows[0].end = 60 * MIB;
	lay.n_windows = 1;
	assert_int_equal(layout_alloc_outside(&lay, &pa, PAGE_KIND_DATA, 1, ~0ull, &addr, &d),
			 CL_OK);
	assert_int_equal(addr, 60 * MIB - 41 * PAGE_SIZE);
	/* max_end is an exclusive end. */
	assert_int_equal(layout_alloc_outside(&lay, &pa, PAGE_KIND_CODE, 2, 8 * MIB, &addr, &d),
			 CL_OK);
	assert_int_equal(addr, 8 * MIB - 2 * PAGE_SIZE);
	/* More strays than the builder will step over. */
	sim_free(&s);
	ovmf_like(&s);
	pa = sim_allocator(&s);
	lay.windows[0].start = 40 * MIB;
	lay.windows[0].end = 60 * MIB;
	lay.n_windows = 1;
	assert_int_equal(layout_alloc_outside(&lay, &pa, PAGE_KIND_DATA, 1, ~0ull, &addr, &d),
			 CL_E_OUT_OF_PAGES);
	assert_string_equal(d.msg, "the firmware keeps returning pages inside destination windows");
	s.fail_after = s.allocs;
	assert_int_equal(layout_alloc_outside(&lay, &pa, PAGE_KIND_DATA, 1, ~0ull, &addr, &d),
			 CL_E_OUT_OF_PAGES);
	sim_free(&s);
}

static void test_chunk_and_zero(void **state)
{
	struct page_alloc pa;
	uint64_t addr, len;
	struct sim s;
	size_t idx;

	(void)state;
	ovmf_like(&s);
	pa = sim_allocator(&s);
	sim_add(&s, 30 * MIB + PAGE_SIZE, 30 * MIB + 2 * PAGE_SIZE, MM_BOOT_DATA);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 30 * MIB, 31 * MIB, &d), CL_OK);
	assert_int_equal(layout_add_segment(&lay, &s.map, &pa, "k", 30 * MIB, 2 * PAGE_SIZE + 10,
					    false, &idx, &d),
			 CL_OK);
	assert_true(layout_chunk(&lay, idx, 0, &addr, &len));
	assert_int_equal(addr, 30 * MIB);
	assert_int_equal(len, PAGE_SIZE);
	assert_true(layout_chunk(&lay, idx, PAGE_SIZE + 5, &addr, &len));
	assert_int_equal(addr, lay.extents[1].src + 5);
	assert_int_equal(len, PAGE_SIZE - 5);
	assert_true(layout_chunk(&lay, idx, 3 * PAGE_SIZE - 1, &addr, &len)); /* page tail */
	assert_int_equal(addr, 30 * MIB + 3 * PAGE_SIZE - 1);
	assert_int_equal(len, 1);
	assert_false(layout_chunk(&lay, idx, 3 * PAGE_SIZE, &addr, &len));
	assert_false(layout_chunk(&lay, 1, 0, &addr, &len));
	/* Zeroing crosses extents and stops exactly where asked. */
	memset(s.ram + 30 * MIB, 0xff, PAGE_SIZE);
	memset(s.ram + lay.extents[1].src, 0xff, PAGE_SIZE);
	layout_zero(&lay, &pa, idx, PAGE_SIZE - 3, 6);
	assert_int_equal(s.ram[30 * MIB + PAGE_SIZE - 4], 0xff);
	assert_int_equal(s.ram[30 * MIB + PAGE_SIZE - 3], 0);
	assert_int_equal(s.ram[30 * MIB + PAGE_SIZE - 1], 0);
	assert_int_equal(s.ram[lay.extents[1].src + 2], 0);
	assert_int_equal(s.ram[lay.extents[1].src + 3], 0xff);
	layout_zero(&lay, &pa, idx, 3 * PAGE_SIZE - 2, 100); /* clipped at the segment's end */
	assert_int_equal(s.ram[30 * MIB + 3 * PAGE_SIZE - 1], 0);
	sim_free(&s);
}

static void test_staged_segment(void **state)
{
	struct page_alloc pa;
	struct sim s;
	size_t idx;

	(void)state;
	ovmf_like(&s);
	pa = sim_allocator(&s);
	assert_int_equal(layout_reserve(&lay, &s.map, &pa, 16 * MIB, 20 * MIB, &d), CL_OK);
	assert_int_equal(layout_add_segment_staged(&lay, "kernel", 16 * MIB, 3 * PAGE_SIZE + 1,
						   40 * MIB, &idx, &d),
			 CL_OK);
	expect_extent(0, 16 * MIB, 40 * MIB, 4);
	assert_int_equal(lay.pages_copied, 4);
	/* A staging buffer inside a window, or unaligned, is refused. */
	assert_int_equal(
		layout_add_segment_staged(&lay, "kernel", 17 * MIB, PAGE_SIZE, 19 * MIB, &idx, &d),
		CL_E_INTERNAL);
	assert_int_equal(layout_add_segment_staged(&lay, "kernel", 17 * MIB, PAGE_SIZE,
						   40 * MIB + 1, &idx, &d),
			 CL_E_INTERNAL);
	assert_int_equal(
		layout_add_segment_staged(&lay, "kernel", 17 * MIB, PAGE_SIZE, TOP_PAGE, &idx, &d),
		CL_E_INTERNAL);
	sim_free(&s);
}

static void test_check_final(void **state)
{
	struct mem_range r[3];
	struct memmap final = { r, 3, 3 };

	(void)state;
	layout_init(&lay);
	lay.windows[0] = (struct window){ 16 * MIB, 20 * MIB };
	lay.n_windows = 1;
	r[0] = (struct mem_range){ MIB, 16 * MIB, MM_CONVENTIONAL };
	r[1] = (struct mem_range){ 16 * MIB, 18 * MIB, MM_LOADER_DATA };
	r[2] = (struct mem_range){ 18 * MIB, 64 * MIB, MM_BOOT_DATA };
	assert_int_equal(layout_check_final(&lay, &final, &d), CL_OK);
	r[1].type = MM_RUNTIME_DATA; /* the firmware took it for good */
	assert_int_equal(layout_check_final(&lay, &final, &d), CL_E_MEMMAP_INVALID);
	assert_string_equal(d.msg, "destination 0x1000000-0x1400000 is no longer usable RAM in "
				   "the final memory map");
	r[1].type = MM_LOADER_DATA;
	r[2].start += PAGE_SIZE; /* a hole */
	assert_int_equal(layout_check_final(&lay, &final, &d), CL_E_MEMMAP_INVALID);
}

static void on_alarm(int sig)
{
	static const char msg[] = "test_layout: still running after 10 s: a page loop wrapped?\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(1);
}

/*
 * A window that ends at the last page of the 64-bit space (a firmware map can
 * say there is RAM there): walking its pages must not wrap to address 0.
 */
static void test_window_at_the_top_of_memory(void **state)
{
	struct mem_range r[2] = {
		{ TOP_PAGE - 16 * PAGE_SIZE, TOP_PAGE - 8 * PAGE_SIZE, MM_CONVENTIONAL },
		{ TOP_PAGE - 8 * PAGE_SIZE, TOP_PAGE, MM_BOOT_DATA },
	};
	struct memmap map = { r, 2, 2 };
	struct page_alloc pa;
	struct sim s;
	size_t idx = 99;

	(void)state;
	signal(SIGALRM, on_alarm);
	alarm(10); /* a wrapped page loop would run for ages: fail instead */
	ovmf_like(&s);
	pa = sim_allocator(&s);
	assert_int_equal(layout_reserve(&lay, &map, &pa, TOP_PAGE - 4 * PAGE_SIZE, TOP_PAGE, &d),
			 CL_OK);
	/* A segment may end exactly where the address space does. */
	assert_int_equal(layout_add_segment(&lay, &map, &pa, "initrd", TOP_PAGE - 4 * PAGE_SIZE,
					    4 * PAGE_SIZE, false, &idx, &d),
			 CL_OK);
	expect_extent(0, TOP_PAGE - 4 * PAGE_SIZE, 60 * MIB - 4 * PAGE_SIZE, 4);
	/* Past the last page: refused, not wrapped. */
	assert_int_equal(layout_add_segment(&lay, &map, &pa, "initrd", TOP_PAGE - PAGE_SIZE,
					    PAGE_SIZE + 1, false, &idx, &d),
			 CL_E_INTERNAL);
	assert_int_equal(
		layout_add_segment(&lay, &map, &pa, "initrd", TOP_PAGE, 1, false, &idx, &d),
		CL_E_INTERNAL);
	/* The list names the top pages as they are, not wrapped. */
	assert_int_equal(kexec_list_build(&lay, &pa, &d), CL_OK);
	{
		const uint64_t *slot = (const uint64_t *)(s.ram + (lay.list_head & PAGE_MASK));

		assert_int_equal(slot[0], (TOP_PAGE - 4 * PAGE_SIZE) | IND_DESTINATION);
		assert_int_equal(slot[4], (60 * MIB - PAGE_SIZE) | IND_SOURCE);
		assert_int_equal(slot[5], IND_DONE);
	}
	alarm(0);
	sim_free(&s);
}

/* ---- end to end: plan, stage known bytes, build the list, walk it ---- */

static uint8_t pattern(uint64_t seed, uint64_t offset)
{
	uint64_t x = (seed + offset) * 0x9e3779b97f4a7c15ull;

	return (uint8_t)(x >> 56);
}

/* Stages `size` bytes of the file where the layout says byte `off` goes, as the loader does. */
static void stage(struct sim *s, size_t seg, uint64_t size, uint64_t seed)
{
	uint64_t off = 0, addr, len;

	while (off < size && layout_chunk(&lay, seg, off, &addr, &len)) {
		for (uint64_t i = 0; i < len && off + i < size; i++)
			s->ram[addr + i] = pattern(seed, off + i);
		off += len;
	}
	assert_true(off >= size);
}

/* Every destination byte starts as what it must not end as: a byte never moved cannot pass. */
static void poison(struct sim *s, uint64_t dest, uint64_t size, uint64_t seed)
{
	for (uint64_t i = 0; i < size; i++)
		s->ram[dest + i] = (uint8_t)~pattern(seed, i);
}

/*
 * The file's bytes must be at the planner's address, all `size` of them: both
 * come from outside the layout under test, so a layout that records a wrong
 * destination or size for its segment cannot vouch for itself.
 */
static void check_dest(struct sim *s, const char *name, uint64_t dest, uint64_t size, uint64_t seed)
{
	for (uint64_t i = 0; i < size; i++)
		if (s->ram[dest + i] != pattern(seed, i))
			fail_msg("%s byte %llu at 0x%llx differs", name, (unsigned long long)i,
				 (unsigned long long)(dest + i));
}

static struct bzimage_info fixed_kernel(uint64_t pref, uint64_t payload, uint64_t init_size)
{
	struct bzimage_info bz = { 0 };

	bz.version = 0x020f;
	bz.relocatable = false;
	bz.pref_address = pref;
	bz.kernel_alignment = bz.min_alignment = 4096;
	bz.payload_size = payload;
	bz.init_size = init_size;
	bz.initrd_addr_max = 0x7fffffff;
	bz.xloadflags = 1;
	return bz;
}

/* run_boot's layout.alloc_end: UINT64_MAX, or FOUR_GIB's stand-in in a small machine. */
static uint64_t run_alloc_end = UINT64_MAX;

static void run_boot(struct sim *s, const struct bzimage_info *bz, uint64_t initrd_size,
		     bool force_copy, uint64_t seed)
{
	struct page_alloc pa = sim_allocator(s);
	struct plan plan;
	size_t kseg, iseg = 0;
	const char *err;

	assert_int_equal(plan_kernel(&s->map, bz, &plan, &d), CL_OK);
	assert_int_equal(plan_initrd(&s->map, bz, initrd_size, &plan, &d), CL_OK);
	poison(s, plan.kernel_addr, bz->payload_size, seed);
	if (initrd_size)
		poison(s, plan.initrd_addr, initrd_size, seed + 1);
	layout_init(&lay);
	lay.alloc_end = run_alloc_end;
	assert_int_equal(layout_reserve(&lay, &s->map, &pa, plan.kernel_addr, plan.kernel_end, &d),
			 CL_OK);
	if (initrd_size)
		assert_int_equal(
			layout_reserve(&lay, &s->map, &pa, plan.initrd_addr, plan.initrd_end, &d),
			CL_OK);
	assert_int_equal(layout_add_segment(&lay, &s->map, &pa, "kernel", plan.kernel_addr,
					    bz->payload_size, force_copy, &kseg, &d),
			 CL_OK);
	if (initrd_size)
		assert_int_equal(layout_add_segment(&lay, &s->map, &pa, "initrd", plan.initrd_addr,
						    initrd_size, force_copy, &iseg, &d),
				 CL_OK);
	stage(s, kseg, bz->payload_size, seed);
	if (initrd_size)
		stage(s, iseg, initrd_size, seed + 1);
	assert_int_equal(kexec_list_build(&lay, &pa, &d), CL_OK);
	err = sim_check_list(s, &lay, NULL);
	if (err)
		fail_msg("%s", err);
	assert_true(sim_walk_list(s, lay.list_head));
	check_dest(s, "kernel", plan.kernel_addr, bz->payload_size, seed);
	if (initrd_size)
		check_dest(s, "initrd", plan.initrd_addr, initrd_size, seed + 1);
}

static void test_fixed_kernel_in_busy_memory_is_copied(void **state)
{
	struct bzimage_info bz = fixed_kernel(16 * MIB, 3 * MIB + 123, 4 * MIB);
	struct sim s;

	(void)state;
	ovmf_like(&s);
	run_boot(&s, &bz, 2 * MIB + 5, false, 42);
	/* The kernel lies in busy 16..21 MiB: all of it moves; the initrd does not. */
	assert_int_equal(lay.pages_copied, (3 * MIB + 123 + PAGE_SIZE - 1) / PAGE_SIZE);
	assert_int_equal(lay.pages_in_place, (2 * MIB + 5 + PAGE_SIZE - 1) / PAGE_SIZE);
	assert_int_not_equal(lay.list_head, IND_DONE);
	sim_free(&s);
}

static void test_force_copy_moves_every_page(void **state)
{
	struct bzimage_info bz = fixed_kernel(24 * MIB, 3 * MIB + 1, 4 * MIB);
	struct sim s;

	(void)state;
	ovmf_like(&s);
	run_boot(&s, &bz, 70001, true, 7);
	assert_int_equal(lay.pages_in_place, 0);
	assert_int_equal(lay.pages_copied, (3 * MIB + 1 + PAGE_SIZE - 1) / PAGE_SIZE +
						   (70001 + PAGE_SIZE - 1) / PAGE_SIZE);
	sim_free(&s);
}

/*
 * alloc_end bounds every page the layout allocates: the sources and the
 * page list.  9 MiB stands for 4 GiB: only 1..9 MiB is free below it.
 */
static void test_alloc_end_bounds_sources_and_list(void **state)
{
	struct bzimage_info bz = fixed_kernel(24 * MIB, 3 * MIB + 1, 4 * MIB);
	uint64_t page, *slot;
	struct sim s;

	(void)state;
	layout_init(&lay);
	assert_int_equal(lay.alloc_end, UINT64_MAX); /* by default: anywhere */
	ovmf_like(&s);
	run_alloc_end = 9 * MIB;
	run_boot(&s, &bz, 70001, true, 11);
	run_alloc_end = UINT64_MAX;
	assert_int_equal(lay.pages_in_place, 0);
	for (size_t i = 0; i < lay.n_extents; i++)
		assert_true(lay.extents[i].src + lay.extents[i].pages * PAGE_SIZE <= 9 * MIB);
	assert_true(lay.list_pages > 0);
	/* Every indirection page the list goes through, from its head (one itself). */
	for (slot = &lay.list_head; !(*slot & IND_DONE);) {
		if (*slot & IND_INDIRECTION) {
			page = *slot & ~(uint64_t)(PAGE_SIZE - 1);
			assert_true(page + PAGE_SIZE <= 9 * MIB);
			slot = (uint64_t *)(s.ram + page);
		} else {
			slot++;
		}
	}
	sim_free(&s);
}

static void test_nothing_moves_when_all_free(void **state)
{
	struct bzimage_info bz = fixed_kernel(24 * MIB, 2 * MIB, 4 * MIB);
	struct sim s;

	(void)state;
	ovmf_like(&s);
	run_boot(&s, &bz, 4096, false, 9);
	assert_int_equal(lay.pages_copied, 0);
	assert_int_equal(lay.list_head, IND_DONE);
	assert_int_equal(lay.list_pages, 0);
	sim_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_segment_extents),
		cmocka_unit_test(test_segment_errors),
		cmocka_unit_test(test_too_many_extents),
		cmocka_unit_test(test_fragmented_staging),
		cmocka_unit_test(test_alloc_outside),
		cmocka_unit_test(test_chunk_and_zero),
		cmocka_unit_test(test_staged_segment),
		cmocka_unit_test(test_check_final),
		cmocka_unit_test(test_window_at_the_top_of_memory),
		cmocka_unit_test(test_fixed_kernel_in_busy_memory_is_copied),
		cmocka_unit_test(test_force_copy_moves_every_page),
		cmocka_unit_test(test_alloc_end_bounds_sources_and_list),
		cmocka_unit_test(test_nothing_moves_when_all_free),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * The kexec page list: its exact encoding on small hand-made layouts, and a
 * reference walker run over thousands of random machines.  The walker
 * (sim.c) does what the relocation stub does; every destination byte is then
 * compared with what was staged, and the list is checked against the
 * invariant the stub relies on: no source page, indirection page or other
 * allocation of ours is ever a destination.
 *
 * SEED=<n> replays a run (a failure prints the seed of the failing trial,
 * which then runs first); ITERATIONS=<n> changes how many machines it tries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bootparam.h"
#include "kexec_flags.h"
#include "kexec_list.h"
#include "layout.h"
#include "plan.h"
#include "rng.h"
#include "sim.h"
#include "status_name.h"

#define MIB (1ull << 20)

static struct layout lay; /* 25 KiB: kept off the stack */

/* An 8 MiB machine, free from 1 MiB, with one window at [2, 4) MiB. */
static void small_machine(struct sim *s, struct layout *l)
{
	sim_init(s, 8 * MIB);
	sim_add(s, 0, MIB, MM_RESERVED);
	sim_add(s, MIB, 8 * MIB, MM_CONVENTIONAL);
	layout_init(l);
	l->windows[0].start = 2 * MIB;
	l->windows[0].end = 4 * MIB;
	l->n_windows = 1;
}

static void add(struct layout *l, uint64_t dest, uint64_t src, uint64_t pages)
{
	l->extents[l->n_extents].dest = dest;
	l->extents[l->n_extents].src = src;
	l->extents[l->n_extents].pages = pages;
	l->n_extents++;
}

static const uint64_t *slots_of(struct sim *s, uint64_t entry)
{
	assert_int_equal(entry & IND_FLAGS, IND_INDIRECTION);
	return (const uint64_t *)(s->ram + (entry & PAGE_MASK));
}

static void test_nothing_to_copy_is_done(void **state)
{
	struct page_alloc pa;
	struct diag d;
	struct sim s;

	(void)state;
	small_machine(&s, &lay);
	pa = sim_allocator(&s);
	add(&lay, 2 * MIB, 2 * MIB, 16); /* read in place */
	lay.list_head = 0xdead000;
	lay.list_pages = 9;
	assert_int_equal(kexec_list_build(&lay, &pa, &d), CL_OK);
	assert_int_equal(lay.list_head, IND_DONE);
	assert_int_equal(lay.list_pages, 0);
	assert_int_equal(s.allocs, 0);
	sim_free(&s);
}

static void test_exact_entries(void **state)
{
	const uint64_t want[] = {
		(2 * MIB + 2 * PAGE_SIZE) | IND_DESTINATION,
		0x600000 | IND_SOURCE,
		0x601000 | IND_SOURCE,
		0x602000 | IND_SOURCE,
		3 * MIB | IND_DESTINATION, /* a gap: a new destination */
		0x700000 | IND_SOURCE,
		0x500000 | IND_SOURCE, /* contiguous destination: none */
		IND_DONE,
	};
	struct page_alloc pa;
	const uint64_t *slot;
	struct diag d;
	struct sim s;

	(void)state;
	small_machine(&s, &lay);
	pa = sim_allocator(&s);
	add(&lay, 2 * MIB, 2 * MIB, 2);
	add(&lay, 2 * MIB + 2 * PAGE_SIZE, 0x600000, 3);
	add(&lay, 3 * MIB, 0x700000, 1);
	add(&lay, 3 * MIB + PAGE_SIZE, 0x500000, 1);
	assert_int_equal(kexec_list_build(&lay, &pa, &d), CL_OK);
	/* One indirection page, the highest free one (allocation is top-down). */
	assert_int_equal(lay.list_head, (8 * MIB - PAGE_SIZE) | IND_INDIRECTION);
	assert_int_equal(lay.list_pages, 1);
	slot = slots_of(&s, lay.list_head);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (slot[i] != want[i])
			fail_msg("slot %zu: 0x%llx, expected 0x%llx", i,
				 (unsigned long long)slot[i], (unsigned long long)want[i]);
	sim_free(&s);
}

/*
 * `sources` source pages after one destination: with 510 the DONE entry takes
 * the last slot of the only page; with 511 the last slot must become the link.
 */
static void build_run(struct sim *s, uint64_t sources)
{
	struct page_alloc pa;
	struct diag d;

	small_machine(s, &lay);
	pa = sim_allocator(s);
	add(&lay, 2 * MIB, 5 * MIB, sources);
	assert_int_equal(kexec_list_build(&lay, &pa, &d), CL_OK);
}

static void test_done_fits_in_the_last_slot(void **state)
{
	const uint64_t *slot;
	struct sim s;

	(void)state;
	build_run(&s, IND_ENTRIES_PER_PAGE - 2);
	assert_int_equal(lay.list_pages, 1);
	slot = slots_of(&s, lay.list_head);
	assert_int_equal(slot[0], 2 * MIB | IND_DESTINATION);
	assert_int_equal(slot[IND_ENTRIES_PER_PAGE - 2],
			 (5 * MIB + (IND_ENTRIES_PER_PAGE - 3) * PAGE_SIZE) | IND_SOURCE);
	assert_int_equal(slot[IND_ENTRIES_PER_PAGE - 1], IND_DONE);
	assert_null(sim_check_list(&s, &lay, NULL));
	sim_free(&s);
}

static void test_last_slot_links_the_next_page(void **state)
{
	const uint64_t *slot, *next;
	struct sim_list_stats st;
	struct sim s;

	(void)state;
	build_run(&s, IND_ENTRIES_PER_PAGE - 1);
	assert_int_equal(lay.list_pages, 2);
	slot = slots_of(&s, lay.list_head);
	assert_int_equal(slot[IND_ENTRIES_PER_PAGE - 2],
			 (5 * MIB + (IND_ENTRIES_PER_PAGE - 3) * PAGE_SIZE) | IND_SOURCE);
	assert_int_equal(slot[IND_ENTRIES_PER_PAGE - 1],
			 (8 * MIB - 2 * PAGE_SIZE) | IND_INDIRECTION);
	next = slots_of(&s, slot[IND_ENTRIES_PER_PAGE - 1]);
	assert_int_equal(next[0], (5 * MIB + (IND_ENTRIES_PER_PAGE - 2) * PAGE_SIZE) | IND_SOURCE);
	assert_int_equal(next[1], IND_DONE);
	assert_null(sim_check_list(&s, &lay, &st));
	assert_int_equal(st.list_pages, 2);
	assert_int_equal(st.sources, IND_ENTRIES_PER_PAGE - 1);
	assert_int_equal(st.destinations, 1);
	sim_free(&s);
}

/* Many pages of list: each full page links on, and the walker follows them all. */
static void test_long_list_copies_every_page(void **state)
{
	const uint64_t pages = 1536; /* 6 MiB needs 4 indirection pages */
	struct page_alloc pa;
	struct diag d;
	struct sim s;

	(void)state;
	sim_init(&s, 16 * MIB);
	sim_add(&s, 0, MIB, MM_RESERVED);
	sim_add(&s, MIB, 16 * MIB, MM_CONVENTIONAL);
	pa = sim_allocator(&s);
	layout_init(&lay);
	lay.windows[0].start = MIB;
	lay.windows[0].end = 7 * MIB;
	lay.n_windows = 1;
	add(&lay, MIB, 8 * MIB, pages);
	for (uint64_t i = 0; i < pages * PAGE_SIZE; i++)
		s.ram[8 * MIB + i] = (uint8_t)(i * 7 + i / PAGE_SIZE);
	assert_int_equal(kexec_list_build(&lay, &pa, &d), CL_OK);
	assert_int_equal(lay.list_pages, 4);
	assert_null(sim_check_list(&s, &lay, NULL));
	assert_true(sim_walk_list(&s, lay.list_head));
	assert_memory_equal(s.ram + MIB, s.ram + 8 * MIB, pages * PAGE_SIZE);
	sim_free(&s);
}

static void test_no_page_for_the_list(void **state)
{
	struct page_alloc pa;
	struct diag d;
	struct sim s;

	(void)state;
	small_machine(&s, &lay);
	pa = sim_allocator(&s);
	add(&lay, 2 * MIB, 5 * MIB, 600);
	s.fail_after = 1; /* the first list page, then nothing */
	assert_int_equal(kexec_list_build(&lay, &pa, &d), CL_E_OUT_OF_PAGES);
	sim_free(&s);
}

/*
 * An indirection page whose last slot is a source, not a link: the list runs
 * off its page.  Both walkers must report it without reading the slot after
 * the last.  The page is the machine's last, so under AddressSanitizer such a
 * read is a heap overflow, not a silent look at a neighbouring page.
 */
static void test_walkers_report_a_page_without_its_link(void **state)
{
	const uint64_t top = 8 * MIB - PAGE_SIZE;
	uint64_t *slot;
	const char *err;
	struct sim s;

	(void)state;
	small_machine(&s, &lay);
	add(&lay, 2 * MIB, 5 * MIB, IND_ENTRIES_PER_PAGE - 1);
	slot = (uint64_t *)(s.ram + top);
	slot[0] = 2 * MIB | IND_DESTINATION;
	for (uint64_t i = 1; i < IND_ENTRIES_PER_PAGE; i++)
		slot[i] = (5 * MIB + (i - 1) * PAGE_SIZE) | IND_SOURCE;
	lay.list_head = top | IND_INDIRECTION;
	lay.list_pages = 1;
	err = sim_check_list(&s, &lay, NULL);
	assert_non_null(err);
	assert_string_equal(err, "indirection page overrun: no link in its last slot");
	assert_false(sim_walk_list(&s, lay.list_head));
	sim_free(&s);
}

/* ---- random machines ---- */

/*
 * Segment data: a window into a fixed buffer of noise, at an offset drawn per
 * segment, so staging and checking are memcpy/memcmp and no two segments
 * (or runs) look alike.
 */
#define NOISE_SIZE (8 * MIB)
static uint8_t noise[NOISE_SIZE];

static void make_noise(void)
{
	struct rng r = { 0x6e6f697365ull };

	for (size_t i = 0; i < NOISE_SIZE; i += 8) {
		uint64_t v = rng_next(&r);

		memcpy(noise + i, &v, 8);
	}
}

/*
 * EFI types a random map draws from: free RAM, RAM that is busy now but ours
 * after ExitBootServices, and (one in `never` runs) memory that is never ours.
 */
static uint32_t random_type(struct rng *r, uint64_t never)
{
	static const uint32_t usable[] = {
		MM_CONVENTIONAL, MM_CONVENTIONAL, MM_CONVENTIONAL, MM_CONVENTIONAL,
		MM_CONVENTIONAL, MM_CONVENTIONAL, MM_BOOT_DATA,	   MM_BOOT_DATA,
		MM_BOOT_CODE,	 MM_LOADER_DATA,  MM_LOADER_CODE,
	};
	static const uint32_t unusable[] = {
		MM_RESERVED, MM_ACPI_RECLAIM, MM_RUNTIME_DATA, MM_MMIO, 0x70000000,
	};

	if (rng_chance(r, 1, never))
		return unusable[rng_below(r, sizeof(unusable) / sizeof(unusable[0]))];
	return usable[rng_below(r, sizeof(usable) / sizeof(usable[0]))];
}

/*
 * A machine of 8..40 MiB in runs of 1..64 (sometimes 1..1024) pages, with
 * unusable runs, holes and strays one in `never`.
 */
static void random_machine(struct sim *s, struct rng *r, uint64_t never)
{
	uint64_t size = rng_range(r, 8, 40) * MIB, at = MIB;

	sim_init(s, size);
	sim_add(s, 0, MIB, MM_RESERVED);
	while (at < size - MIB) {
		uint64_t len = rng_range(r, 1, rng_chance(r, 1, 4) ? 1024 : 64) * PAGE_SIZE;

		if (at + len > size - MIB)
			len = size - MIB - at;
		if (!rng_chance(r, 1, never)) /* else a hole */
			sim_add(s, at, at + len, random_type(r, never));
		at += len;
	}
	sim_add(s, size - MIB, size, MM_RUNTIME_DATA);
	/* Pages taken since the map was read: the allocator must work around them. */
	for (uint64_t n = rng_below(r, 256 / never + 1); n; n--) {
		uint64_t p = rng_range(r, 256, size / PAGE_SIZE - 1) * PAGE_SIZE;

		if (!s->busy[p / PAGE_SIZE] && s->cls[p / PAGE_SIZE] == MEM_FREE)
			s->busy[p / PAGE_SIZE] = 1;
	}
}

struct want {
	uint64_t dest, size;
	const uint8_t *data; /* inside noise[] */
};

struct trial {
	struct want seg[LAYOUT_MAX_SEGMENTS];
	size_t n;
	bool force_copy;
	uint64_t alloc_end; /* layout.alloc_end: as the 32-bit entry's 4 GiB, scaled down */
};

/*
 * Whether every list page and every staged source page of the list at head
 * ends by limit, as a stub that copies with paging off below 4 GiB needs
 * (a source equal to its destination is a page read in place).
 */
static bool list_below(const struct sim *s, uint64_t entry, uint64_t limit)
{
	const uint64_t *slot = NULL;
	uint64_t dest = 0, used = 0;

	for (;;) {
		uint64_t addr = entry & PAGE_MASK;

		if (entry & IND_DESTINATION) {
			dest = addr;
		} else if (entry & IND_INDIRECTION) {
			if (addr + PAGE_SIZE > limit)
				return false;
			slot = (const uint64_t *)(s->ram + addr);
			used = 0;
		} else if (entry & IND_DONE) {
			return true;
		} else if (entry & IND_SOURCE) {
			if (addr != dest && addr + PAGE_SIZE > limit)
				return false;
			dest += PAGE_SIZE;
		}
		entry = slot[used++]; /* sim_walk_list has vouched for the links */
	}
}

static enum mem_class class_of(const struct sim *s, uint64_t start, uint64_t end)
{
	return memmap_window_class(&s->map, start, end);
}

/* A page free in the map but taken since (see random_machine): claims fail there. */
static bool has_stray(const struct sim *s, uint64_t start, uint64_t end)
{
	for (uint64_t p = start; p < end; p += PAGE_SIZE)
		if (s->busy[p / PAGE_SIZE] && s->cls[p / PAGE_SIZE] == MEM_FREE)
			return true;
	return false;
}

/*
 * Windows placed directly (not by the planner), half of them starting in
 * memory that is busy now, so that many destinations need a copy.
 */
static void random_windows(struct sim *s, struct rng *r, struct layout *l, struct trial *t,
			   const struct page_alloc *pa)
{
	uint64_t budget = 1000; /* segment pages: stays under LAYOUT_MAX_EXTENTS */
	struct diag d;

	for (int tries = 0; tries < 200 && t->n < LAYOUT_MAX_SEGMENTS && budget; tries++) {
		uint64_t start = rng_range(r, 256, s->size / PAGE_SIZE - 2) * PAGE_SIZE;
		uint64_t pages = rng_range(r, 1, 600), end = start + pages * PAGE_SIZE, off, size;
		bool want_busy = rng_chance(r, 1, 2);

		if (end > s->size || layout_in_window(l, start, end))
			continue;
		if (class_of(s, start, end) == MEM_NEVER || has_stray(s, start, end) ||
		    (want_busy && class_of(s, start, start + PAGE_SIZE) != MEM_FREE_AFTER_EXIT))
			continue;
		assert_int_equal(layout_reserve(l, &s->map, pa, start, end, &d), CL_OK);
		off = rng_below(r, pages) * PAGE_SIZE;
		size = rng_range(r, 1, end - start - off);
		if (size > budget * PAGE_SIZE)
			size = budget * PAGE_SIZE - rng_below(r, PAGE_SIZE);
		budget -= (size + PAGE_SIZE - 1) / PAGE_SIZE;
		t->seg[t->n].dest = start + off;
		t->seg[t->n].size = size;
		t->n++;
	}
}

/* The planner's choice for a random kernel and initrd, or nothing (t->n == 0). */
static void planned_windows(struct sim *s, struct rng *r, struct layout *l, struct trial *t,
			    const struct page_alloc *pa)
{
	struct bzimage_info bz = { 0 };
	struct plan plan;
	struct diag d;
	uint64_t initrd = rng_chance(r, 3, 4) ? rng_range(r, 1, 2 * MIB) : 0;

	/* plan_below_4g's cap on the initrd, at the scaled-down limit. */
	bz.initrd_addr_max = t->alloc_end == UINT64_MAX ? 0x7fffffff : t->alloc_end - 1;
	bz.relocatable = rng_chance(r, 1, 2);
	bz.pref_address = rng_range(r, 1, 12) * MIB;
	bz.kernel_alignment = 1ull << rng_range(r, 12, 22);
	bz.min_alignment = 1ull << rng_range(r, 12, 21);
	if (bz.min_alignment > bz.kernel_alignment)
		bz.min_alignment = bz.kernel_alignment;
	bz.payload_size = rng_range(r, STARTUP_64_OFFSET + 1, 2 * MIB);
	bz.init_size = bz.payload_size + rng_below(r, 3 * MIB);
	bz.xloadflags = XLF_KERNEL_64;
	if (plan_kernel(&s->map, &bz, &plan, &d) || plan_initrd(&s->map, &bz, initrd, &plan, &d))
		return;
	/* The planner cannot see strays: then claiming fails, and must. */
	if (has_stray(s, plan.kernel_addr, plan.kernel_end) ||
	    (initrd && has_stray(s, plan.initrd_addr, plan.initrd_end))) {
		uint64_t start = has_stray(s, plan.kernel_addr, plan.kernel_end) ? plan.kernel_addr
										 : plan.initrd_addr;
		uint64_t end = start == plan.kernel_addr ? plan.kernel_end : plan.initrd_end;

		assert_int_equal(layout_reserve(l, &s->map, pa, start, end, &d), CL_E_OUT_OF_PAGES);
		return;
	}
	assert_int_equal(layout_reserve(l, &s->map, pa, plan.kernel_addr, plan.kernel_end, &d),
			 CL_OK);
	t->seg[t->n].dest = plan.kernel_addr;
	t->seg[t->n++].size = bz.payload_size;
	if (!initrd)
		return;
	assert_int_equal(layout_reserve(l, &s->map, pa, plan.initrd_addr, plan.initrd_end, &d),
			 CL_OK);
	t->seg[t->n].dest = plan.initrd_addr;
	t->seg[t->n++].size = initrd;
}

/* Free pages outside every window: enough to stage and list everything? */
static bool enough_room(const struct sim *s, const struct layout *l, const struct trial *t)
{
	uint64_t need = 8, have = 0;

	for (size_t i = 0; i < t->n; i++)
		need += (t->seg[i].size + PAGE_SIZE - 1) / PAGE_SIZE * 2 / IND_ENTRIES_PER_PAGE +
			(t->seg[i].size + PAGE_SIZE - 1) / PAGE_SIZE;
	for (uint64_t p = 0; p < s->size && p + PAGE_SIZE <= l->alloc_end; p += PAGE_SIZE)
		have += !s->busy[p / PAGE_SIZE] && s->cls[p / PAGE_SIZE] == MEM_FREE &&
			!layout_in_window(l, p, p + PAGE_SIZE);
	return have >= need;
}

/* One machine, one layout, one list: returns false if it had nothing to place. */
static bool one_trial(struct rng *r, uint64_t seed)
{
	struct sim s;
	struct page_alloc pa;
	struct trial t = { .force_copy = rng_chance(r, 1, 4) };
	size_t idx[LAYOUT_MAX_SEGMENTS];
	const char *err;
	struct diag d;
	bool placed = false, planned = rng_chance(r, 1, 2);

	/* The planner needs long usable stretches; direct windows thrive on chaos. */
	random_machine(&s, r, planned ? 60 : 5);
	pa = sim_allocator(&s);
	layout_init(&lay);
	/* One machine in three: the 32-bit entry's bound, somewhere in its upper half. */
	t.alloc_end = UINT64_MAX;
	if (rng_chance(r, 1, 3))
		t.alloc_end = rng_range(r, s.size / PAGE_SIZE / 2, s.size / PAGE_SIZE) * PAGE_SIZE;
	lay.alloc_end = t.alloc_end;
	if (planned)
		planned_windows(&s, r, &lay, &t, &pa);
	else
		random_windows(&s, r, &lay, &t, &pa);
	if (!t.n || !enough_room(&s, &lay, &t))
		goto out;
	for (size_t i = 0; i < t.n; i++) {
		uint64_t addr, len, off = 0;
		int rc = layout_add_segment(&lay, &s.map, &pa, "seg", t.seg[i].dest, t.seg[i].size,
					    t.force_copy, &idx[i], &d);

		if (rc)
			fail_msg("seed 0x%llx: segment %zu at 0x%llx+0x%llx: %s: %s",
				 (unsigned long long)seed, i, (unsigned long long)t.seg[i].dest,
				 (unsigned long long)t.seg[i].size, cl_status_name(rc), d.msg);
		/* Stage the data, and zero the page tail as the loader does. */
		t.seg[i].data = noise + rng_below(r, NOISE_SIZE - t.seg[i].size);
		while (off < t.seg[i].size && layout_chunk(&lay, idx[i], off, &addr, &len)) {
			if (len > t.seg[i].size - off)
				len = t.seg[i].size - off;
			memcpy(s.ram + addr, t.seg[i].data + off, len);
			off += len;
		}
		assert_true(off >= t.seg[i].size);
		layout_zero(&lay, &pa, idx[i], t.seg[i].size, PAGE_SIZE);
	}
	assert_int_equal(kexec_list_build(&lay, &pa, &d), CL_OK);
	err = sim_check_list(&s, &lay, NULL);
	if (err)
		fail_msg("seed 0x%llx: %s", (unsigned long long)seed, err);
	assert_true(sim_walk_list(&s, lay.list_head));
	if (!list_below(&s, lay.list_head, t.alloc_end))
		fail_msg("seed 0x%llx: a list or source page ends past alloc_end 0x%llx",
			 (unsigned long long)seed, (unsigned long long)t.alloc_end);
	for (size_t i = 0; planned && t.alloc_end != UINT64_MAX && i < t.n; i++)
		if (i && t.seg[i].dest + t.seg[i].size > t.alloc_end)
			fail_msg("seed 0x%llx: the initrd ends past initrd_addr_max + 1 0x%llx",
				 (unsigned long long)seed, (unsigned long long)t.alloc_end);
	for (size_t i = 0; i < t.n; i++) {
		const uint8_t *dst = s.ram + t.seg[i].dest;
		uint64_t tail = (PAGE_SIZE - t.seg[i].size % PAGE_SIZE) % PAGE_SIZE;

		if (memcmp(dst, t.seg[i].data, t.seg[i].size)) {
			uint64_t k = 0;

			while (dst[k] == t.seg[i].data[k])
				k++;
			fail_msg("seed 0x%llx: segment %zu byte %llu at 0x%llx is wrong",
				 (unsigned long long)seed, i, (unsigned long long)k,
				 (unsigned long long)(t.seg[i].dest + k));
		}
		for (uint64_t k = 0; k < tail; k++)
			if (dst[t.seg[i].size + k])
				fail_msg("seed 0x%llx: segment %zu page tail not zero",
					 (unsigned long long)seed, i);
	}
	placed = true;
out:
	sim_free(&s);
	return placed;
}

static void test_random_layouts_walk_correctly(void **state)
{
	uint64_t seed = rng_seed_from_env();
	const char *it = getenv("ITERATIONS");
	int iterations = it ? atoi(it) : 8000, placed = 0;
	struct rng r;

	(void)state;
	make_noise();
	for (int i = 0; i < iterations; i++) {
		/* Each trial has its own seed: a failure names it, and SEED=<it> replays it first. */
		uint64_t trial_seed = seed + (uint64_t)i * 0x9e3779b97f4a7c15ull;

		r.state = trial_seed;
		placed += one_trial(&r, trial_seed);
	}
	print_message("random layouts: %d of %d placed; SEED=0x%llx replays this run\n", placed,
		      iterations, (unsigned long long)seed);
	/* Most machines must have room, or the test would prove nothing. */
	assert_true(placed > iterations / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_to_copy_is_done),
		cmocka_unit_test(test_exact_entries),
		cmocka_unit_test(test_done_fits_in_the_last_slot),
		cmocka_unit_test(test_last_slot_links_the_next_page),
		cmocka_unit_test(test_long_list_copies_every_page),
		cmocka_unit_test(test_no_page_for_the_list),
		cmocka_unit_test(test_walkers_report_a_page_without_its_link),
		cmocka_unit_test(test_random_layouts_walk_correctly),
	};

	return cmocka_run_group_tests_name("kexec_list", tests, NULL, NULL);
}

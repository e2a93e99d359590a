/* SPDX-License-Identifier: MIT */
/*
 * The stub's identity map, checked the way the MMU reads it: a 4-level walk
 * from CR3 for every leaf, so every byte of [0, top) is proven to translate
 * to itself, with the leaf size promised (1 GiB when the CPU has it, else
 * 2 MiB), and no table page inside a destination window.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "identmap.h"
#include "kexec_flags.h"
#include "layout.h"
#include "sim.h"
#include "status_name.h"

#define MIB	(1ull << 20)
#define TWO_MIB (2 * MIB)
/* Bits an entry may hold: the address, present, write and (in a leaf) PS. */
#define PTE_ALLOWED (PTE_ADDR_MASK | PTE_PRESENT | PTE_WRITE | PTE_LARGE)

static struct layout lay;

struct walk {
	uint64_t pa;   /* translation of the address walked */
	uint64_t leaf; /* bytes the leaf entry maps */
};

/*
 * Reads a table page as the MMU does, checking it is one of ours: in the
 * machine, below 4 GiB (the stub's tables must be), outside every window.
 */
static const uint64_t *table(const struct sim *s, uint64_t entry)
{
	uint64_t addr = entry & PTE_ADDR_MASK;

	if (addr + PAGE_SIZE > s->size || addr >= FOUR_GIB)
		fail_msg("table page 0x%llx is outside the machine", (unsigned long long)addr);
	if (layout_in_window(&lay, addr, addr + PAGE_SIZE))
		fail_msg("table page 0x%llx is inside a destination window",
			 (unsigned long long)addr);
	return (const uint64_t *)(s->ram + addr);
}

/* Walks `va` through the tables at cr3; false if it is not mapped. */
static bool translate(const struct sim *s, uint64_t cr3, uint64_t va, struct walk *w)
{
	uint64_t e = table(s, cr3)[(va >> 39) & 511];
	int level;

	if (!(e & PTE_PRESENT))
		return false;
	assert_int_equal(e & ~PTE_ALLOWED, 0);
	assert_false(e & PTE_LARGE); /* reserved in a PML4E */
	for (level = 3; level >= 1; level--) {
		unsigned shift = 12 + 9 * (unsigned)(level - 1);

		e = table(s, e)[(va >> shift) & 511];
		if (!(e & PTE_PRESENT))
			return false;
		assert_int_equal(e & ~PTE_ALLOWED, 0);
		assert_true(e & PTE_WRITE); /* the stub writes everywhere */
		if (level == 1 || (e & PTE_LARGE)) {
			uint64_t size = 1ull << shift;

			/* A large leaf's frame is aligned: low address bits are reserved. */
			assert_int_equal(e & PTE_ADDR_MASK & (size - 1), 0);
			w->leaf = size;
			w->pa = (e & PTE_ADDR_MASK) | (va & (size - 1));
			return true;
		}
	}
	return false;
}

/* Every leaf of [0, m->top) maps its range to itself; nothing past top is mapped. */
static void check_identity(const struct sim *s, const struct identmap *m, uint64_t leaf)
{
	struct walk w;

	for (uint64_t va = 0; va < m->top; va += w.leaf) {
		if (!translate(s, m->cr3, va, &w))
			fail_msg("0x%llx is not mapped", (unsigned long long)va);
		if (w.pa != va || w.leaf != leaf)
			fail_msg("0x%llx maps to 0x%llx in a leaf of 0x%llx bytes",
				 (unsigned long long)va, (unsigned long long)w.pa,
				 (unsigned long long)w.leaf);
		/* Also a byte inside the leaf, not just its first one. */
		assert_true(translate(s, m->cr3, va + leaf - 1, &w));
		assert_int_equal(w.pa, va + leaf - 1);
	}
	if (m->top < IDENTMAP_MAX_TOP)
		assert_false(translate(s, m->cr3, m->top, &w));
}

/* 64 MiB machine; the map also claims RAM from 4 GiB to just past 5 GiB. */
static void machine(struct sim *s)
{
	sim_init(s, 64 * MIB);
	sim_add(s, 0, MIB, MM_RESERVED);
	sim_add(s, MIB, 60 * MIB, MM_CONVENTIONAL);
	sim_add(s, 60 * MIB, 64 * MIB, MM_RUNTIME_DATA);
	sim_add(s, FOUR_GIB, 5 * GIB + 3 * PAGE_SIZE, MM_CONVENTIONAL);
	layout_init(&lay);
}

static void build(struct sim *s, uint64_t top, bool gb, struct identmap *m)
{
	struct page_alloc pa = sim_allocator(s);
	struct diag d;
	int rc = identmap_build(&lay, &pa, top, gb, m, &d);

	if (rc)
		fail_msg("identmap_build: %s: %s", cl_status_name(rc), d.msg);
}

static void test_all_ram_maps_to_itself(void **state)
{
	struct identmap m;
	struct sim s;

	(void)state;
	for (int gb = 0; gb < 2; gb++) {
		machine(&s);
		build(&s, memmap_top(&s.map), gb, &m);
		assert_int_equal(m.top, 6 * GIB);
		assert_int_equal(m.gb_pages, gb);
		/* PML4 + PDPT, and one page directory per GiB without 1 GiB pages. */
		assert_int_equal(m.pages, gb ? 2 : 2 + 6);
		check_identity(&s, &m, gb ? GIB : TWO_MIB);
		/* Every range of the map, byte by byte at its ends, is covered. */
		for (size_t i = 0; i < s.map.count; i++) {
			struct walk w;

			assert_true(translate(&s, m.cr3, s.ranges[i].start, &w));
			assert_int_equal(w.pa, s.ranges[i].start);
			assert_true(translate(&s, m.cr3, s.ranges[i].end - 1, &w));
			assert_int_equal(w.pa, s.ranges[i].end - 1);
		}
		sim_free(&s);
	}
}

/* Past 512 GiB a second PML4 entry and PDPT are needed. */
static void test_beyond_512_gib(void **state)
{
	struct identmap m;
	struct sim s;

	(void)state;
	for (int gb = 0; gb < 2; gb++) {
		machine(&s);
		build(&s, 512 * GIB + 1, gb, &m);
		assert_int_equal(m.top, 513 * GIB);
		assert_int_equal(m.pages, gb ? 3 : 3 + 513);
		check_identity(&s, &m, gb ? GIB : TWO_MIB);
		sim_free(&s);
	}
}

/* The whole 4-level space: all 512 PML4 entries, 1 GiB leaves. */
static void test_largest_map(void **state)
{
	struct identmap m;
	struct sim s;

	(void)state;
	machine(&s);
	build(&s, IDENTMAP_MAX_TOP, true, &m);
	assert_int_equal(m.top, IDENTMAP_MAX_TOP);
	assert_int_equal(m.pages, 1 + 512);
	check_identity(&s, &m, GIB);
	sim_free(&s);
}

/*
 * Free pages inside a window that was never claimed (memory the firmware
 * freed after the map was read) are what a top-down allocator returns first:
 * the builder must step over them.
 */
static void test_tables_avoid_windows(void **state)
{
	struct identmap m;
	struct sim s;

	(void)state;
	machine(&s);
	/* Two unclaimed windows with free pages, and taken memory between them. */
	lay.windows[0].start = 60 * MIB - 32 * PAGE_SIZE;
	lay.windows[0].end = 60 * MIB;
	lay.windows[1].start = 56 * MIB - 16 * PAGE_SIZE;
	lay.windows[1].end = 56 * MIB;
	lay.n_windows = 2;
	for (uint64_t p = 56 * MIB; p < lay.windows[0].start; p += PAGE_SIZE)
		s.busy[p / PAGE_SIZE] = 1;
	build(&s, memmap_top(&s.map), false, &m);
	check_identity(&s, &m, TWO_MIB); /* table() rejects any page in a window */
	/* 48 strays stepped over; the PML4 is the first page below them. */
	assert_int_equal(m.cr3, lay.windows[1].start - PAGE_SIZE);
	sim_free(&s);
}

static void test_errors(void **state)
{
	struct page_alloc pa;
	struct identmap m = { .cr3 = 0x1234 };
	struct diag d;
	struct sim s;

	(void)state;
	machine(&s);
	pa = sim_allocator(&s);
	assert_int_equal(identmap_build(&lay, &pa, 0, true, &m, &d), CL_E_MEMMAP_INVALID);
	assert_int_equal(identmap_build(&lay, &pa, IDENTMAP_MAX_TOP + 1, true, &m, &d),
			 CL_E_MEMMAP_INVALID);
	assert_int_equal(s.allocs, 0);
	/* Out of pages at each of the 8 tables in turn: the error, *ret untouched. */
	assert_int_equal(pa.claim(pa.ctx, 2 * MIB, 1), 0); /* fail_after 0 means never */
	for (uint64_t n = 0; n < 8; n++) {
		s.fail_after = s.allocs + n;
		assert_int_equal(identmap_build(&lay, &pa, 6 * GIB, false, &m, &d),
				 CL_E_OUT_OF_PAGES);
		assert_int_equal(m.cr3, 0x1234);
	}
	s.fail_after = s.allocs + 8;
	assert_int_equal(identmap_build(&lay, &pa, 6 * GIB, false, &m, &d), CL_OK);
	assert_int_equal(m.pages, 8);
	sim_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_ram_maps_to_itself),
		cmocka_unit_test(test_beyond_512_gib),
		cmocka_unit_test(test_largest_map),
		cmocka_unit_test(test_tables_avoid_windows),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("identmap", tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * Placement, layout and page list, end to end over a simulated machine:
 * plan, stage known bytes, build the list, run the reference walker (the
 * stub's algorithm in C) and compare every destination byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "identmap.h"
#include "kexec_flags.h"
#include "kexec_list.h"
#include "layout.h"
#include "plan.h"
#include "sim.h"

#define MIB (1ull << 20)

static uint8_t pattern(uint64_t seed, uint64_t offset)
{
	uint64_t x = (seed + offset) * 0x9e3779b97f4a7c15ull;

	return (uint8_t)(x >> 56);
}

/* Writes the pattern into a segment's staging pages, as the file reads do. */
static void stage(struct layout *l, struct sim *s, size_t seg, uint64_t seed)
{
	uint64_t off = 0, addr, len;

	while (off < l->segments[seg].size && layout_chunk(l, seg, off, &addr, &len)) {
		for (uint64_t i = 0; i < len && off + i < l->segments[seg].size; i++)
			s->ram[addr + i] = pattern(seed, off + i);
		off += len;
	}
	assert_true(off >= l->segments[seg].size);
}

static void check_dest(struct layout *l, struct sim *s, size_t seg, uint64_t seed)
{
	const struct segment *g = &l->segments[seg];

	for (uint64_t i = 0; i < g->size; i++)
		if (s->ram[g->dest + i] != pattern(seed, i))
			fail_msg("%s byte %llu at 0x%llx differs", g->name,
				 (unsigned long long)i, (unsigned long long)(g->dest + i));
}

/* No source page and no list page may be a destination. */
static void check_invariants(const struct layout *l, const struct sim *s)
{
	for (size_t i = 0; i < l->n_extents; i++) {
		const struct extent *x = &l->extents[i];

		if (x->src != x->dest)
			assert_false(layout_in_window(l, x->src, x->src + x->pages * PAGE_SIZE));
	}
	for (uint64_t e = l->list_head; e & IND_INDIRECTION;) {
		uint64_t page = e & PAGE_MASK;
		const uint64_t *slots = (const uint64_t *)(s->ram + page);

		assert_false(layout_in_window(l, page, page + PAGE_SIZE));
		e = slots[IND_ENTRIES_PER_PAGE - 1];
		if (!(e & IND_INDIRECTION))
			break;
	}
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

/* The OVMF shape: 16 MiB busy with boot-services data at load time. */
static void ovmf_like(struct sim *s)
{
	sim_init(s, 64 * MIB);
	sim_add(s, 0, MIB, MM_RESERVED);
	sim_add(s, MIB, 9 * MIB, MM_CONVENTIONAL);
	sim_add(s, 9 * MIB, 21 * MIB, MM_BOOT_DATA);
	sim_add(s, 21 * MIB, 60 * MIB, MM_CONVENTIONAL);
	sim_add(s, 60 * MIB, 64 * MIB, MM_RUNTIME_DATA);
}

static void run_boot(struct sim *s, const struct bzimage_info *bz, uint64_t initrd_size,
		     bool force_copy, uint64_t seed, struct layout *l)
{
	struct page_alloc pa = sim_allocator(s);
	struct plan plan;
	struct diag d;
	size_t kseg, iseg = 0;

	assert_int_equal(plan_kernel(&s->map, bz, &plan, &d), CL_OK);
	assert_int_equal(plan_initrd(&s->map, bz, initrd_size, &plan, &d), CL_OK);
	layout_init(l);
	assert_int_equal(layout_reserve(l, &s->map, &pa, plan.kernel_addr, plan.kernel_end, &d),
			 CL_OK);
	if (initrd_size)
		assert_int_equal(layout_reserve(l, &s->map, &pa, plan.initrd_addr,
						plan.initrd_end, &d), CL_OK);
	assert_int_equal(layout_add_segment(l, &s->map, &pa, "kernel", plan.kernel_addr,
					    bz->payload_size, force_copy, &kseg, &d), CL_OK);
	if (initrd_size)
		assert_int_equal(layout_add_segment(l, &s->map, &pa, "initrd", plan.initrd_addr,
						    initrd_size, force_copy, &iseg, &d), CL_OK);
	stage(l, s, kseg, seed);
	if (initrd_size)
		stage(l, s, iseg, seed + 1);
	assert_int_equal(kexec_list_build(l, &pa, &d), CL_OK);
	check_invariants(l, s);
	assert_true(sim_walk_list(s, l->list_head));
	check_dest(l, s, kseg, seed);
	if (initrd_size)
		check_dest(l, s, iseg, seed + 1);
}

static void test_fixed_kernel_in_busy_memory_is_copied(void **state)
{
	struct bzimage_info bz = fixed_kernel(16 * MIB, 3 * MIB + 123, 4 * MIB);
	struct layout *l = malloc(sizeof(*l));
	struct sim s;

	(void)state;
	ovmf_like(&s);
	run_boot(&s, &bz, 2 * MIB + 5, false, 42, l);
	/* The kernel lies in busy 16..21 MiB: all of it moves; the initrd does not. */
	assert_int_equal(l->pages_copied, (3 * MIB + 123 + PAGE_SIZE - 1) / PAGE_SIZE);
	assert_int_equal(l->pages_in_place, (2 * MIB + 5 + PAGE_SIZE - 1) / PAGE_SIZE);
	assert_int_not_equal(l->list_head, IND_DONE);
	free(l);
	sim_free(&s);
}

static void test_force_copy_moves_every_page(void **state)
{
	struct bzimage_info bz = fixed_kernel(24 * MIB, 3 * MIB + 1, 4 * MIB);
	struct layout *l = malloc(sizeof(*l));
	struct sim s;

	(void)state;
	ovmf_like(&s);
	run_boot(&s, &bz, 70001, true, 7, l);
	assert_int_equal(l->pages_in_place, 0);
	assert_int_equal(l->pages_copied, (3 * MIB + 1 + PAGE_SIZE - 1) / PAGE_SIZE +
			 (70001 + PAGE_SIZE - 1) / PAGE_SIZE);
	free(l);
	sim_free(&s);
}

static void test_nothing_moves_when_all_free(void **state)
{
	struct bzimage_info bz = fixed_kernel(24 * MIB, 2 * MIB, 4 * MIB);
	struct layout *l = malloc(sizeof(*l));
	struct sim s;

	(void)state;
	ovmf_like(&s);
	run_boot(&s, &bz, 4096, false, 9, l);
	assert_int_equal(l->pages_copied, 0);
	assert_int_equal(l->list_head, IND_DONE);
	assert_int_equal(l->list_pages, 0);
	free(l);
	sim_free(&s);
}

/* Random machines: busy blocks everywhere, kernel pinned over some of them. */
static void test_random_layouts(void **state)
{
	uint64_t seed = getenv("SEED") ? strtoull(getenv("SEED"), NULL, 0) : 0x5eed;
	struct layout *l = malloc(sizeof(*l));

	(void)state;
	print_message("random layouts: seed 0x%llx (set SEED to change it)\n",
		      (unsigned long long)seed);
	srand((unsigned)seed);
	for (int iter = 0; iter < 300; iter++) {
		uint64_t mib = 32 + rand() % 32, at = MIB;
		struct bzimage_info bz;
		struct sim s;

		sim_init(&s, mib * MIB);
		sim_add(&s, 0, MIB, MM_RESERVED);
		while (at < (mib - 1) * MIB) {
			uint64_t len = (1 + rand() % 512) * PAGE_SIZE;
			uint32_t type = rand() % 3 ? MM_CONVENTIONAL :
					rand() % 2 ? MM_BOOT_DATA : MM_LOADER_DATA;

			if (at + len > (mib - 1) * MIB)
				len = (mib - 1) * MIB - at;
			sim_add(&s, at, at + len, type);
			at += len;
		}
		sim_add(&s, at, mib * MIB, MM_ACPI_NVS);
		bz = fixed_kernel((2 + rand() % 8) * MIB, (1 + rand() % 2048) * 1024 + rand() % 4096,
				  8 * MIB);
		run_boot(&s, &bz, (uint64_t)(1 + rand() % (512 * 1024)), rand() % 4 == 0,
			 seed + iter, l);
		sim_free(&s);
	}
	free(l);
}

static void test_identmap_maps_everything_to_itself(void **state)
{
	struct layout *l = malloc(sizeof(*l));
	struct identmap m;
	struct diag d;
	struct sim s;
	struct page_alloc pa;

	(void)state;
	ovmf_like(&s);
	pa = sim_allocator(&s);
	layout_init(l);
	assert_int_equal(layout_reserve(l, &s.map, &pa, 24 * MIB, 40 * MIB, &d), CL_OK);
	for (int gb = 0; gb < 2; gb++) {
		uint64_t top = 5 * GIB + 12345;

		assert_int_equal(identmap_build(l, &pa, top, gb, &m, &d), CL_OK);
		assert_int_equal(m.top, 6 * GIB);
		for (uint64_t va = 0; va < m.top; va += 511 * 4096 + 77) {
			const uint64_t *pml4 = (const uint64_t *)(s.ram + m.cr3);
			uint64_t e = pml4[(va >> 39) & 511], pa_out;

			assert_true(e & PTE_PRESENT);
			e = ((const uint64_t *)(s.ram + (e & PTE_ADDR_MASK)))[(va >> 30) & 511];
			assert_true(e & PTE_PRESENT);
			if (e & PTE_LARGE) {
				assert_true(gb);
				pa_out = (e & PTE_ADDR_MASK & ~(GIB - 1)) | (va & (GIB - 1));
			} else {
				assert_false(layout_in_window(l, e & PTE_ADDR_MASK,
							      (e & PTE_ADDR_MASK) + 4096));
				e = ((const uint64_t *)(s.ram + (e & PTE_ADDR_MASK)))[(va >> 21) & 511];
				assert_true(e & PTE_LARGE);
				pa_out = (e & PTE_ADDR_MASK & ~((1ull << 21) - 1)) |
					 (va & ((1ull << 21) - 1));
			}
			assert_int_equal(pa_out, va);
		}
		assert_false(layout_in_window(l, m.cr3, m.cr3 + 4096));
	}
	free(l);
	sim_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_kernel_in_busy_memory_is_copied),
		cmocka_unit_test(test_force_copy_moves_every_page),
		cmocka_unit_test(test_nothing_moves_when_all_free),
		cmocka_unit_test(test_random_layouts),
		cmocka_unit_test(test_identmap_maps_everything_to_itself),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * The firmware memory map: raw descriptors (any size the firmware picks, any
 * alignment of the buffer) into sorted ranges, rejection of what cannot be a
 * map, and the class of a window the planner asks about.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "memmap.h"
#include "status_name.h"

#define M (1ull << 20)
#define G (1ull << 30)

static uint8_t raw[4096 * 8 + 1];
static struct mem_range ranges[64];

struct desc {
	uint32_t type;
	uint64_t start, pages;
};

/* Writes descriptors of `desc_size` bytes at raw + misalign; returns the map size. */
static size_t encode(const struct desc *d, size_t n, size_t desc_size, size_t misalign)
{
	memset(raw, 0xee, sizeof(raw)); /* padding and the unknown tail are junk */
	for (size_t i = 0; i < n; i++) {
		uint8_t *p = raw + misalign + i * desc_size;

		memcpy(p, &d[i].type, 4);
		memcpy(p + 8, &d[i].start, 8);
		memcpy(p + 24, &d[i].pages, 8);
	}
	return n * desc_size;
}

static int parse(size_t size, size_t desc_size, size_t misalign, struct memmap *map)
{
	struct diag d;

	map->ranges = ranges;
	map->count = 0;
	map->capacity = 64;
	return memmap_from_efi(map, raw + misalign, size, desc_size, &d);
}

static void test_entries(void **state)
{
	(void)state;
	assert_int_equal(memmap_entries(480, 48), 10);
	assert_int_equal(memmap_entries(490, 48), 10); /* a partial tail is no entry */
	assert_int_equal(memmap_entries(400, 40), 10);
	assert_int_equal(memmap_entries(400, 39), 0);
	assert_int_equal(memmap_entries(400, 0), 0);
}

/* Out of order, with descriptor sizes up to a page, in a misaligned buffer. */
static void test_descriptor_sizes_and_sorting(void **state)
{
	static const struct desc d[] = {
		{ MM_CONVENTIONAL, 16 * M, 256 }, { MM_RESERVED, 0, 256 },
		{ 0x70000000, 4 * G, 1 },	  { MM_BOOT_DATA, 8 * M, 2048 },
		{ MM_LOADER_CODE, 1 * M, 1 },
	};
	static const size_t sizes[] = { 40, 48, 56, 64, 4096 };
	struct memmap map;

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (size_t mis = 0; mis < 2; mis++) {
			assert_int_equal(parse(encode(d, 5, sizes[i], mis), sizes[i], mis, &map),
					 CL_OK);
			assert_int_equal(map.count, 5);
			assert_int_equal(ranges[0].start, 0);
			assert_int_equal(ranges[0].end, 1 * M);
			assert_int_equal(ranges[0].type, MM_RESERVED);
			assert_int_equal(ranges[1].start, 1 * M);
			assert_int_equal(ranges[1].end, 1 * M + 4096);
			assert_int_equal(ranges[1].type, MM_LOADER_CODE);
			assert_int_equal(ranges[2].start, 8 * M);
			assert_int_equal(ranges[2].end, 16 * M);
			assert_int_equal(ranges[3].start, 16 * M);
			assert_int_equal(ranges[3].end, 17 * M);
			assert_int_equal(ranges[4].start, 4 * G);
			assert_int_equal(ranges[4].type, 0x70000000); /* kept as is */
		}
	}
}

struct bad_case {
	const char *name;
	struct desc d;
	size_t desc_size;
};

static void test_rejects(void **state)
{
	static const struct bad_case cases[] = {
		{ "descriptor smaller than version 1", { MM_CONVENTIONAL, M, 1 }, 39 },
		{ "start not page aligned", { MM_CONVENTIONAL, M + 1, 1 }, 48 },
		{ "no pages", { MM_CONVENTIONAL, M, 0 }, 48 },
		{ "end wraps past 2^64", { MM_CONVENTIONAL, M, 1ull << 52 }, 48 },
		{ "end is exactly 2^64", { MM_CONVENTIONAL, ~0ull - 4095, 1 }, 48 },
		{ "page count overflows the shift", { MM_CONVENTIONAL, 0, 1ull << 63 }, 48 },
	};
	struct memmap map;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t size = encode(&cases[i].d, 1,
				     cases[i].desc_size < 40 ? 40 : cases[i].desc_size, 0);
		int rc = parse(size, cases[i].desc_size, 0, &map);

		if (rc != CL_E_MEMMAP_INVALID)
			fail_msg("%s: %s", cases[i].name, cl_status_name(rc));
		assert_int_equal(map.count, 0);
	}
}

static void test_highest_page_and_capacity(void **state)
{
	struct desc top = { MM_CONVENTIONAL, ~0ull - 8191, 1 };
	struct desc many[65];
	struct memmap map;

	(void)state;
	assert_int_equal(parse(encode(&top, 1, 48, 0), 48, 0, &map), CL_OK);
	assert_int_equal(ranges[0].end, ~0ull - 4095);
	for (int i = 0; i < 65; i++)
		many[i] = (struct desc){ MM_CONVENTIONAL, (uint64_t)i * M, 1 };
	assert_int_equal(parse(encode(many, 64, 48, 0), 48, 0, &map), CL_OK);
	assert_int_equal(map.count, 64);
	assert_int_equal(parse(encode(many, 65, 48, 0), 48, 0, &map), CL_E_MEMMAP_INVALID);
	assert_int_equal(parse(0, 48, 0, &map), CL_OK);
	assert_int_equal(map.count, 0);
	assert_int_equal(memmap_top(&map), 0);
}

static void test_class_of_type(void **state)
{
	(void)state;
	for (uint32_t t = 0; t < 20; t++) {
		enum mem_class want = t == MM_CONVENTIONAL ? MEM_FREE
				      : (t >= MM_LOADER_CODE && t <= MM_BOOT_DATA)
					      ? MEM_FREE_AFTER_EXIT
					      : MEM_NEVER;

		assert_int_equal(memmap_class_of_type(t), want);
	}
	assert_int_equal(memmap_class_of_type(0x80000000u), MEM_NEVER);
	assert_int_equal(memmap_class_of_type(0xffffffffu), MEM_NEVER);
}

static void test_window_class(void **state)
{
	static struct mem_range r[] = {
		{ 1 * M, 2 * M, MM_CONVENTIONAL },
		{ 2 * M, 3 * M, MM_BOOT_DATA },
		{ 3 * M, 4 * M, MM_CONVENTIONAL },
		/* hole at [4, 5) MiB */
		{ 5 * M, 6 * M, MM_CONVENTIONAL },
		{ 6 * M, 7 * M, MM_ACPI_NVS },
		/* overlapping entries (a firmware bug): the worst one counts */
		{ 8 * M, 10 * M, MM_CONVENTIONAL },
		{ 9 * M, 9 * M + 4096, MM_RESERVED },
	};
	struct memmap map = { r, sizeof(r) / sizeof(r[0]), sizeof(r) / sizeof(r[0]) };

	(void)state;
	assert_int_equal(memmap_window_class(&map, 1 * M, 2 * M), MEM_FREE);
	assert_int_equal(memmap_window_class(&map, 1 * M, 2 * M + 1), MEM_FREE_AFTER_EXIT);
	assert_int_equal(memmap_window_class(&map, 2 * M - 1, 2 * M), MEM_FREE);
	assert_int_equal(memmap_window_class(&map, 1 * M, 4 * M), MEM_FREE_AFTER_EXIT);
	assert_int_equal(memmap_window_class(&map, 3 * M, 4 * M), MEM_FREE);
	assert_int_equal(memmap_window_class(&map, 3 * M, 4 * M + 1), MEM_NEVER); /* hole */
	assert_int_equal(memmap_window_class(&map, 4 * M, 5 * M), MEM_NEVER);
	assert_int_equal(memmap_window_class(&map, 5 * M, 6 * M), MEM_FREE);
	assert_int_equal(memmap_window_class(&map, 5 * M, 6 * M + 1), MEM_NEVER);
	assert_int_equal(memmap_window_class(&map, 0, 1 * M), MEM_NEVER); /* below the map */
	assert_int_equal(memmap_window_class(&map, 0, 2 * M), MEM_NEVER);
	assert_int_equal(memmap_window_class(&map, 10 * M, 11 * M), MEM_NEVER); /* above */
	assert_int_equal(memmap_window_class(&map, 8 * M, 9 * M), MEM_FREE);
	assert_int_equal(memmap_window_class(&map, 8 * M, 9 * M + 1), MEM_NEVER);
	assert_int_equal(memmap_window_class(&map, 9 * M + 4096, 10 * M), MEM_FREE);
	assert_int_equal(memmap_window_class(&map, 2 * M, 2 * M), MEM_NEVER); /* empty */
	assert_int_equal(memmap_window_class(&map, 3 * M, 2 * M), MEM_NEVER); /* reversed */
	assert_int_equal(memmap_top(&map), 10 * M);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_descriptor_sizes_and_sorting),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_highest_page_and_capacity),
		cmocka_unit_test(test_class_of_type),
		cmocka_unit_test(test_window_class),
	};

	return cmocka_run_group_tests_name("memmap", tests, NULL, NULL);
}

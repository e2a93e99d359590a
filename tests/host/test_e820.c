/* SPDX-License-Identifier: MIT */
/*
 * The firmware memory map as e820: every EFI type's mapping, merging of
 * adjacent equal types, clipping of overlaps, the output bound, and a final
 * map of more than 128 entries all the way into boot_params and its
 * SETUP_E820_EXT node.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootparams.h"
#include "e820.h"

#define M (1ull << 20)

/* UEFI 2.10 table 7.10 against boot.rst / docs/architecture.md's mapping. */
static void test_every_type(void **state)
{
	static const uint32_t want[] = {
		[MM_RESERVED] = E820_TYPE_RESERVED,	[MM_LOADER_CODE] = E820_TYPE_RAM,
		[MM_LOADER_DATA] = E820_TYPE_RAM,	[MM_BOOT_CODE] = E820_TYPE_RAM,
		[MM_BOOT_DATA] = E820_TYPE_RAM,		[MM_RUNTIME_CODE] = E820_TYPE_RESERVED,
		[MM_RUNTIME_DATA] = E820_TYPE_RESERVED, [MM_CONVENTIONAL] = E820_TYPE_RAM,
		[MM_UNUSABLE] = E820_TYPE_UNUSABLE,	[MM_ACPI_RECLAIM] = E820_TYPE_ACPI,
		[MM_ACPI_NVS] = E820_TYPE_NVS,		[MM_MMIO] = E820_TYPE_RESERVED,
		[MM_MMIO_PORT] = E820_TYPE_RESERVED,	[MM_PAL_CODE] = E820_TYPE_RESERVED,
		[MM_PERSISTENT] = E820_TYPE_PMEM,	[MM_UNACCEPTED] = E820_TYPE_RESERVED,
	};
	static const uint32_t unknown[] = { 16,		17,	    0x6fffffff, 0x70000000,
					    0x7fffffff, 0x80000000, 0xffffffff };

	(void)state;
	for (uint32_t t = 0; t < sizeof(want) / sizeof(want[0]); t++)
		if (e820_type_of(t) != want[t])
			fail_msg("EFI type %u: e820 %u, expected %u", t, e820_type_of(t), want[t]);
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		assert_int_equal(e820_type_of(unknown[i]), E820_TYPE_RESERVED);
}

struct conv_case {
	const char *name;
	struct mem_range in[8]; /* ends at the first empty range */
	size_t max;
	struct boot_e820_entry out[8];
	size_t n;
};

static const struct conv_case cases[] = {
	{ "RAM types merge",
	  { { 0, 1 * M, MM_CONVENTIONAL },
	    { 1 * M, 2 * M, MM_LOADER_DATA },
	    { 2 * M, 3 * M, MM_BOOT_CODE },
	    { 3 * M, 4 * M, MM_BOOT_DATA } },
	  8,
	  { { 0, 4 * M, E820_TYPE_RAM } },
	  1 },
	{ "a hole keeps equal types apart",
	  { { 0, 1 * M, MM_CONVENTIONAL }, { 2 * M, 3 * M, MM_CONVENTIONAL } },
	  8,
	  { { 0, 1 * M, E820_TYPE_RAM }, { 2 * M, 1 * M, E820_TYPE_RAM } },
	  2 },
	{ "reserved kinds merge, other types do not",
	  { { 0, 1 * M, MM_RUNTIME_DATA },
	    { 1 * M, 2 * M, 0x70000000 },
	    { 2 * M, 3 * M, MM_MMIO },
	    { 3 * M, 4 * M, MM_ACPI_RECLAIM },
	    { 4 * M, 5 * M, MM_ACPI_NVS },
	    { 5 * M, 6 * M, MM_ACPI_NVS } },
	  8,
	  { { 0, 3 * M, E820_TYPE_RESERVED },
	    { 3 * M, 1 * M, E820_TYPE_ACPI },
	    { 4 * M, 2 * M, E820_TYPE_NVS } },
	  3 },
	{ "an overlap is clipped: the first range wins",
	  { { 0, 2 * M, MM_CONVENTIONAL }, { 1 * M, 3 * M, MM_RESERVED } },
	  8,
	  { { 0, 2 * M, E820_TYPE_RAM }, { 2 * M, 1 * M, E820_TYPE_RESERVED } },
	  2 },
	{ "a range inside the previous one disappears",
	  { { 0, 4 * M, MM_RESERVED },
	    { 1 * M, 2 * M, MM_CONVENTIONAL },
	    { 4 * M, 5 * M, MM_CONVENTIONAL } },
	  8,
	  { { 0, 4 * M, E820_TYPE_RESERVED }, { 4 * M, 1 * M, E820_TYPE_RAM } },
	  2 },
	{ "an overlap of equal type merges",
	  { { 0, 2 * M, MM_CONVENTIONAL }, { 1 * M, 3 * M, MM_BOOT_DATA } },
	  8,
	  { { 0, 3 * M, E820_TYPE_RAM } },
	  1 },
	{ "output bound: stops at max, still merging into the last",
	  { { 0, 1 * M, MM_CONVENTIONAL },
	    { 1 * M, 2 * M, MM_RESERVED },
	    { 2 * M, 3 * M, MM_RESERVED },
	    { 3 * M, 4 * M, MM_CONVENTIONAL } },
	  2,
	  { { 0, 1 * M, E820_TYPE_RAM }, { 1 * M, 2 * M, E820_TYPE_RESERVED } },
	  2 },
	{ "max 0 writes nothing", { { 0, 1 * M, MM_CONVENTIONAL } }, 0, { { 0 } }, 0 },
	{ "empty map", { { 0 } }, 8, { { 0 } }, 0 },
};

static void test_conversions(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct mem_range in[8];
		struct memmap map = { in, 0, 8 };
		struct boot_e820_entry out[9];
		size_t n;

		for (size_t i = 0; i < 8 && cases[c].in[i].end; i++)
			in[map.count++] = cases[c].in[i];
		memset(out, 0xcc, sizeof(out));
		n = e820_from_memmap(&map, out, cases[c].max);
		if (n != cases[c].n)
			fail_msg("%s: %zu entries, expected %zu", cases[c].name, n, cases[c].n);
		for (size_t i = 0; i < n; i++)
			if (memcmp(&out[i], &cases[c].out[i], sizeof(out[i])))
				fail_msg("%s: entry %zu is 0x%llx+0x%llx type %u", cases[c].name, i,
					 (unsigned long long)out[i].addr,
					 (unsigned long long)out[i].size, out[i].type);
		assert_int_equal(((uint8_t *)&out[cases[c].max])[0], 0xcc); /* bound kept */
	}
}

/*
 * 300 alternating ranges from raw 56-byte descriptors: 300 e820 entries,
 * 128 in the zero page and 172 in the SETUP_E820_EXT node.
 */
static void test_more_than_128_entries(void **state)
{
	static uint8_t raw[300 * 56];
	static struct mem_range ranges[300];
	static struct boot_e820_entry e820[300];
	static struct boot_params bp;
	static uint8_t ext_buf[16 + 300 * 20];
	struct setup_data *ext = (struct setup_data *)ext_buf;
	struct memmap map = { ranges, 0, 300 };
	struct diag d;
	size_t n;

	(void)state;
	memset(raw, 0xee, sizeof(raw));
	for (uint64_t i = 0; i < 300; i++) {
		uint32_t type = i % 2 ? MM_ACPI_NVS : MM_CONVENTIONAL;
		uint64_t start = (299 - i) * M, pages = 256; /* given in reverse */

		if (i % 2 == 0)
			type = (i / 2) % 2 ? MM_BOOT_DATA : MM_CONVENTIONAL;
		memcpy(raw + i * 56, &type, 4);
		memcpy(raw + i * 56 + 8, &start, 8);
		memcpy(raw + i * 56 + 24, &pages, 8);
	}
	assert_int_equal(memmap_from_efi(&map, raw, sizeof(raw), 56, &d), CL_OK);
	n = e820_from_memmap(&map, e820, map.capacity);
	assert_int_equal(n, 300);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(e820[i].addr, i * M);
		assert_int_equal(e820[i].size, M);
		assert_int_equal(e820[i].type, i % 2 ? E820_TYPE_RAM : E820_TYPE_NVS);
	}
	bootparams_set_e820(&bp, e820, n, ext, 0x7000);
	assert_int_equal(bp.e820_entries, 128);
	assert_memory_equal(bp.e820_table, e820, 128 * 20);
	assert_int_equal(bp.hdr.setup_data, 0x7000);
	assert_int_equal(ext->next, 0);
	assert_int_equal(ext->type, SETUP_E820_EXT);
	assert_int_equal(ext->len, 172 * 20);
	assert_memory_equal(ext->data, &e820[128], 172 * 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type),
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_more_than_128_entries),
	};

	return cmocka_run_group_tests_name("e820", tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * Raw EFI memory map -> ranges -> e820 -> boot_params.  The input picks a
 * descriptor size and holds the descriptors; the checks are independent of
 * how memmap.c and e820.c work: the e820 table is sorted, disjoint, merged,
 * covers exactly what the map covers, and window classes agree with a
 * page-by-page reading of the map.
 */
#include <string.h>

#include "bootparams.h"
#include "e820.h"
#include "fuzz.h"
#include "units.h"

#define CAP 512

static struct mem_range ranges[CAP];
static struct boot_e820_entry table[CAP];
static struct boot_params bp;
static uint8_t ext_buf[16 + CAP * 20];

/* The class of one page: the worst range covering it, MEM_NEVER if none. */
static enum mem_class page_class(const struct memmap *map, uint64_t addr)
{
	enum mem_class worst = MEM_FREE;
	bool covered = false;

	for (size_t i = 0; i < map->count; i++)
		if (map->ranges[i].start <= addr && addr < map->ranges[i].end) {
			enum mem_class c = memmap_class_of_type(map->ranges[i].type);

			covered = true;
			if (c > worst)
				worst = c;
		}
	return covered ? worst : MEM_NEVER;
}

/* Is byte `addr` in some range of the map?  Is it in some e820 entry? */
static bool in_map(const struct memmap *map, uint64_t addr)
{
	for (size_t i = 0; i < map->count; i++)
		if (map->ranges[i].start <= addr && addr < map->ranges[i].end)
			return true;
	return false;
}

static bool in_e820(size_t n, uint64_t addr)
{
	for (size_t i = 0; i < n; i++)
		if (table[i].addr <= addr && addr - table[i].addr < table[i].size)
			return true;
	return false;
}

static void check_e820(const struct memmap *map, size_t n)
{
	CHECK(n <= map->count, "%zu entries from %zu ranges", n, map->count);
	for (size_t i = 0; i < n; i++) {
		const struct boot_e820_entry *e = &table[i];

		CHECK(e->size && e->addr + e->size - 1 >= e->addr, "entry %zu empty or wraps", i);
		CHECK(e->type == E820_TYPE_RAM || e->type == E820_TYPE_RESERVED ||
		      e->type == E820_TYPE_ACPI || e->type == E820_TYPE_NVS ||
		      e->type == E820_TYPE_UNUSABLE || e->type == E820_TYPE_PMEM,
		      "entry %zu type %u", i, e->type);
		if (!i)
			continue;
		CHECK(table[i - 1].addr + table[i - 1].size <= e->addr, "entry %zu overlaps", i);
		CHECK(table[i - 1].addr + table[i - 1].size < e->addr || table[i - 1].type != e->type,
		      "entries %zu and %zu not merged", i - 1, i);
	}
	/* Same coverage: check at every boundary of either side, and one byte before. */
	for (size_t i = 0; i < map->count; i++) {
		uint64_t pts[4] = { map->ranges[i].start, map->ranges[i].end - 1,
				    map->ranges[i].end, map->ranges[i].start - 1 };

		for (int k = 0; k < 4; k++)
			CHECK(in_map(map, pts[k]) == in_e820(n, pts[k]), "coverage at 0x%llx",
			      (unsigned long long)pts[k]);
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t last = table[i].addr + table[i].size - 1;

		CHECK(in_map(map, table[i].addr) && in_map(map, last), "entry %zu invents memory", i);
	}
}

static void check_zero_page(size_t n)
{
	struct setup_data *ext = (struct setup_data *)ext_buf;

	memset(&bp, 0, sizeof(bp));
	bootparams_set_e820(&bp, table, n, ext, 0x7000);
	CHECK(bp.e820_entries == (n < 128 ? n : 128), "e820_entries");
	CHECK(!memcmp(bp.e820_table, table, bp.e820_entries * sizeof(table[0])), "table");
	if (n <= 128) {
		CHECK(bp.hdr.setup_data == 0, "extension chained for %zu entries", n);
		return;
	}
	CHECK(bp.hdr.setup_data == 0x7000 && ext->next == 0, "extension chain");
	CHECK(ext->type == SETUP_E820_EXT && ext->len == (n - 128) * 20, "extension node");
	CHECK(!memcmp(ext->data, table + 128, ext->len), "extension data");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cursor c = { data, size };
	size_t desc_size = (size_t)take_le(&c, 1) + 24;	/* some below the minimum 40 */
	size_t max = (size_t)take_le(&c, 2) % (CAP + 1);
	struct memmap map = { ranges, 0, CAP };
	struct diag d = { "" };
	size_t n;
	int rc;

	rc = memmap_from_efi(&map, c.p, c.left, desc_size, &d);
	if (rc) {
		CHECK(rc == CL_E_MEMMAP_INVALID && d.msg[0], "memmap: %s", cl_status_name(rc));
		return 0;
	}
	CHECK(map.count == memmap_entries(c.left, desc_size), "count");
	for (size_t i = 0; i < map.count; i++) {
		CHECK(!(ranges[i].start & (PAGE_SIZE - 1)) && ranges[i].end > ranges[i].start &&
		      !(ranges[i].end & (PAGE_SIZE - 1)), "range %zu", i);
		CHECK(!i || ranges[i - 1].start <= ranges[i].start, "not sorted at %zu", i);
	}

	/* Window classes against a page-by-page reading, for small windows. */
	for (size_t i = 0; i < map.count && i < 8; i++) {
		uint64_t start = ranges[i].start - (i % 2 ? PAGE_SIZE : 0);
		uint64_t pages = 1 + (ranges[i].end - ranges[i].start) / PAGE_SIZE % 16 + i % 3;
		enum mem_class worst = MEM_FREE;

		if (start > ranges[i].start || pages > (UINT64_MAX - start) / PAGE_SIZE)
			continue;
		for (uint64_t p = 0; p < pages; p++) {
			enum mem_class pc = page_class(&map, start + p * PAGE_SIZE);

			if (pc > worst)
				worst = pc;
		}
		CHECK(memmap_window_class(&map, start, start + pages * PAGE_SIZE) == worst,
		      "window class at 0x%llx", (unsigned long long)start);
	}

	n = e820_from_memmap(&map, table, max);
	CHECK(n <= max, "wrote %zu entries, room for %zu", n, max);
	if (max == CAP)
		check_e820(&map, n);
	check_zero_page(n);
	return 0;
}

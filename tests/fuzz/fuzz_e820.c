/* SPDX-License-Identifier: MIT */
/*
 * Raw EFI memory map -> ranges -> e820 -> boot_params.  The input picks a
 * descriptor size and the room for the e820 table, and holds the
 * descriptors; the checks are independent of how memmap.c and e820.c work:
 * for every room, the e820 table is sorted, disjoint, merged, covers exactly
 * what the map covers (up to where the room ran out), every byte has the
 * e820 type of the EFI range it came from (the mapping written out below),
 * and window classes agree with a page-by-page reading of the map.
 */
#include <string.h>

#include "bootparams.h"
#include "e820.h"
#include "fuzz.h"
#include "units.h"

#define CAP 512

static struct mem_range ranges[CAP];
static struct boot_e820_entry table[CAP], full[CAP];
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

/*
 * The e820 type Linux must see for an EFI memory type, written here from the
 * UEFI specification's numbering (table 7.10), not taken from e820.c.
 */
static uint32_t e820_expected(uint32_t efi_type)
{
	switch (efi_type) {
	case 1:		  /* EfiLoaderCode */
	case 2:		  /* EfiLoaderData */
	case 3:		  /* EfiBootServicesCode */
	case 4:		  /* EfiBootServicesData */
	case 7:		  /* EfiConventionalMemory */
		return 1; /* E820 RAM */
	case 9:		  /* EfiACPIReclaimMemory */
		return 3; /* E820 ACPI */
	case 10:	  /* EfiACPIMemoryNVS */
		return 4; /* E820 NVS */
	case 8:		  /* EfiUnusableMemory */
		return 5; /* E820 unusable */
	case 14:	  /* EfiPersistentMemory */
		return 7; /* E820 PMEM */
	default: /* reserved, runtime code/data, MMIO, MMIO port, PAL code, unaccepted, unknown */
		return 2; /* E820 reserved */
	}
}

/*
 * The range byte `addr` is taken from, NULL if none covers it.  Where ranges
 * overlap, the first of the sorted map wins (e820.c's documented rule).
 */
static const struct mem_range *source_of(const struct memmap *map, uint64_t addr)
{
	for (size_t i = 0; i < map->count; i++)
		if (map->ranges[i].start <= addr && addr < map->ranges[i].end)
			return &map->ranges[i];
	return NULL;
}

/* The e820 entry holding byte `addr`, NULL if none does. */
static const struct boot_e820_entry *entry_of(const struct boot_e820_entry *t, size_t n,
					      uint64_t addr)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].addr <= addr && addr - t[i].addr < t[i].size)
			return &t[i];
	return NULL;
}

/*
 * A table of n entries against the map: sorted, disjoint, merged, and byte
 * for byte the map's memory below `limit` (all of it when limit is
 * UINT64_MAX), each byte with the e820 type of the range it came from.  The
 * source of a byte changes only at a range's start or end, so checking there
 * checks every byte.
 */
static void check_e820(const struct memmap *map, const struct boot_e820_entry *t, size_t n,
		       uint64_t limit)
{
	CHECK(n <= map->count, "%zu entries from %zu ranges", n, map->count);
	for (size_t i = 0; i < n; i++) {
		const struct boot_e820_entry *e = &t[i];

		CHECK(e->size && e->addr + e->size - 1 >= e->addr, "entry %zu empty or wraps", i);
		CHECK(e->addr + e->size <= limit, "entry %zu past the table's end", i);
		if (!i)
			continue;
		CHECK(t[i - 1].addr + t[i - 1].size <= e->addr, "entry %zu overlaps", i);
		CHECK(t[i - 1].addr + t[i - 1].size < e->addr || t[i - 1].type != e->type,
		      "entries %zu and %zu not merged", i - 1, i);
	}
	for (size_t i = 0; i < map->count; i++) {
		uint64_t pts[4] = { map->ranges[i].start, map->ranges[i].end - 1,
				    map->ranges[i].end, map->ranges[i].start - 1 };

		for (int k = 0; k < 4; k++) {
			const struct mem_range *src = source_of(map, pts[k]);
			const struct boot_e820_entry *e = entry_of(t, n, pts[k]);

			if (pts[k] >= limit)
				continue;
			CHECK(!src == !e, "0x%llx is %s the map but %s the e820 table",
			      (unsigned long long)pts[k], src ? "in" : "not in",
			      e ? "in" : "not in");
			CHECK(!e || e->type == e820_expected(src->type),
			      "0x%llx: e820 type %u, its EFI range 0x%llx-0x%llx type %u needs %u",
			      (unsigned long long)pts[k], e->type, (unsigned long long)src->start,
			      (unsigned long long)src->end, src->type, e820_expected(src->type));
		}
	}
	for (size_t i = 0; i < n; i++)
		CHECK(source_of(map, t[i].addr) && source_of(map, t[i].addr + t[i].size - 1),
		      "entry %zu invents memory", i);
}

/*
 * The table for every room `max`: the whole table (room for every range) is
 * checked in full; a smaller room holds its first min(max, all) entries
 * exactly, and nothing of the map is left out below the end of the last.
 */
static size_t check_every_room(const struct memmap *map, size_t max)
{
	size_t all = e820_from_memmap(map, full, CAP), n;

	check_e820(map, full, all, UINT64_MAX);
	n = e820_from_memmap(map, table, max);
	CHECK(n == (max < all ? max : all), "%zu entries with room for %zu of %zu", n, max, all);
	CHECK(!memcmp(table, full, n * sizeof(table[0])), "not the first %zu entries", n);
	check_e820(map, table, n,
		   n == all ? UINT64_MAX
		   : n	    ? table[n - 1].addr + table[n - 1].size
			    : 0);
	return n;
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
	size_t desc_size = (size_t)take_le(&c, 1) + 24; /* some below the minimum 40 */
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
			      !(ranges[i].end & (PAGE_SIZE - 1)),
		      "range %zu", i);
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

	n = check_every_room(&map, max);
	check_zero_page(n);
	return 0;
}

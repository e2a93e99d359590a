/* SPDX-License-Identifier: MIT */
#include "memmap.h"

#include "le.h"
#include "units.h"

/* Offsets inside EFI_MEMORY_DESCRIPTOR. */
#define DESC_TYPE  0
#define DESC_PHYS  8
#define DESC_PAGES 24

size_t memmap_entries(size_t map_size, size_t desc_size)
{
	return desc_size >= MEMMAP_DESC_MIN_SIZE ? map_size / desc_size : 0;
}

/* Insertion sort: maps are short and usually nearly sorted already. */
static void sort_ranges(struct mem_range *r, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct mem_range key = r[i];
		size_t j = i;

		while (j > 0 && r[j - 1].start > key.start) {
			r[j] = r[j - 1];
			j--;
		}
		r[j] = key;
	}
}

int memmap_from_efi(struct memmap *map, const void *buf, size_t map_size, size_t desc_size,
		    struct diag *diag)
{
	const uint8_t *p = buf;
	size_t n = memmap_entries(map_size, desc_size);

	if (desc_size < MEMMAP_DESC_MIN_SIZE)
		return diag_set(diag, CL_E_MEMMAP_INVALID,
				"firmware memory descriptor size %zu is below %u", desc_size,
				MEMMAP_DESC_MIN_SIZE);
	if (n > map->capacity)
		return diag_set(diag, CL_E_MEMMAP_INVALID,
				"firmware memory map has %zu entries, room for %zu", n,
				map->capacity);
	for (size_t i = 0; i < n; i++, p += desc_size) {
		uint64_t start = le64(p + DESC_PHYS);
		uint64_t pages = le64(p + DESC_PAGES);

		if (!is_aligned(start, PAGE_SIZE) || pages == 0 ||
		    pages > (UINT64_MAX - start) >> PAGE_SHIFT)
			return diag_set(
				diag, CL_E_MEMMAP_INVALID,
				"firmware memory map entry %zu (0x%llx, %llu pages) is invalid", i,
				(unsigned long long)start, (unsigned long long)pages);
		map->ranges[i].start = start;
		map->ranges[i].end = start + (pages << PAGE_SHIFT);
		map->ranges[i].type = le32(p + DESC_TYPE);
	}
	map->count = n;
	sort_ranges(map->ranges, n);
	return CL_OK;
}

enum mem_class memmap_class_of_type(uint32_t type)
{
	switch (type) {
	case MM_CONVENTIONAL:
		return MEM_FREE;
	case MM_LOADER_CODE:
	case MM_LOADER_DATA:
	case MM_BOOT_CODE:
	case MM_BOOT_DATA:
		return MEM_FREE_AFTER_EXIT;
	default:
		return MEM_NEVER;
	}
}

enum mem_class memmap_window_class(const struct memmap *map, uint64_t start, uint64_t end)
{
	enum mem_class worst = MEM_FREE;
	uint64_t covered = start; /* [start, covered) is known to be mapped */

	if (end <= start)
		return MEM_NEVER;
	for (size_t i = 0; i < map->count; i++) {
		const struct mem_range *r = &map->ranges[i];
		enum mem_class c;

		if (r->end <= start || r->start >= end)
			continue;
		if (r->start > covered)
			return MEM_NEVER; /* a hole */
		c = memmap_class_of_type(r->type);
		if (c > worst)
			worst = c;
		if (r->end > covered)
			covered = r->end;
	}
	return covered >= end ? worst : MEM_NEVER;
}

uint64_t memmap_top(const struct memmap *map)
{
	uint64_t top = 0;

	for (size_t i = 0; i < map->count; i++)
		if (map->ranges[i].end > top)
			top = map->ranges[i].end;
	return top;
}

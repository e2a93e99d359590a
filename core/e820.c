/* SPDX-License-Identifier: MIT */
#include "e820.h"

uint32_t e820_type_of(uint32_t efi_type)
{
	switch (efi_type) {
	case MM_LOADER_CODE:
	case MM_LOADER_DATA:
	case MM_BOOT_CODE:
	case MM_BOOT_DATA:
	case MM_CONVENTIONAL:
		return E820_TYPE_RAM;
	case MM_ACPI_RECLAIM:
		return E820_TYPE_ACPI;
	case MM_ACPI_NVS:
		return E820_TYPE_NVS;
	case MM_UNUSABLE:
		return E820_TYPE_UNUSABLE;
	case MM_PERSISTENT:
		return E820_TYPE_PMEM;
	default: /* reserved, runtime, MMIO, PAL code, unaccepted, unknown */
		return E820_TYPE_RESERVED;
	}
}

size_t e820_from_memmap(const struct memmap *map, struct boot_e820_entry *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < map->count; i++) {
		uint64_t start = map->ranges[i].start;
		uint64_t end = map->ranges[i].end;
		uint32_t type = e820_type_of(map->ranges[i].type);
		struct boot_e820_entry *prev = n ? &out[n - 1] : NULL;

		if (prev && start < prev->addr + prev->size)
			start = prev->addr + prev->size; /* overlap: first wins */
		if (start >= end)
			continue;
		if (prev && prev->type == type && prev->addr + prev->size == start) {
			prev->size += end - start;
			continue;
		}
		if (n == max)
			break;
		out[n].addr = start;
		out[n].size = end - start;
		out[n].type = type;
		n++;
	}
	return n;
}

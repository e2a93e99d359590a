/* SPDX-License-Identifier: MIT */
/*
 * The firmware memory map as the planner sees it: validated, sorted ranges
 * with the EFI memory type of each, and the question every placement asks:
 * "may this window hold one of our pages now, later, or never?"
 * The map comes from the firmware and is untrusted: descriptors are walked by
 * the firmware's descriptor size and checked for overflow.
 */
#ifndef CHAINLOAD_MEMMAP_H
#define CHAINLOAD_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* EFI memory types (UEFI 2.10, 7.2 EFI_BOOT_SERVICES.AllocatePages). */
enum memmap_efi_type {
	MM_RESERVED = 0,
	MM_LOADER_CODE = 1,
	MM_LOADER_DATA = 2,
	MM_BOOT_CODE = 3,
	MM_BOOT_DATA = 4,
	MM_RUNTIME_CODE = 5,
	MM_RUNTIME_DATA = 6,
	MM_CONVENTIONAL = 7,
	MM_UNUSABLE = 8,
	MM_ACPI_RECLAIM = 9,
	MM_ACPI_NVS = 10,
	MM_MMIO = 11,
	MM_MMIO_PORT = 12,
	MM_PAL_CODE = 13,
	MM_PERSISTENT = 14,
	MM_UNACCEPTED = 15,
};

/* The size of EFI_MEMORY_DESCRIPTOR version 1; firmware may use more. */
#define MEMMAP_DESC_MIN_SIZE 40

/* Ordered from best to worst so the worst of a window is a max(). */
enum mem_class {
	MEM_FREE = 0,	     /* EfiConventionalMemory: ours to allocate now */
	MEM_FREE_AFTER_EXIT, /* loader or boot-services memory: free after EBS */
	MEM_NEVER,	     /* everything else, and holes */
};

struct mem_range {
	uint64_t start; /* page aligned */
	uint64_t end;	/* exclusive, > start */
	uint32_t type;	/* enum memmap_efi_type, or an unknown value */
};

struct memmap {
	struct mem_range *ranges; /* sorted by start */
	size_t count;
	size_t capacity;
};

/* Entries a map of `map_size` bytes with `desc_size` descriptors can hold. */
size_t memmap_entries(size_t map_size, size_t desc_size);

/*
 * Fills `map` (whose ranges/capacity the caller provides) from raw EFI
 * descriptors.  Rejects descriptor sizes below the version-1 layout,
 * misaligned or wrapping ranges, and more entries than the capacity.
 * Allocation-free: safe between the final GetMemoryMap and ExitBootServices.
 */
int memmap_from_efi(struct memmap *map, const void *buf, size_t map_size, size_t desc_size,
		    struct diag *diag);

enum mem_class memmap_class_of_type(uint32_t type);

/* Worst class over [start, end); a part not covered by the map is MEM_NEVER. */
enum mem_class memmap_window_class(const struct memmap *map, uint64_t start, uint64_t end);

/* End of the highest range (0 for an empty map). */
uint64_t memmap_top(const struct memmap *map);

#endif /* CHAINLOAD_MEMMAP_H */

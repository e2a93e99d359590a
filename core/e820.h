/* SPDX-License-Identifier: MIT */
/* The firmware memory map as the kernel's e820 table. */
#ifndef CHAINLOAD_E820_H
#define CHAINLOAD_E820_H

#include <stddef.h>
#include <stdint.h>

#include "bootparam.h"
#include "memmap.h"

/* e820 type for an EFI memory type; unknown types are reserved. */
uint32_t e820_type_of(uint32_t efi_type);

/*
 * Converts a sorted map into at most `max` e820 entries, merging adjacent
 * ranges of equal type and clipping overlaps so the table is sorted and
 * disjoint.  Returns the number of entries written; never more than
 * map->count, so a table of map->capacity entries always suffices.
 * Allocation-free.
 */
size_t e820_from_memmap(const struct memmap *map, struct boot_e820_entry *out, size_t max);

#endif /* CHAINLOAD_E820_H */

/* SPDX-License-Identifier: MIT */
/* GetMemoryMap, parsed into core's struct memmap. */
#ifndef CHAINLOAD_MEMORY_MAP_H
#define CHAINLOAD_MEMORY_MAP_H

#include <efi.h>

#include "memmap.h"

struct raw_map {
	void *buf;	/* caller's buffer */
	UINTN capacity; /* bytes in buf */
	UINTN size;	/* bytes the firmware wrote */
	UINTN key;
	UINTN desc_size;
	UINT32 desc_version;
};

/* Bytes the map needs right now (the firmware's own answer to size 0). */
EFI_STATUS memory_map_probe(UINTN *ret_size, UINTN *ret_desc_size);

/* GetMemoryMap into raw->buf, without allocating. */
EFI_STATUS memory_map_read(struct raw_map *raw);

/* A snapshot for planning: ranges in pool memory the caller frees. */
EFI_STATUS memory_map_snapshot(struct memmap *ret);
void memory_map_free(struct memmap *map);

#endif /* CHAINLOAD_MEMORY_MAP_H */

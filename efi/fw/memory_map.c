/* SPDX-License-Identifier: MIT */
#include "fw/memory_map.h"

#include <efilib.h>

#include "fw/console.h"
#include "fw/efi_status.h"

/* Room for the descriptors our own pool allocations may add meanwhile. */
#define SNAPSHOT_SLACK_DESCS 16

EFI_STATUS memory_map_probe(UINTN *ret_size, UINTN *ret_desc_size)
{
	UINTN size = 0, key, desc_size = 0;
	UINT32 version;
	EFI_STATUS st = BS->GetMemoryMap(&size, NULL, &key, &desc_size, &version);

	if (st != EFI_BUFFER_TOO_SMALL)
		return EFI_ERROR(st) ? st : EFI_DEVICE_ERROR;
	*ret_size = size;
	*ret_desc_size = desc_size;
	return EFI_SUCCESS;
}

EFI_STATUS memory_map_read(struct raw_map *raw)
{
	raw->size = raw->capacity;
	return BS->GetMemoryMap(&raw->size, raw->buf, &raw->key, &raw->desc_size,
				&raw->desc_version);
}

EFI_STATUS memory_map_snapshot(struct memmap *ret)
{
	struct raw_map raw = { 0 };
	struct memmap map = { 0 };
	struct diag d;
	EFI_STATUS st;
	int rc;

	st = memory_map_probe(&raw.capacity, &raw.desc_size);
	if (EFI_ERROR(st))
		return con_error(st, "memory map", "GetMemoryMap gave no size");
	raw.capacity += SNAPSHOT_SLACK_DESCS * raw.desc_size;
	st = BS->AllocatePool(EfiLoaderData, raw.capacity, &raw.buf);
	if (EFI_ERROR(st))
		return con_error(st, "memory map", "no memory for it");
	map.capacity = memmap_entries(raw.capacity, raw.desc_size);
	st = BS->AllocatePool(EfiLoaderData, map.capacity * sizeof(*map.ranges) + 1,
			      (void **)&map.ranges);
	if (EFI_ERROR(st)) {
		con_error(st, "memory map", "no memory for it");
		goto err_ranges;
	}
	st = memory_map_read(&raw);
	if (EFI_ERROR(st)) {
		con_error(st, "memory map", "GetMemoryMap failed");
		goto err_read;
	}
	rc = memmap_from_efi(&map, raw.buf, raw.size, raw.desc_size, &d);
	if (rc) {
		st = con_error(efi_status_of(rc), "memory map", "%s", d.msg);
		goto err_read;
	}
	BS->FreePool(raw.buf);
	*ret = map;
	return EFI_SUCCESS;

err_read:
	BS->FreePool(map.ranges);
err_ranges:
	BS->FreePool(raw.buf);
	return st;
}

void memory_map_free(struct memmap *map)
{
	if (map->ranges)
		BS->FreePool(map->ranges);
	map->ranges = NULL;
	map->count = map->capacity = 0;
}

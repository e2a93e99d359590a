/* SPDX-License-Identifier: MIT */
#include "start/xbootldr.h"

#include <efilib.h>

#include "devpath.h"

static EFI_GUID partition_info_guid = {
	0x8cf2f62c, 0xbc9b, 0x4821, { 0x80, 0x8d, 0xec, 0x9e, 0xc4, 0x21, 0xa1, 0xa0 }
};

static const EFI_GUID xbootldr_type = {
	0xbc13c2ff, 0x59e6, 0x4262, { 0xa3, 0x52, 0xb2, 0x75, 0xfd, 0x6f, 0x71, 0x72 }
};

/* EFI_PARTITION_INFO_PROTOCOL up to the GPT entry's type GUID (packed: the entry is at 16). */
struct partition_info {
	UINT32 revision;
	UINT32 type; /* 2: GPT */
	UINT8 system;
	UINT8 reserved[7];
	EFI_GUID gpt_type; /* the GPT entry's PartitionTypeGUID */
};

_Static_assert(__builtin_offsetof(struct partition_info, gpt_type) == 16,
	       "EFI_PARTITION_INFO_PROTOCOL.Info.Gpt.PartitionTypeGUID");

#define PARTITION_TYPE_GPT 2

static BOOLEAN is_xbootldr(EFI_HANDLE h)
{
	struct partition_info *pi;

	if (EFI_ERROR(BS->HandleProtocol(h, &partition_info_guid, (void **)&pi)))
		return FALSE;
	return pi->type == PARTITION_TYPE_GPT &&
	       !CompareMem(&pi->gpt_type, &xbootldr_type, sizeof(xbootldr_type));
}

/* The device path of h and the length of its disk's part; 0 when unknown. */
static UINTN disk_of(EFI_HANDLE h, const UINT8 **ret)
{
	EFI_DEVICE_PATH *dp;

	if (EFI_ERROR(BS->HandleProtocol(h, &DevicePathProtocol, (void **)&dp)))
		return 0;
	*ret = (const UINT8 *)dp;
	return devpath_disk_prefix(*ret, DEVPATH_MAX_BYTES);
}

EFI_HANDLE xbootldr_find(EFI_HANDLE esp)
{
	EFI_HANDLE *handles, found = NULL;
	const UINT8 *esp_dp, *dp;
	UINTN n, disk_len;

	disk_len = disk_of(esp, &esp_dp);
	if (!disk_len)
		return NULL;
	if (EFI_ERROR(BS->LocateHandleBuffer(ByProtocol, &FileSystemProtocol, NULL, &n, &handles)))
		return NULL;
	for (UINTN i = 0; i < n && !found; i++) {
		if (handles[i] == esp || disk_of(handles[i], &dp) != disk_len ||
		    CompareMem(dp, esp_dp, disk_len) || !is_xbootldr(handles[i]))
			continue;
		found = handles[i];
	}
	BS->FreePool(handles);
	return found;
}

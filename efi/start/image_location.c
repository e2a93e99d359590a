/* SPDX-License-Identifier: MIT */
#include "start/image_location.h"

#include <efilib.h>

#include "devpath.h"
#include "utf16.h"

void image_location_get(EFI_HANDLE image, struct image_location *ret)
{
	EFI_DEVICE_PATH *device_path;
	EFI_LOADED_IMAGE *li;
	size_t len;

	SetMem(ret, sizeof(*ret), 0);
	if (EFI_ERROR(BS->HandleProtocol(image, &LoadedImageProtocol, (void **)&li)))
		return;
	/* The firmware's paths carry no size: DEVPATH_MAX_BYTES bounds the walk. */
	if (li->FilePath &&
	    !devpath_file_path((const uint8_t *)li->FilePath, DEVPATH_MAX_BYTES, ret->path16,
			       IMAGE_PATH_UNITS, &len, NULL) &&
	    !utf16_to_utf8(ret->path16, len, ret->path, sizeof(ret->path), &len, NULL))
		ret->have_path = TRUE;
	if (li->DeviceHandle && !EFI_ERROR(BS->HandleProtocol(li->DeviceHandle, &DevicePathProtocol,
							      (void **)&device_path)))
		ret->have_part_guid = devpath_gpt_partition((const uint8_t *)device_path,
							    DEVPATH_MAX_BYTES, ret->part_guid);
}

EFI_HANDLE image_volume(EFI_HANDLE image)
{
	EFI_LOADED_IMAGE *li;

	if (EFI_ERROR(BS->HandleProtocol(image, &LoadedImageProtocol, (void **)&li)))
		return NULL;
	return li->DeviceHandle;
}

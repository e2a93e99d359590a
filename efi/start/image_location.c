/* SPDX-License-Identifier: MIT */
#include "start/image_location.h"

#include <efilib.h>

#include "devpath.h"
#include "net/pxe.h"
#include "utf16.h"
#include "utf8.h"

/*
 * Booted over PXE the image has no file path: its name on its volume (the
 * TFTP server, names relative to the boot file's directory) is the boot
 * file's last component.
 */
static void pxe_boot_name(EFI_HANDLE device, struct image_location *ret)
{
	struct pxe_boot boot;
	const char *name;
	UINTN n = 0, units;

	if (EFI_ERROR(pxe_boot_get(device, &boot)))
		return;
	name = boot.boot_file;
	for (const char *p = boot.boot_file; *p; p++)
		if (*p == '/' || *p == '\\')
			name = p + 1;
	while (name[n] && n + 1 < sizeof(ret->path)) {
		ret->path[n] = name[n];
		n++;
	}
	ret->path[n] = '\0';
	units = utf8_to_ucs2(ret->path, ret->path16, IMAGE_PATH_UNITS);
	ret->have_path = !name[n] && units && units != UTF8_TOO_LONG;
}

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
	if (!ret->have_path)
		pxe_boot_name(li->DeviceHandle, ret);
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

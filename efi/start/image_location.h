/* SPDX-License-Identifier: MIT */
/*
 * Where chainload itself lives: its path on its volume (LoadedImage->
 * FilePath) and the GPT partition of that volume (the hard-drive node of
 * the device's path).  The default config sits beside the path; the Boot
 * Loader Interface variables report both.
 */
#ifndef CHAINLOAD_IMAGE_LOCATION_H
#define CHAINLOAD_IMAGE_LOCATION_H

#include <efi.h>

#define IMAGE_PATH_UNITS 512

struct image_location {
	BOOLEAN have_path;
	CHAR16 path16[IMAGE_PATH_UNITS]; /* "\EFI\chainload\chainload.efi" */
	char path[IMAGE_PATH_UNITS * 3]; /* the same in UTF-8 */
	BOOLEAN have_part_guid;
	UINT8 part_guid[16];
};

/* Fills what the firmware tells; never fails (the have_ flags say what is known). */
void image_location_get(EFI_HANDLE image, struct image_location *ret);

/* The device chainload was loaded from (its volume); NULL when unknown. */
EFI_HANDLE image_volume(EFI_HANDLE image);

#endif /* CHAINLOAD_IMAGE_LOCATION_H */

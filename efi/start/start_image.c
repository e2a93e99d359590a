/* SPDX-License-Identifier: MIT */
#include "start/start_image.h"

#include <efilib.h>

#include "fw/console.h"
#include "fw/file.h"
#include "utf8.h"

#define OPTIONS_UNITS 4096

EFI_STATUS start_image(EFI_HANDLE image, EFI_HANDLE volume, const char *path, const char *options)
{
	static CHAR16 opts[OPTIONS_UNITS];
	EFI_LOADED_IMAGE *loaded;
	EFI_DEVICE_PATH *dp;
	EFI_HANDLE child;
	EFI_STATUS st;
	UINTN units;

	units = utf8_to_ucs2(options, opts, OPTIONS_UNITS);
	if (!units || units == UTF8_TOO_LONG)
		return con_error(EFI_INVALID_PARAMETER, path,
				 "its options are not valid UTF-8 or are too long");
	dp = file_device_path(volume, path);
	if (!dp)
		return con_error(EFI_INVALID_PARAMETER, path,
				 "no device path for it (a bad path?)");
	child = NULL;
	st = BS->LoadImage(FALSE, image, dp, NULL, 0, &child);
	BS->FreePool(dp);
	if (EFI_ERROR(st)) {
		/* Refused by Secure Boot, the image is loaded all the same: unload it. */
		if (st == EFI_SECURITY_VIOLATION && child)
			BS->UnloadImage(child);
		return con_error(st, path, "the firmware would not load it");
	}
	st = BS->HandleProtocol(child, &LoadedImageProtocol, (void **)&loaded);
	if (EFI_ERROR(st)) {
		BS->UnloadImage(child);
		return con_error(st, path, "no loaded-image protocol");
	}
	if (*options) {
		loaded->LoadOptions = opts;
		loaded->LoadOptionsSize = units * sizeof(CHAR16);
	}
	st = BS->StartImage(child, NULL, NULL);
	if (EFI_ERROR(st))
		return con_error(st, path, "returned");
	return st;
}

/* SPDX-License-Identifier: MIT */
/*
 * An `efi` boot entry: another EFI program (Windows' boot manager, a
 * shell, another loader) loaded by the firmware from its file, so the
 * firmware's Secure Boot policy decides whether it may run, and started
 * with the entry's options as its load options.
 */
#ifndef CHAINLOAD_START_IMAGE_H
#define CHAINLOAD_START_IMAGE_H

#include <efi.h>

/*
 * Loads `path` on the file system of `volume` and starts it; returns only
 * if it returns (its status) or could not be started (one line printed).
 */
EFI_STATUS start_image(EFI_HANDLE image, EFI_HANDLE volume, const char *path, const char *options);

#endif /* CHAINLOAD_START_IMAGE_H */

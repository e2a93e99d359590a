/* SPDX-License-Identifier: MIT */
/* Files on the volume chainload was loaded from. */
#ifndef CHAINLOAD_FILE_H
#define CHAINLOAD_FILE_H

#include <efi.h>

#include "fw/progress.h"

struct efi_file {
	const char *path; /* as the user wrote it, for messages */
	EFI_FILE_HANDLE handle;
	UINT64 size;
	struct progress progress; /* drawn for big files (progress.h) */
};

/* Opens the root directory of the image's own volume. */
EFI_STATUS file_open_root(EFI_HANDLE image, EFI_FILE_HANDLE *ret_root);

/* Opens the root directory of the file system on `device`. */
EFI_STATUS file_open_volume(EFI_HANDLE device, EFI_FILE_HANDLE *ret_root);

/*
 * Opens `path` (UTF-8, '\' or '/' separators) read-only and reads its size.
 * Prints the one-line error itself: missing, a directory, or empty.
 */
EFI_STATUS file_open(EFI_FILE_HANDLE root, const char *path, struct efi_file *ret);

/*
 * Whether `path` does not exist (the firmware's Open says EFI_NOT_FOUND).
 * Prints nothing: for a file whose absence has its own message.
 */
BOOLEAN file_missing(EFI_FILE_HANDLE root, const char *path);

/*
 * Reads exactly `len` bytes at `offset` into `buf`; prints short reads.  A
 * file larger than PROGRESS_MIN_BYTES shows a progress bar as it is read.
 */
EFI_STATUS file_read(struct efi_file *f, UINT64 offset, void *buf, UINT64 len);

/*
 * The device path of `path` on the file system of `device` (the volume's
 * device path plus a file-path node), for LoadImage and measurement
 * events.  Pool memory the caller frees; NULL when it cannot be built.
 */
EFI_DEVICE_PATH *file_device_path(EFI_HANDLE device, const char *path);

void file_close(struct efi_file *f);

/*
 * UTF-8 path to a UEFI path in out[0..cap) units: '/' becomes '\'.  Paths
 * are UCS-2, so one that is not well-formed UTF-8 or has a character above
 * U+FFFF is refused (EFI_INVALID_PARAMETER), as is one that does not fit.
 */
EFI_STATUS file_path_ucs2(const char *path, CHAR16 *out, UINTN cap);

#endif /* CHAINLOAD_FILE_H */

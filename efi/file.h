/* SPDX-License-Identifier: MIT */
/* Files on the volume chainload was loaded from. */
#ifndef CHAINLOAD_FILE_H
#define CHAINLOAD_FILE_H

#include <efi.h>

struct efi_file {
	const char *path;		/* as the user wrote it, for messages */
	EFI_FILE_HANDLE handle;
	UINT64 size;
};

/* Opens the root directory of the image's own volume. */
EFI_STATUS file_open_root(EFI_HANDLE image, EFI_FILE_HANDLE *ret_root);

/*
 * Opens `path` (UTF-8, '\' or '/' separators) read-only and reads its size.
 * Prints the one-line error itself: missing, a directory, or empty.
 */
EFI_STATUS file_open(EFI_FILE_HANDLE root, const char *path, struct efi_file *ret);

/* Reads exactly `len` bytes at `offset` into `buf`; prints short reads. */
EFI_STATUS file_read(struct efi_file *f, UINT64 offset, void *buf, UINT64 len);

void file_close(struct efi_file *f);

#endif /* CHAINLOAD_FILE_H */

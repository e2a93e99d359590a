/* SPDX-License-Identifier: MIT */
/*
 * Directories on a FAT volume: the names in one (\loader\entries) and
 * renaming a file in it (boot counting).  Names are UTF-8 on our side.
 */
#ifndef CHAINLOAD_DIR_H
#define CHAINLOAD_DIR_H

#include <efi.h>

#define DIR_NAME_MAX 256 /* bytes of one UTF-8 name, NUL included */

struct dir_entry {
	char name[DIR_NAME_MAX];
	BOOLEAN is_dir;
	UINT64 size;
};

/* Opens the directory `path` under `root`; EFI_NOT_FOUND quietly when absent. */
EFI_STATUS dir_open(EFI_FILE_HANDLE root, const char *path, EFI_FILE_HANDLE *ret);

/*
 * The next name: EFI_SUCCESS with *ret filled, EFI_NOT_FOUND at the end.
 * A name that is not UCS-2 text or is too long is skipped.
 */
EFI_STATUS dir_next(EFI_FILE_HANDLE dir, struct dir_entry *ret);

/*
 * Renames the file `from` in the open directory `dir` to `to` (names, not
 * paths), through its EFI_FILE_INFO, and flushes it to the disk.
 */
EFI_STATUS dir_rename(EFI_FILE_HANDLE dir, const char *from, const char *to);

#endif /* CHAINLOAD_DIR_H */

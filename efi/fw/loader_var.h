/* SPDX-License-Identifier: MIT */
/*
 * EFI variables under the Boot Loader Interface's vendor GUID
 * 4a67b082-0a4c-41cf-b6c7-440b29bb8c4f, the loader's conversation with the
 * OS (systemd.io/BOOT_LOADER_INTERFACE): strings are UTF-16 with their NUL
 * on the firmware side and UTF-8 on ours.  Volatile ones live until the
 * next reset; non-volatile ones (LoaderEntryDefault, LoaderConfigTimeout,
 * LoaderEntryLastBooted) are the user's settings.
 */
#ifndef CHAINLOAD_LOADER_VAR_H
#define CHAINLOAD_LOADER_VAR_H

#include <efi.h>

enum loader_var_kind {
	LOADER_VAR_VOLATILE, /* boot services + runtime access */
	LOADER_VAR_NV,	     /* the same, kept across resets */
};

/*
 * The string `name` holds, as UTF-8 into buf[0..cap): EFI_NOT_FOUND when
 * it is not set; an error when it is not UTF-16 text or does not fit.
 */
EFI_STATUS loader_var_get(const char *name, char *buf, UINTN cap);

/* Sets `name` to the UTF-8 string `value` (converted, NUL included). */
EFI_STATUS loader_var_set(const char *name, const char *value, enum loader_var_kind kind);

/* Sets `name` to raw bytes (LoaderEntries, LoaderFeatures). */
EFI_STATUS loader_var_set_bytes(const char *name, const void *bytes, UINTN size,
				enum loader_var_kind kind);

/* Deletes `name`; not being set is success. */
EFI_STATUS loader_var_delete(const char *name);

#endif /* CHAINLOAD_LOADER_VAR_H */

/* SPDX-License-Identifier: MIT */
/*
 * The Boot Loader Interface (systemd.io/BOOT_LOADER_INTERFACE): volatile
 * variables under the vendor GUID 4a67b082-0a4c-41cf-b6c7-440b29bb8c4f,
 * UTF-16 strings with their NUL, readable from Linux through efivarfs.
 *
 *   LoaderInfo             "chainload VERSION"
 *   LoaderTimeInitUSec     when chainload started, in µs since the CPU's
 *   LoaderTimeExecUSec     TSC started (reset); when it left for the kernel
 *   LoaderDevicePartUUID   chainload's ESP partition GUID (GPT only), upper case
 *   LoaderImageIdentifier  chainload's path on that partition
 * and, when chainload is the boot menu (efi/start/boot_manager.c):
 *   LoaderFeatures         what the menu implements, 8 bytes little endian
 *   LoaderEntries          the entry ids in menu order, each UTF-16 + NUL
 *   LoaderEntrySelected    the id of the entry booted
 *   LoaderTimeMenuUSec     when the entry was chosen (µs, as the times above)
 *   LoaderBootCountPath    a counted entry's new path, for systemd-bless-boot
 *
 * chainload sets them whoever set them before (it is the loader that runs
 * the kernel).  A variable the firmware refuses costs one warning, never
 * the boot.
 */
#ifndef CHAINLOAD_BLI_H
#define CHAINLOAD_BLI_H

#include <efi.h>

#include "start/image_location.h"

/* At the start: reads the TSC, calibrates it, sets all but LoaderTimeExecUSec. */
void bli_begin(const struct image_location *loc);

/*
 * Just before the final memory map and ExitBootServices: sets
 * LoaderTimeExecUSec.  (SetVariable may allocate, so never after the map.)
 */
void bli_exec(void);

/* The menu's list and abilities, once it is made. */
void bli_menu(const UINT16 *entries, UINTN units, UINT64 features);

/* The entry chosen; `count_path` NULL when it carries no boot counter. */
void bli_chosen(const char *id, const char *count_path);

#endif /* CHAINLOAD_BLI_H */

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

#endif /* CHAINLOAD_BLI_H */

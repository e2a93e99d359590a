/* SPDX-License-Identifier: MIT */
/*
 * chainload as the machine's boot manager, when it has no KERNEL word and
 * no chainload.conf (or --menu): \loader\loader.conf and the entries of
 * \loader\entries (efi/start/entries.c), sorted as bootctl lists them
 * (core/boot_menu.c); the OS's requests through the Boot Loader Interface
 * variables (one-shot entry and timeout, default, timeout, @saved); the
 * menu (efi/start/menu.c) or straight to the default; boot counting; then
 * the same launch as ever.  A launch that returns brings the menu back
 * with its error under it.
 */
#ifndef CHAINLOAD_BOOT_MANAGER_H
#define CHAINLOAD_BOOT_MANAGER_H

#include <efi.h>

#include "args.h"

/*
 * `args`: the words chainload was started with (options such as -v, and
 * words added to every entry's command line).  Returns only when nothing
 * was booted: no entries, the menu left, or the last try's status.
 */
EFI_STATUS boot_manager(EFI_HANDLE image, struct boot_args *args);

#endif /* CHAINLOAD_BOOT_MANAGER_H */

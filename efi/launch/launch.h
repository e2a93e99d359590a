/* SPDX-License-Identifier: MIT */
/*
 * One launch: open the files, plan, stage, prepare, and exit into the
 * kernel.  On any failure everything allocated is freed and the EFI status
 * is returned to the caller (shell or boot manager), with one line printed.
 */
#ifndef CHAINLOAD_LAUNCH_H
#define CHAINLOAD_LAUNCH_H

#include <efi.h>

#include "args.h"

EFI_STATUS launch(EFI_HANDLE image, const struct boot_args *args);

#endif /* CHAINLOAD_LAUNCH_H */

/* SPDX-License-Identifier: MIT */
/*
 * The Extended Boot Loader partition of the Boot Loader Specification:
 * a partition of GPT type bc13c2ff-59e6-4262-a352-b275fd6f7172 on the disk
 * of chainload's own ESP, whose \loader\entries are listed beside the
 * ESP's.  Found through the firmware's EFI_PARTITION_INFO_PROTOCOL (UEFI
 * 2.7), which names each partition's type, on the volumes whose file
 * systems the firmware can read.
 */
#ifndef CHAINLOAD_XBOOTLDR_H
#define CHAINLOAD_XBOOTLDR_H

#include <efi.h>

/* The XBOOTLDR volume on the disk of `esp`, or NULL when there is none. */
EFI_HANDLE xbootldr_find(EFI_HANDLE esp);

#endif /* CHAINLOAD_XBOOTLDR_H */

/* SPDX-License-Identifier: MIT */
/*
 * What the kernel's EFI stub would have handed Linux, gathered from the
 * firmware before ExitBootServices: framebuffer (GOP), ACPI RSDP, RNG seed,
 * Secure Boot state.  Collected early (it may print warnings), applied to
 * boot_params once that page exists.
 */
#ifndef CHAINLOAD_FIRMWARE_INFO_H
#define CHAINLOAD_FIRMWARE_INFO_H

#include <efi.h>

#include "bootparam.h"
#include "layout.h"
#include "page_alloc.h"

struct firmware_info {
	BOOLEAN verbose;
	UINT8 reserved;		/* placeholder until the fields land */
};

/* Reads everything; never fails the launch for a missing optional feature. */
EFI_STATUS firmware_info_collect(struct firmware_info *fi, BOOLEAN verbose);

/*
 * Writes the collected information into `bp`; setup_data nodes it needs are
 * allocated through `pa` outside every window of `l`.
 */
EFI_STATUS firmware_info_apply(const struct firmware_info *fi, struct boot_params *bp,
			       const struct layout *l, const struct page_alloc *pa);

#endif /* CHAINLOAD_FIRMWARE_INFO_H */

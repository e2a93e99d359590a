/* SPDX-License-Identifier: MIT */
/*
 * Placement: where the kernel and the initrd go in physical memory, decided
 * from the bzImage header and the firmware memory map before anything is
 * read or allocated.
 */
#ifndef CHAINLOAD_PLAN_H
#define CHAINLOAD_PLAN_H

#include <stdint.h>

#include "bzimage.h"
#include "memmap.h"
#include "status.h"

/* Nothing of ours goes below 1 MiB: Linux keeps that range for itself. */
#define PLAN_LOW_FLOOR 0x100000ull

struct plan {
	uint64_t kernel_addr; /* protected-mode load address */
	uint64_t kernel_end;  /* kernel_addr + init_size, page aligned up */
	uint64_t initrd_addr; /* 0 when there is no initrd */
	uint64_t initrd_end;  /* initrd_addr + size, page aligned up */
};

/*
 * Relocatable kernels go to pref_address when [pref, pref + init_size) is
 * conventional memory now, else to the lowest conventional window at or above
 * pref_address, trying alignments from kernel_alignment down to
 * min_alignment.  Non-relocatable kernels go exactly to pref_address, which
 * may be busy now if it is free after ExitBootServices.
 */
int plan_kernel(const struct memmap *map, const struct bzimage_info *bz, struct plan *plan,
		struct diag *diag);

/*
 * Puts `size` bytes of initrd as high as possible in conventional memory
 * below the kernel's limit (initrd_addr_max, or anywhere with
 * XLF_CAN_BE_LOADED_ABOVE_4G), outside the kernel window.  Needs
 * plan->kernel_* set.  size 0 means no initrd.
 */
int plan_initrd(const struct memmap *map, const struct bzimage_info *bz, uint64_t size,
		struct plan *plan, struct diag *diag);

/*
 * The kernel as the 32-bit entry may place it: that entry runs with paging
 * off, so the kernel and the initrd must end by 4 GiB whatever the kernel
 * itself allows (XLF_CAN_BE_LOADED_ABOVE_4G dropped, initrd_addr_max at
 * most 4 GiB - 1).  Plan with the result.
 */
struct bzimage_info plan_below_4g(const struct bzimage_info *bz);

#endif /* CHAINLOAD_PLAN_H */

/* SPDX-License-Identifier: MIT */
/* Planning: the memory map as it is now -> where the kernel and the initrd go. */
#include "launch/launch_state.h"

#include <efilib.h>

EFI_STATUS launch_plan_memory(struct launch *ln)
{
	/* The 32-bit entry runs with paging off: all of it below 4 GiB. */
	struct bzimage_info bz = ln->entry.kind == ENTRY_32 ? plan_below_4g(&ln->bz) : ln->bz;
	struct diag d;
	EFI_STATUS st;
	int rc;

	/*
	 * Before the snapshot: a pool this large takes fresh pages, maybe from
	 * the free window the plan is about to choose.
	 */
	st = BS->AllocatePool(EfiLoaderData, sizeof(*ln->layout), (void **)&ln->layout);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no memory for the layout");
	st = memory_map_snapshot(&ln->map);
	if (EFI_ERROR(st))
		return st;
	rc = plan_kernel(&ln->map, &bz, &ln->plan, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);
	rc = plan_initrd(&ln->map, &bz, ln->initrd_size, &ln->plan, &d);
	if (rc)
		return launch_core_error(rc, ln->initrd_names, &d);
	return EFI_SUCCESS;
}

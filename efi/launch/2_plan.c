/* SPDX-License-Identifier: MIT */
/* Planning: the memory map as it is now -> where the kernel and the initrd go. */
#include "launch/launch_state.h"

EFI_STATUS launch_plan_memory(struct launch *ln)
{
	const char *initrd_name = ln->args->n_initrds ? ln->args->initrds[0] : "initrd";
	struct diag d;
	EFI_STATUS st;
	int rc;

	if (cpu_read_cr4() & CR4_LA57)
		return con_error(EFI_UNSUPPORTED, "firmware",
				 "runs 5-level paging; chainload builds 4-level tables only");
	st = memory_map_snapshot(&ln->map);
	if (EFI_ERROR(st))
		return st;
	rc = plan_kernel(&ln->map, &ln->bz, &ln->plan, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);
	rc = plan_initrd(&ln->map, &ln->bz, ln->initrd_size, &ln->plan, &d);
	if (rc)
		return launch_core_error(rc, initrd_name, &d);
	return EFI_SUCCESS;
}

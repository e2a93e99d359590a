/* SPDX-License-Identifier: MIT */
#include "handoff/firmware_info.h"

#include <efilib.h>

void firmware_info_collect(struct firmware_info *fi, BOOLEAN verbose)
{
	SetMem(fi, sizeof(*fi), 0);
	fi->verbose = verbose;
	fi->have_screen = gop_screen_info(&fi->screen, verbose);
	fi->rsdp = acpi_rsdp(verbose);
	fi->rng = rng_find(verbose);
	fi->secure_boot = secureboot_vars_state(verbose);
}

void firmware_info_apply(const struct firmware_info *fi, struct boot_params *bp,
			 const struct layout *l, const struct page_alloc *pa)
{
	if (fi->have_screen)
		bp->screen_info = fi->screen;
	bp->acpi_rsdp_addr = fi->rsdp;
	bp->secure_boot = fi->secure_boot;
	if (fi->rng)
		rng_add_setup_data(fi->rng, bp, l, pa, fi->verbose);
}

/* SPDX-License-Identifier: MIT */
#include "firmware_info.h"

EFI_STATUS firmware_info_collect(struct firmware_info *fi, BOOLEAN verbose)
{
	fi->verbose = verbose;
	return EFI_SUCCESS;
}

EFI_STATUS firmware_info_apply(const struct firmware_info *fi, struct boot_params *bp,
			       const struct layout *l, const struct page_alloc *pa)
{
	(void)fi;
	(void)bp;
	(void)l;
	(void)pa;
	return EFI_SUCCESS;
}

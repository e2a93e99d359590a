/* SPDX-License-Identifier: MIT */
#include "entry.h"

#include "bootparam.h"

int entry_choose(enum entry_kind asked, const struct bzimage_info *bz, unsigned firmware_bits,
		 struct entry_choice *ret, struct diag *diag)
{
	bool has_64 = (bz->xloadflags & XLF_KERNEL_64) != 0;

	switch (asked) {
	case ENTRY_32:
		*ret = (struct entry_choice){ ENTRY_32, "--entry=32" };
		return CL_OK;
	case ENTRY_64:
		if (firmware_bits == 32)
			return diag_set(diag, CL_E_USAGE,
					"--entry=64: on 32-bit firmware every kernel is entered "
					"at startup_32");
		if (!has_64)
			return diag_set(diag, CL_E_KERNEL_NO_64BIT,
					"--entry=64: the kernel has no 64-bit entry point "
					"(XLF_KERNEL_64 not set)");
		*ret = (struct entry_choice){ ENTRY_64, "--entry=64" };
		return CL_OK;
	case ENTRY_AUTO:
	default:
		break;
	}
	if (firmware_bits == 32)
		*ret = (struct entry_choice){ ENTRY_32, "32-bit firmware: the stub runs without "
							"long mode" };
	else if (has_64)
		*ret = (struct entry_choice){ ENTRY_64, "the default" };
	else
		*ret = (struct entry_choice){
			ENTRY_32, "the kernel has no 64-bit entry: XLF_KERNEL_64 not set"
		};
	return CL_OK;
}

/* SPDX-License-Identifier: MIT */
/* Test support: the product reports a status by its message and EFI status. */
#include "status_name.h"

const char *cl_status_name(int status)
{
	static const char *const names[CL_STATUS_COUNT] = {
		[CL_OK] = "CL_OK",
		[CL_E_USAGE] = "CL_E_USAGE",
		[CL_E_OPTIONS_NOT_TEXT] = "CL_E_OPTIONS_NOT_TEXT",
		[CL_E_CONFIG] = "CL_E_CONFIG",
		[CL_E_KERNEL_TOO_SMALL] = "CL_E_KERNEL_TOO_SMALL",
		[CL_E_KERNEL_PE_ONLY] = "CL_E_KERNEL_PE_ONLY",
		[CL_E_KERNEL_NO_BOOT_FLAG] = "CL_E_KERNEL_NO_BOOT_FLAG",
		[CL_E_KERNEL_NO_HDRS] = "CL_E_KERNEL_NO_HDRS",
		[CL_E_KERNEL_PROTOCOL] = "CL_E_KERNEL_PROTOCOL",
		[CL_E_KERNEL_NO_64BIT] = "CL_E_KERNEL_NO_64BIT",
		[CL_E_KERNEL_TRUNCATED] = "CL_E_KERNEL_TRUNCATED",
		[CL_E_KERNEL_BAD_HEADER] = "CL_E_KERNEL_BAD_HEADER",
		[CL_E_CMDLINE_TOO_LONG] = "CL_E_CMDLINE_TOO_LONG",
		[CL_E_MEMMAP_INVALID] = "CL_E_MEMMAP_INVALID",
		[CL_E_NO_KERNEL_WINDOW] = "CL_E_NO_KERNEL_WINDOW",
		[CL_E_NO_INITRD_WINDOW] = "CL_E_NO_INITRD_WINDOW",
		[CL_E_OUT_OF_PAGES] = "CL_E_OUT_OF_PAGES",
		[CL_E_TOO_MANY] = "CL_E_TOO_MANY",
		[CL_E_NET] = "CL_E_NET",
		[CL_E_INTERNAL] = "CL_E_INTERNAL",
	};

	if (status < 0 || status >= CL_STATUS_COUNT)
		return "CL_E_UNKNOWN";
	return names[status];
}

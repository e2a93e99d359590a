/* SPDX-License-Identifier: MIT */
/*
 * Which of the kernel's entry points the stub jumps to: the one --entry
 * asked for, else startup_64 when the kernel has it (XLF_KERNEL_64) and
 * the firmware is 64-bit, else startup_32.  The reason goes into --verbose.
 */
#ifndef CHAINLOAD_ENTRY_H
#define CHAINLOAD_ENTRY_H

#include "args.h"
#include "bzimage.h"
#include "status.h"

struct entry_choice {
	enum entry_kind kind; /* ENTRY_64 or ENTRY_32, never ENTRY_AUTO */
	const char *why;      /* "--entry=32", "the default", ... */
};

/*
 * firmware_bits: 64, or 32 for chainload-ia32.efi, whose stub has only the
 * 32-bit exit.  Fails only for --entry=64: on 32-bit firmware (CL_E_USAGE)
 * or a kernel without the entry (CL_E_KERNEL_NO_64BIT).
 */
int entry_choose(enum entry_kind asked, const struct bzimage_info *bz, unsigned firmware_bits,
		 struct entry_choice *ret, struct diag *diag);

#endif /* CHAINLOAD_ENTRY_H */

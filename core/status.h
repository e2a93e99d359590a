/* SPDX-License-Identifier: MIT */
/*
 * Why a pure-core step failed.  Each way an input can be rejected has its own
 * code, so tests can expect the exact reason and efi/ can map each to an EFI
 * status.  The human-readable detail (with the numbers that matter) is
 * written into a struct diag by the function that failed.
 */
#ifndef CHAINLOAD_STATUS_H
#define CHAINLOAD_STATUS_H

#include <stdbool.h>
#include <stddef.h>

enum cl_status {
	CL_OK = 0,
	CL_E_USAGE,		  /* bad command-line arguments */
	CL_E_OPTIONS_NOT_TEXT,	  /* load options are not UTF-16 text */
	CL_E_CONFIG,		  /* a config file is malformed or incomplete */
	CL_E_KERNEL_TOO_SMALL,	  /* file cannot hold a setup header */
	CL_E_KERNEL_PE_ONLY,	  /* PE/COFF image without a setup header */
	CL_E_KERNEL_NO_BOOT_FLAG, /* no 0xAA55 at 0x1fe */
	CL_E_KERNEL_NO_HDRS,	  /* no "HdrS" at 0x202 */
	CL_E_KERNEL_PROTOCOL,	  /* boot protocol older than 2.12 */
	CL_E_KERNEL_NO_64BIT,	  /* XLF_KERNEL_64 not set */
	CL_E_KERNEL_TRUNCATED,	  /* file shorter than its header says */
	CL_E_KERNEL_BAD_HEADER,	  /* inconsistent alignment or sizes */
	CL_E_CMDLINE_TOO_LONG,	  /* longer than the kernel's cmdline_size */
	CL_E_MEMMAP_INVALID,	  /* firmware memory map unusable */
	CL_E_NO_KERNEL_WINDOW,	  /* no memory for init_size at a legal address */
	CL_E_NO_INITRD_WINDOW,	  /* no memory for the initrd below its limit */
	CL_E_OUT_OF_PAGES,	  /* the page allocator said no */
	CL_E_TOO_MANY,		  /* a fixed table (extents, initrds) is full */
	CL_E_NET,		  /* a bad URL, or a DHCP reply without a boot file */
	CL_E_INTERNAL,		  /* an invariant of ours broke: a bug */
	CL_STATUS_COUNT
};

/* One line of detail for the user, filled by the function that failed. */
struct diag {
	char msg[192];
};

/* Formats `fmt` into d->msg (d may be NULL) and returns `status`. */
int diag_set(struct diag *d, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Formats `fmt` into d->msg (d may be NULL) and returns false: for checks
 * that answer yes or no and say why not. */
bool diag_false(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* CHAINLOAD_STATUS_H */

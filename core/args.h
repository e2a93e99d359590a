/* SPDX-License-Identifier: MIT */
/*
 * Command-line arguments:
 *   chainload.efi [OPTIONS] KERNEL [KERNEL COMMAND LINE ...]
 * Options stop at KERNEL (or "--"); every later word belongs to the kernel.
 * Words are UTF-8, already split (by the UEFI shell, or by loadopts.c).
 */
#ifndef CHAINLOAD_ARGS_H
#define CHAINLOAD_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

#define ARGS_MAX_INITRDS 32

struct boot_args {
	const char *kernel;			/* path, as given */
	const char *initrds[ARGS_MAX_INITRDS];	/* -i paths, then initrd= words */
	size_t n_initrds;
	char *cmdline;				/* the caller's buffer, NUL-terminated */
	size_t cmdline_len;			/* bytes, NUL excluded */
	bool verbose;
	bool dry_run;
	bool force_copy;
	bool no_verify;				/* skip the SHA-256 check after the copy */
	bool help;
};

/*
 * Parses argv[0..argc) (without the program name).  The kernel command line
 * is the remaining words joined by single spaces into `cmdline` (capacity
 * `cap` bytes); a word that contains a space is put back in double quotes so
 * the kernel sees it as one parameter.  `initrd=PATH` words also load PATH
 * and stay in the command line, as with the Linux EFI stub.
 */
int args_parse(int argc, char *const *argv, char *cmdline, size_t cap,
	       struct boot_args *ret, struct diag *diag);

/* The --help text. */
extern const char args_usage[];

#endif /* CHAINLOAD_ARGS_H */

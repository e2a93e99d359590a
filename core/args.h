/* SPDX-License-Identifier: MIT */
/*
 * Command-line arguments:
 *   chainload.efi [OPTIONS] KERNEL [KERNEL COMMAND LINE ...]
 *   chainload.efi [OPTIONS] --config FILE [MORE KERNEL COMMAND LINE ...]
 *   chainload.efi [OPTIONS]                 (chainload.conf beside the binary,
 *                                            else the boot menu)
 * Options stop at KERNEL (or "--"); every later word belongs to the kernel.
 * Words are UTF-8, already split (by the UEFI shell, or by loadopts.c).
 *
 * With a config file, what it says comes first and the command line adds to
 * it, never silently replaces it (args_apply_config):
 *   kernel        the config's `linux`; a KERNEL word as well is an error
 *   initrds       the config's `initrd` lines, then -i, then initrd= words
 *   command line  the config's `options`, then the words after the options
 */
#ifndef CHAINLOAD_ARGS_H
#define CHAINLOAD_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

#define ARGS_MAX_INITRDS 32

/* What the stub checks after the copy (--verify=MODE). */
enum verify_mode {
	VERIFY_FAST,   /* hash64 of each segment: the default */
	VERIFY_SHA256, /* SHA-256 of each segment */
	VERIFY_OFF,    /* nothing */
};

/* Which of the kernel's entry points the stub jumps to (--entry=32|64). */
enum entry_kind {
	ENTRY_AUTO, /* no --entry: 64 when the kernel has it, else 32 (core/entry.c) */
	ENTRY_64,   /* startup_64 at load + 0x200, paging on */
	ENTRY_32,   /* startup_32 at code32_start, paging off, all below 4 GiB */
};

struct boot_args {
	const char *kernel;		       /* path, as given; NULL until a config names it */
	const char *initrds[ARGS_MAX_INITRDS]; /* -i paths, then initrd= words */
	size_t n_initrds;
	char *cmdline;	    /* the caller's buffer, NUL-terminated */
	size_t cmdline_len; /* bytes, NUL excluded */
	size_t cmdline_cap; /* bytes, NUL included */
	/* Config mode: no KERNEL word, so a config file says what to boot. */
	bool use_config;
	const char *config; /* --config PATH; NULL: chainload.conf beside us */
	bool menu;	    /* --menu: the boot menu even when chainload.conf exists */
	/* The firmware handle of the volume the paths are on; NULL: chainload's own. */
	void *volume;
	char *const *extra; /* words after the options, for the command line */
	int n_extra;
	size_t n_cli_initrds; /* the -i paths among initrds[] */
	bool verbose;
	bool dry_run;
	bool force_copy;
	enum verify_mode verify;
	enum entry_kind entry;
	bool help;
	bool version;
};

struct config;

/*
 * Parses argv[0..argc) (without the program name).  The kernel command line
 * is the remaining words joined by single spaces into `cmdline` (capacity
 * `cap` bytes); a word that contains a space is put back in double quotes so
 * the kernel sees it as one parameter.  `initrd=PATH` words also load PATH
 * and stay in the command line, as with the Linux EFI stub.
 */
int args_parse(int argc, char *const *argv, char *cmdline, size_t cap, struct boot_args *ret,
	       struct diag *diag);

/*
 * Config mode (a->use_config): takes the kernel, initrds and command line
 * from `cfg` and adds the command line's, in the order described above.
 * The strings of `cfg` must outlive `a`.
 */
int args_apply_config(struct boot_args *a, const struct config *cfg, struct diag *diag);

/*
 * The boot menu's `efi` entry: the image's load options are the entry's
 * `options` alone (chainload's own words are for a kernel), into
 * a->cmdline.  CL_E_INTERNAL for an entry that is not an `efi` one.
 */
int args_apply_efi_entry(struct boot_args *a, const struct config *cfg, struct diag *diag);

/* The --help text. */
extern const char args_usage[];

#endif /* CHAINLOAD_ARGS_H */

/* SPDX-License-Identifier: MIT */
/*
 * What the kernel's EFI stub would have handed Linux, gathered from the
 * firmware before ExitBootServices: framebuffer (GOP), ACPI RSDP, RNG seed,
 * Secure Boot state.  Collected early (it may print warnings), applied to
 * boot_params once that page exists.  All of it is optional: a machine
 * without a GOP or an RNG still boots, the kernel just gets less.
 *
 * One file per source: gop.c, acpi.c, rng.c, secureboot_vars.c.
 */
#ifndef CHAINLOAD_FIRMWARE_INFO_H
#define CHAINLOAD_FIRMWARE_INFO_H

#include <efi.h>

#include "bootparam.h"
#include "layout.h"
#include "page_alloc.h"

/* Bytes of RNG seed for SETUP_RNG_SEED: 256 bits, what Linux's stub passes. */
#define RNG_SEED_BYTES 32

struct firmware_info {
	BOOLEAN verbose;
	BOOLEAN have_screen;
	struct screen_info screen;
	UINT64 rsdp;	       /* 0: none found */
	EFI_RNG_PROTOCOL *rng; /* NULL: none */
	UINT8 secure_boot;     /* SECURE_BOOT_* (core/secureboot.h) */
};

/* Reads everything; cannot fail (a missing optional feature costs at most a warning). */
void firmware_info_collect(struct firmware_info *fi, BOOLEAN verbose);

/*
 * Writes the collected information into `bp`; setup_data nodes it needs are
 * allocated through `pa` outside every window of `l`.  The RNG seed is drawn
 * only now, straight into its node, so no copy of it lingers anywhere.
 */
void firmware_info_apply(const struct firmware_info *fi, struct boot_params *bp,
			 const struct layout *l, const struct page_alloc *pa);

/* gop.c: screen_info for the console's GOP, else the first usable one. */
BOOLEAN gop_screen_info(struct screen_info *ret, BOOLEAN verbose);

/* acpi.c: the RSDP from the configuration table (ACPI 2.0 first); 0 if none. */
UINT64 acpi_rsdp(BOOLEAN verbose);

/* rng.c: the firmware's EFI_RNG_PROTOCOL, or NULL. */
EFI_RNG_PROTOCOL *rng_find(BOOLEAN verbose);

/*
 * rng.c: chains a SETUP_RNG_SEED node of RNG_SEED_BYTES fresh bytes from
 * `rng` to `bp`.  A failure is a warning: Linux boots without the seed.
 */
void rng_add_setup_data(EFI_RNG_PROTOCOL *rng, struct boot_params *bp, const struct layout *l,
			const struct page_alloc *pa, BOOLEAN verbose);

/* secureboot_vars.c: boot_params.secure_boot from the firmware's variables. */
UINT8 secureboot_vars_state(BOOLEAN verbose);

/* secureboot_vars.c: the variables themselves (efi/trust/kernel_trust.c decides from them). */
struct secureboot_vars;
void secureboot_vars_read(struct secureboot_vars *ret);

#endif /* CHAINLOAD_FIRMWARE_INFO_H */

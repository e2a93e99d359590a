/* SPDX-License-Identifier: MIT */
/*
 * boot_params.secure_boot from three EFI variables, decided the way Linux's
 * EFI stub decides it, so a kernel started by chainload reports (and, with
 * lockdown, enforces) the same state as one started through its stub:
 *   SecureBoot (global GUID) missing, or 0, or SetupMode 1   -> disabled
 *   SecureBoot unreadable for any other reason               -> unknown
 *   otherwise enabled, unless shim's MokSBState is 1 in a
 *   volatile variable (the user turned shim's validation off) -> disabled
 * efi/handoff/secureboot_vars.c reads the variables; this file only decides.
 */
#ifndef CHAINLOAD_SECUREBOOT_H
#define CHAINLOAD_SECUREBOOT_H

#include <stdbool.h>
#include <stdint.h>

/* boot_params.secure_boot values (enum efi_secureboot_mode in Linux). */
#define SECURE_BOOT_UNSET    0
#define SECURE_BOOT_UNKNOWN  1
#define SECURE_BOOT_DISABLED 2
#define SECURE_BOOT_ENABLED  3

/* How reading one variable went. */
enum secureboot_read {
	SECUREBOOT_VAR_FOUND,	/* one byte read into `value` */
	SECUREBOOT_VAR_MISSING, /* EFI_NOT_FOUND */
	SECUREBOOT_VAR_ERROR,	/* anything else, including a wrong size */
};

struct secureboot_var {
	enum secureboot_read read;
	uint8_t value;
	bool non_volatile; /* EFI_VARIABLE_NON_VOLATILE was set */
};

struct secureboot_vars {
	struct secureboot_var secure_boot;  /* SecureBoot */
	struct secureboot_var setup_mode;   /* SetupMode */
	struct secureboot_var mok_sb_state; /* MokSBState, shim's GUID */
};

/* SECURE_BOOT_UNKNOWN, _DISABLED or _ENABLED (never _UNSET). */
uint8_t secureboot_mode(const struct secureboot_vars *v);

/*
 * Whether chainload must have the kernel verified before it may start it
 * (efi/trust/kernel_trust.c).  Fails closed, unlike secureboot_mode():
 *   SecureBoot missing (no Secure Boot support) or 0      -> no
 *   SecureBoot non-zero and SetupMode 1 (no keys enrolled) -> no
 *   anything else, including any variable that exists but
 *   cannot be read, or SetupMode missing                   -> yes
 * MokSBState plays no part: only shim may honour it, and shim's Verify
 * does so itself.
 */
bool secureboot_verification_required(const struct secureboot_vars *v);

/* "unset", "unknown", "disabled", "enabled", or "invalid". */
const char *secureboot_mode_name(uint8_t mode);

#endif /* CHAINLOAD_SECUREBOOT_H */

/* SPDX-License-Identifier: MIT */
#include "secureboot.h"

uint8_t secureboot_mode(const struct secureboot_vars *v)
{
	const struct secureboot_var *mok = &v->mok_sb_state;

	if (v->secure_boot.read == SECUREBOOT_VAR_MISSING)
		return SECURE_BOOT_DISABLED; /* firmware without Secure Boot */
	if (v->secure_boot.read != SECUREBOOT_VAR_FOUND)
		return SECURE_BOOT_UNKNOWN;
	if (!v->secure_boot.value)
		return SECURE_BOOT_DISABLED;
	/* In setup mode no key is enrolled, so nothing is verified. */
	if (v->setup_mode.read == SECUREBOOT_VAR_FOUND && v->setup_mode.value == 1)
		return SECURE_BOOT_DISABLED;
	/*
	 * shim's MokSBState = 1: its user turned validation off.  Only a
	 * volatile variable counts: it was created in this boot, before us;
	 * a non-volatile one may have been left behind by an OS.
	 */
	if (mok->read == SECUREBOOT_VAR_FOUND && mok->value == 1 && !mok->non_volatile)
		return SECURE_BOOT_DISABLED;
	return SECURE_BOOT_ENABLED;
}

bool secureboot_verification_required(const struct secureboot_vars *v)
{
	if (v->secure_boot.read == SECUREBOOT_VAR_MISSING)
		return false;
	if (v->secure_boot.read == SECUREBOOT_VAR_FOUND && !v->secure_boot.value)
		return false;
	/* Only a readable SetupMode of 1 proves that nothing is enrolled. */
	return !(v->secure_boot.read == SECUREBOOT_VAR_FOUND &&
		 v->setup_mode.read == SECUREBOOT_VAR_FOUND && v->setup_mode.value == 1);
}

const char *secureboot_mode_name(uint8_t mode)
{
	static const char *const names[] = { "unset", "unknown", "disabled", "enabled" };

	return mode < sizeof(names) / sizeof(names[0]) ? names[mode] : "invalid";
}

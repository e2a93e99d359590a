/* SPDX-License-Identifier: MIT */
/*
 * Reads the three variables core/secureboot.c decides boot_params.secure_boot
 * from.  Each must be exactly one byte; anything else counts as unreadable.
 */
#include "handoff/firmware_info.h"

#include <efilib.h>

#include "fw/console.h"
#include "fmt.h"
#include "secureboot.h"
#include "trust/shim.h"

static EFI_GUID global_guid = EFI_GLOBAL_VARIABLE;
static EFI_GUID shim_guid = SHIM_GUID;

static void read_var(CHAR16 *name, EFI_GUID *guid, struct secureboot_var *ret)
{
	UINT32 attr = 0;
	UINT8 value = 0;
	UINTN size = sizeof(value);
	EFI_STATUS st = RT->GetVariable(name, guid, &attr, &size, &value);

	ret->value = value;
	ret->non_volatile = (attr & EFI_VARIABLE_NON_VOLATILE) != 0;
	if (st == EFI_NOT_FOUND)
		ret->read = SECUREBOOT_VAR_MISSING;
	else if (EFI_ERROR(st) || size != sizeof(value))
		ret->read = SECUREBOOT_VAR_ERROR;
	else
		ret->read = SECUREBOOT_VAR_FOUND;
}

/* "SecureBoot=1", "SetupMode missing", "MokSBState unreadable". */
static const char *describe(const char *name, const struct secureboot_var *v, char *buf,
			    size_t size)
{
	if (v->read == SECUREBOOT_VAR_FOUND)
		fmt_format(buf, size, "%s=%u", name, v->value);
	else
		fmt_format(buf, size, "%s %s", name,
			   v->read == SECUREBOOT_VAR_MISSING ? "missing" : "unreadable");
	return buf;
}

void secureboot_vars_read(struct secureboot_vars *ret)
{
	read_var(L"SecureBoot", &global_guid, &ret->secure_boot);
	read_var(L"SetupMode", &global_guid, &ret->setup_mode);
	read_var(L"MokSBState", &shim_guid, &ret->mok_sb_state);
}

UINT8 secureboot_vars_state(BOOLEAN verbose)
{
	struct secureboot_vars v;
	char a[32], b[32], c[32];
	UINT8 mode;

	secureboot_vars_read(&v);
	mode = secureboot_mode(&v);
	if (verbose)
		con_print("chainload: Secure Boot %s (%s, %s, %s)\n", secureboot_mode_name(mode),
			  describe("SecureBoot", &v.secure_boot, a, sizeof(a)),
			  describe("SetupMode", &v.setup_mode, b, sizeof(b)),
			  describe("MokSBState", &v.mok_sb_state, c, sizeof(c)));
	return mode;
}

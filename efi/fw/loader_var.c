/* SPDX-License-Identifier: MIT */
#include "fw/loader_var.h"

#include <efilib.h>

#include "utf16.h"
#include "utf8.h"

#define NAME_UNITS  40
#define VALUE_UNITS 1024

static EFI_GUID loader_guid = {
	0x4a67b082, 0x0a4c, 0x41cf, { 0xb6, 0xc7, 0x44, 0x0b, 0x29, 0xbb, 0x8c, 0x4f }
};

/* Variable names here are ASCII literals. */
static void name16(const char *name, CHAR16 *out)
{
	UINTN n = 0;

	for (; name[n] && n + 1 < NAME_UNITS; n++)
		out[n] = (CHAR16)name[n];
	out[n] = 0;
}

static UINT32 attributes(enum loader_var_kind kind)
{
	UINT32 a = EFI_VARIABLE_BOOTSERVICE_ACCESS | EFI_VARIABLE_RUNTIME_ACCESS;

	if (kind == LOADER_VAR_NV)
		a |= EFI_VARIABLE_NON_VOLATILE;
	return a;
}

EFI_STATUS loader_var_get(const char *name, char *buf, UINTN cap)
{
	CHAR16 n16[NAME_UNITS], value[VALUE_UNITS];
	UINTN size = sizeof(value), units, len;
	struct diag d;
	EFI_STATUS st;

	name16(name, n16);
	st = RT->GetVariable(n16, &loader_guid, NULL, &size, value);
	if (EFI_ERROR(st))
		return st;
	if (size % sizeof(CHAR16))
		return EFI_INVALID_PARAMETER;
	units = size / sizeof(CHAR16);
	/* The NUL is optional on input: some writers leave it out. */
	if (units && !value[units - 1])
		units--;
	for (UINTN i = 0; i < units; i++)
		if (!value[i])
			return EFI_INVALID_PARAMETER;
	if (utf16_to_utf8(value, units, buf, cap, &len, &d))
		return EFI_BAD_BUFFER_SIZE;
	return EFI_SUCCESS;
}

EFI_STATUS loader_var_set_bytes(const char *name, const void *bytes, UINTN size,
				enum loader_var_kind kind)
{
	CHAR16 n16[NAME_UNITS];

	name16(name, n16);
	return RT->SetVariable(n16, &loader_guid, attributes(kind), size, (void *)bytes);
}

EFI_STATUS loader_var_set(const char *name, const char *value, enum loader_var_kind kind)
{
	CHAR16 v[VALUE_UNITS];
	UINTN n = utf8_to_ucs2(value, v, VALUE_UNITS);

	if (!n || n == UTF8_TOO_LONG)
		return n ? EFI_BAD_BUFFER_SIZE : EFI_INVALID_PARAMETER;
	return loader_var_set_bytes(name, v, n * sizeof(CHAR16), kind);
}

EFI_STATUS loader_var_delete(const char *name)
{
	CHAR16 n16[NAME_UNITS];
	EFI_STATUS st;

	name16(name, n16);
	st = RT->SetVariable(n16, &loader_guid, 0, 0, NULL);
	return st == EFI_NOT_FOUND ? EFI_SUCCESS : st;
}

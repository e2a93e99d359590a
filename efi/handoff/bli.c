/* SPDX-License-Identifier: MIT */
#include "handoff/bli.h"

#include <efilib.h>

#include "fw/console.h"
#include "fw/cpu.h"
#include "fw/efi_status.h"
#include "fw/timer.h"
#include "fmt.h"
#include "guid.h"

#define VALUE_UNITS 600

static EFI_GUID loader_guid = {
	0x4a67b082, 0x0a4c, 0x41cf, { 0xb6, 0xc7, 0x44, 0x0b, 0x29, 0xbb, 0x8c, 0x4f }
};

static BOOLEAN warned;

static void set_var(const char *name, const CHAR16 *value)
{
	CHAR16 name16[32];
	UINTN n = 0, len = StrLen(value);
	EFI_STATUS st;

	for (; name[n] && n + 1 < sizeof(name16) / sizeof(name16[0]); n++)
		name16[n] = (CHAR16)name[n];
	name16[n] = 0;
	st = RT->SetVariable(name16, &loader_guid,
			     EFI_VARIABLE_BOOTSERVICE_ACCESS | EFI_VARIABLE_RUNTIME_ACCESS,
			     (len + 1) * sizeof(CHAR16), (void *)value);
	if (EFI_ERROR(st) && !warned) {
		warned = TRUE;
		con_print("chainload: warning: cannot set the %s variable for Linux (%s)\n", name,
			  efi_status_name(st));
	}
}

/* ASCII only: our own version string, numbers and GUIDs. */
static void set_ascii(const char *name, const char *value)
{
	CHAR16 v[VALUE_UNITS];
	UINTN n = 0;

	for (; value[n] && n + 1 < VALUE_UNITS; n++)
		v[n] = (CHAR16)(unsigned char)value[n];
	v[n] = 0;
	set_var(name, v);
}

static void set_time(const char *name, UINT64 tsc)
{
	char text[24];

	fmt_format(text, sizeof(text), "%llu", (unsigned long long)(tsc / timer_tsc_per_us()));
	set_ascii(name, text);
}

void bli_begin(const struct image_location *loc)
{
	char text[GUID_TEXT_LEN + 1];

	set_ascii("LoaderInfo", "chainload " CHAINLOAD_VERSION);
	/* Calibrates the TSC (the first use); without it no times are set. */
	if (timer_tsc_per_us())
		set_time("LoaderTimeInitUSec", timer_start_tsc());
	if (loc->have_part_guid) {
		guid_format(loc->part_guid, text);
		set_ascii("LoaderDevicePartUUID", text);
	}
	if (loc->have_path)
		set_var("LoaderImageIdentifier", loc->path16);
}

void bli_exec(void)
{
	if (timer_tsc_per_us())
		set_time("LoaderTimeExecUSec", cpu_rdtsc());
}

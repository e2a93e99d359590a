/* SPDX-License-Identifier: MIT */
#include "handoff/bli.h"

#include <efilib.h>

#include "fw/console.h"
#include "fw/cpu.h"
#include "fw/efi_status.h"
#include "fw/loader_var.h"
#include "fw/timer.h"
#include "fmt.h"
#include "guid.h"

static BOOLEAN warned;

/* A variable the firmware refuses costs one warning (the first), never the boot. */
static void check_set(const char *name, EFI_STATUS st)
{
	if (EFI_ERROR(st) && !warned) {
		warned = TRUE;
		con_print("chainload: warning: cannot set the %s variable for Linux (%s)\n", name,
			  efi_status_name(st));
	}
}

static void set_string(const char *name, const char *value)
{
	check_set(name, loader_var_set(name, value, LOADER_VAR_VOLATILE));
}

static void set_bytes(const char *name, const void *bytes, UINTN size)
{
	check_set(name, loader_var_set_bytes(name, bytes, size, LOADER_VAR_VOLATILE));
}

static void set_time(const char *name, UINT64 tsc)
{
	char text[24];

	fmt_format(text, sizeof(text), "%llu", (unsigned long long)(tsc / timer_tsc_per_us()));
	set_string(name, text);
}

void bli_begin(const struct image_location *loc)
{
	char text[GUID_TEXT_LEN + 1];

	set_string("LoaderInfo", "chainload " CHAINLOAD_VERSION);
	/* Calibrates the TSC (the first use); without it no times are set. */
	if (timer_tsc_per_us())
		set_time("LoaderTimeInitUSec", timer_start_tsc());
	if (loc->have_part_guid) {
		guid_format(loc->part_guid, text);
		set_string("LoaderDevicePartUUID", text);
	}
	if (loc->have_path)
		set_string("LoaderImageIdentifier", loc->path);
}

void bli_exec(void)
{
	if (timer_tsc_per_us())
		set_time("LoaderTimeExecUSec", cpu_rdtsc());
}

void bli_menu(const UINT16 *entries, UINTN units, UINT64 features)
{
	UINT8 le[8];

	for (UINTN i = 0; i < sizeof(le); i++)
		le[i] = (UINT8)(features >> (8 * i));
	set_bytes("LoaderFeatures", le, sizeof(le));
	set_bytes("LoaderEntries", entries, units * sizeof(UINT16));
}

void bli_chosen(const char *id, const char *count_path)
{
	set_string("LoaderEntrySelected", id);
	if (timer_tsc_per_us())
		set_time("LoaderTimeMenuUSec", cpu_rdtsc());
	if (count_path)
		set_string("LoaderBootCountPath", count_path);
}

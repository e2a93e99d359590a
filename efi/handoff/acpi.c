/* SPDX-License-Identifier: MIT */
/*
 * boot_params.acpi_rsdp_addr: where Linux finds ACPI when it does not parse
 * the EFI configuration table itself (e.g. booted with `noefi`).  The ACPI
 * 2.0 entry is preferred: its RSDP carries the 64-bit XSDT address.
 */
#include "handoff/firmware_info.h"

#include <efilib.h>

#include "fw/config_table.h"
#include "fw/console.h"

/* "RSD PTR ", the first 8 bytes of every RSDP (ACPI 6.5, 5.2.5.3). */
#define RSDP_SIGNATURE 0x2052545020445352ull

UINT64 acpi_rsdp(BOOLEAN verbose)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
	const char *version = "2.0";
	UINT64 rsdp = (UINT64)(UINTN)config_table_find(&acpi20);

	if (!rsdp) {
		version = "1.0";
		rsdp = (UINT64)(UINTN)config_table_find(&acpi10);
	}
	if (!rsdp) {
		if (verbose)
			con_print("chainload: no ACPI table in the EFI configuration table\n");
		return 0;
	}
	/* A bad pointer is the firmware's problem; don't hand it on. */
	if (*(const UINT64 *)(UINTN)rsdp != RSDP_SIGNATURE) {
		con_print("chainload: warning: ACPI %s table at 0x%llx has no RSDP signature; "
			  "not passed to Linux\n",
			  version, (unsigned long long)rsdp);
		return 0;
	}
	if (verbose)
		con_print("chainload: ACPI %s RSDP at 0x%llx\n", version, (unsigned long long)rsdp);
	return rsdp;
}

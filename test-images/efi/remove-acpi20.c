/* SPDX-License-Identifier: MIT */
/*
 * Test fixture, run from startup.nsh before chainload: removes the ACPI 2.0
 * entry from the EFI configuration table, so chainload's real lookup
 * (efi/handoff/acpi.c) must fall back to the ACPI 1.0 RSDP and the kernel
 * must find ACPI through that (tests/qemu/debian-noefi.sh).  The removal
 * lasts until reset.  Fails, and changes nothing, unless both tables are
 * there to begin with: without a 1.0 table there is no fallback to test.
 */
#include <efi.h>
#include <efilib.h>

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

static void *find_table(EFI_GUID *guid)
{
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		if (!CompareGuid(&ST->ConfigurationTable[i].VendorGuid, guid))
			return ST->ConfigurationTable[i].VendorTable;
	}
	return NULL;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
	void *rsdp20, *rsdp10;
	EFI_STATUS st;

	InitializeLib(image, systab);
	rsdp20 = find_table(&acpi20);
	rsdp10 = find_table(&acpi10);
	if (!rsdp20 || !rsdp10) {
		Print(L"fixture: remove-acpi20: the firmware lacks the ACPI %a table\n",
		      rsdp20 ? "1.0" : "2.0");
		return EFI_NOT_FOUND;
	}
	st = BS->InstallConfigurationTable(&acpi20, NULL);
	if (EFI_ERROR(st)) {
		Print(L"fixture: remove-acpi20: cannot remove the ACPI 2.0 table (%r)\n", st);
		return st;
	}
	Print(L"fixture: remove-acpi20: removed the ACPI 2.0 table at 0x%lx; "
	      L"ACPI 1.0 table at 0x%lx\n",
	      (UINT64)(UINTN)rsdp20, (UINT64)(UINTN)rsdp10);
	return EFI_SUCCESS;
}

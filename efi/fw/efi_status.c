/* SPDX-License-Identifier: MIT */
#include "fw/efi_status.h"

#include "status.h"
#include "fmt.h"

const char *efi_status_name(EFI_STATUS status)
{
	static const struct {
		EFI_STATUS status;
		const char *name;
	} names[] = {
		{ EFI_SUCCESS, "EFI_SUCCESS" },
		{ EFI_LOAD_ERROR, "EFI_LOAD_ERROR" },
		{ EFI_INVALID_PARAMETER, "EFI_INVALID_PARAMETER" },
		{ EFI_UNSUPPORTED, "EFI_UNSUPPORTED" },
		{ EFI_BAD_BUFFER_SIZE, "EFI_BAD_BUFFER_SIZE" },
		{ EFI_BUFFER_TOO_SMALL, "EFI_BUFFER_TOO_SMALL" },
		{ EFI_NOT_READY, "EFI_NOT_READY" },
		{ EFI_DEVICE_ERROR, "EFI_DEVICE_ERROR" },
		{ EFI_WRITE_PROTECTED, "EFI_WRITE_PROTECTED" },
		{ EFI_OUT_OF_RESOURCES, "EFI_OUT_OF_RESOURCES" },
		{ EFI_VOLUME_CORRUPTED, "EFI_VOLUME_CORRUPTED" },
		{ EFI_VOLUME_FULL, "EFI_VOLUME_FULL" },
		{ EFI_NO_MEDIA, "EFI_NO_MEDIA" },
		{ EFI_MEDIA_CHANGED, "EFI_MEDIA_CHANGED" },
		{ EFI_NOT_FOUND, "EFI_NOT_FOUND" },
		{ EFI_ACCESS_DENIED, "EFI_ACCESS_DENIED" },
		{ EFI_NO_RESPONSE, "EFI_NO_RESPONSE" },
		{ EFI_NO_MAPPING, "EFI_NO_MAPPING" },
		{ EFI_TIMEOUT, "EFI_TIMEOUT" },
		{ EFI_NOT_STARTED, "EFI_NOT_STARTED" },
		{ EFI_ALREADY_STARTED, "EFI_ALREADY_STARTED" },
		{ EFI_ABORTED, "EFI_ABORTED" },
		{ EFI_ICMP_ERROR, "EFI_ICMP_ERROR" },
		{ EFI_TFTP_ERROR, "EFI_TFTP_ERROR" },
		{ EFI_PROTOCOL_ERROR, "EFI_PROTOCOL_ERROR" },
		{ EFI_INCOMPATIBLE_VERSION, "EFI_INCOMPATIBLE_VERSION" },
		{ EFI_SECURITY_VIOLATION, "EFI_SECURITY_VIOLATION" },
		{ EFI_END_OF_FILE, "EFI_END_OF_FILE" },
		{ EFI_COMPROMISED_DATA, "EFI_COMPROMISED_DATA" },
	};
	static char unknown[32];

	for (UINTN i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].status == status)
			return names[i].name;
	fmt_format(unknown, sizeof(unknown), "EFI status 0x%llx", (unsigned long long)status);
	return unknown;
}

EFI_STATUS efi_status_of(int cl_status)
{
	switch (cl_status) {
	case CL_OK:
		return EFI_SUCCESS;
	case CL_E_USAGE:
	case CL_E_OPTIONS_NOT_TEXT:
	case CL_E_CONFIG:
	case CL_E_CMDLINE_TOO_LONG:
	case CL_E_NET:
		return EFI_INVALID_PARAMETER;
	case CL_E_KERNEL_TOO_SMALL:
	case CL_E_KERNEL_NO_BOOT_FLAG:
	case CL_E_KERNEL_NO_HDRS:
	case CL_E_KERNEL_BAD_HEADER:
		return EFI_LOAD_ERROR;
	case CL_E_KERNEL_PE_ONLY:
	case CL_E_KERNEL_PROTOCOL:
	case CL_E_KERNEL_NO_64BIT:
		return EFI_UNSUPPORTED;
	case CL_E_KERNEL_TRUNCATED:
		return EFI_END_OF_FILE;
	case CL_E_MEMMAP_INVALID:
		return EFI_COMPROMISED_DATA;
	case CL_E_NO_KERNEL_WINDOW:
	case CL_E_NO_INITRD_WINDOW:
	case CL_E_OUT_OF_PAGES:
	case CL_E_TOO_MANY:
		return EFI_OUT_OF_RESOURCES;
	default:
		return EFI_ABORTED;
	}
}

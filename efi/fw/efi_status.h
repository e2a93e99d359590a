/* SPDX-License-Identifier: MIT */
/* EFI status names for messages, and the EFI status for each core failure. */
#ifndef CHAINLOAD_EFI_STATUS_H
#define CHAINLOAD_EFI_STATUS_H

#include <efi.h>

/* "EFI_NOT_FOUND"; the hex value for statuses without a name. */
const char *efi_status_name(EFI_STATUS status);

/* The EFI status a core failure (enum cl_status) is reported with. */
EFI_STATUS efi_status_of(int cl_status);

#endif /* CHAINLOAD_EFI_STATUS_H */

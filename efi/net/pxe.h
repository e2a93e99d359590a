/* SPDX-License-Identifier: MIT */
/*
 * What the firmware's PXE Base Code learnt when it booted chainload over
 * the network: the TFTP server and the boot file's name, from the PXE
 * reply, else the proxy DHCP offer, else the DHCP ACK (the first of them
 * received that names a boot file).
 */
#ifndef CHAINLOAD_PXE_H
#define CHAINLOAD_PXE_H

#include <efi.h>

#define PXE_BOOT_FILE_MAX 256 /* option 67 holds up to 255 bytes */

struct pxe_boot {
	EFI_PXE_BASE_CODE_PROTOCOL *pxe;
	EFI_IP_ADDRESS server;		   /* IPv4: that packet's siaddr */
	char server_text[16];		   /* "10.0.2.2" */
	char boot_file[PXE_BOOT_FILE_MAX]; /* "pxe/chainload.efi" */
};

/*
 * From the PXE Base Code on `device`.  EFI_NOT_FOUND, silently, when it has
 * none, or it is not started or has no reply naming a boot file (not a
 * network boot).
 */
EFI_STATUS pxe_boot_get(EFI_HANDLE device, struct pxe_boot *ret);

/* The same from the first handle that has one: for tftp:// paths. */
EFI_STATUS pxe_boot_find(struct pxe_boot *ret);

/* "10.0.2.2" into out[16]. */
void pxe_ipv4_text(const UINT8 ip[4], char out[16]);

#endif /* CHAINLOAD_PXE_H */

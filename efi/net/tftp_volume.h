/* SPDX-License-Identifier: MIT */
/*
 * A TFTP server as a volume: a read-only EFI_FILE_PROTOCOL of our own whose
 * root opens files by name through the firmware's PXE Base Code, so the
 * rest of chainload reads a network boot's config, kernel and initrds as it
 * reads them from a disk (efi/fw/file.c).  Open asks the server for the
 * size (TFTP_GET_FILE_SIZE); a Read of the whole file from its start
 * transfers it straight into the caller's buffer (TFTP_READ_FILE).  TFTP
 * cannot seek, so a read of part of a file (the kernel's header, before
 * the plan) transfers the file once into pages of its own, which every
 * later read of it copies from.  No directories: a name that is not a file
 * is not found.
 */
#ifndef CHAINLOAD_TFTP_VOLUME_H
#define CHAINLOAD_TFTP_VOLUME_H

#include <efi.h>

#include "net/pxe.h"

/* The volume of files on boot->server, names relative to boot->boot_file's directory. */
EFI_STATUS tftp_volume_open(const struct pxe_boot *boot, EFI_FILE_HANDLE *ret_root);

/*
 * `name`, a TFTP file name as it is sent, opened on the server `ip` through
 * the PXE Base Code that `root` uses (when `root` is a TFTP volume) or
 * the first one with a DHCP reply: a config's tftp://IP/NAME.  On failure
 * why[0..why_cap) says why, as tftp_failure() does; EFI_NOT_FOUND also
 * when there is no network boot to use.
 */
EFI_STATUS tftp_open_url(EFI_FILE_HANDLE root, const UINT8 ip[4], const char *name,
			 EFI_FILE_HANDLE *ret, char *why, UINTN why_cap);

/* Whether `h` is a file of a TFTP volume (read it whole: file_read). */
BOOLEAN tftp_is_file(EFI_FILE_HANDLE h);

/*
 * Why the last call on `h` (a TFTP root or file) failed, as ": tftp://SERVER/
 * NAME: WHY" to end a message; "" when `h` is not TFTP's or nothing failed.
 */
const char *tftp_failure(EFI_FILE_HANDLE h);

/* What reading a TFTP file took, for --verbose. */
struct tftp_transfer {
	const char *url;
	UINT64 bytes;
	UINT64 us;	  /* the READ_FILE calls, retries included */
	UINT32 attempts;  /* READ_FILE calls made */
	UINTN block_size; /* the block size asked for */
	BOOLEAN bounced;  /* read into pages of its own, then copied */
};

/* FALSE when `h` is not a TFTP file or was not read yet. */
BOOLEAN tftp_file_transfer(EFI_FILE_HANDLE h, struct tftp_transfer *ret);

#endif /* CHAINLOAD_TFTP_VOLUME_H */

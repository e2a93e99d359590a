/* SPDX-License-Identifier: MIT */
/*
 * UEFI device paths (UEFI 2.10 section 10.3): a chain of nodes
 * {u8 type, u8 subtype, u16 length, data[length - 4]} that ends in an
 * end-of-path node (type 0x7f, subtype 0xff); 0x7f/0x01 separates the
 * instances of a multi-instance path (such as the ConOut variable).
 *
 * The walkers take the bytes the firmware gave us plus an upper bound on
 * their size, and stop at the end node, a malformed length or the bound,
 * whichever comes first.
 */
#ifndef CHAINLOAD_DEVPATH_H
#define CHAINLOAD_DEVPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define DEVPATH_MAX_BYTES 4096

/*
 * The file path the media file-path nodes (type 4, subtype 4) spell, joined
 * with backslashes and starting with one ("\EFI\BOOT\BOOTX64.EFI"); '/'
 * becomes '\'.  UTF-16 units into out[0..cap), NUL-terminated; *ret_len
 * excludes the NUL.  CL_E_USAGE when there is no file-path node at all.
 */
int devpath_file_path(const uint8_t *dp, size_t max, uint16_t *out, size_t cap, size_t *ret_len,
		      struct diag *diag);

/*
 * The partition GUID of the first hard-drive node (type 4, subtype 1) whose
 * signature is a GPT GUID, as its 16 bytes.  False when there is none (MBR
 * partitions, a whole disk, a device path without a partition).
 */
bool devpath_gpt_partition(const uint8_t *dp, size_t max, uint8_t ret_guid[16]);

/*
 * The bytes of the nodes before the first hard-drive node: the path of the
 * disk a partition is on, so two partitions are on one disk when their
 * prefixes are equal.  0 when there is no hard-drive node (or the path is
 * malformed before it).
 */
size_t devpath_disk_prefix(const uint8_t *dp, size_t max);

/*
 * True when every instance of a multi-instance device path ends at a serial
 * port: it holds a UART node (type 3, subtype 14).  False for an empty or
 * malformed path.
 */
bool devpath_all_serial(const uint8_t *dp, size_t max);

#endif /* CHAINLOAD_DEVPATH_H */
